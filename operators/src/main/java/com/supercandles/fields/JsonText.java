package com.supercandles.fields;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** Writes one JSON value to a string with Jackson's streaming generator (no reflection, no tree). */
public final class JsonText {
    private static final JsonFactory JSON = new JsonFactory();

    /** What to write with the generator. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private JsonText() {}

    public static String write(int expectedLength, Body body) {
        StringWriter out = new StringWriter(expectedLength);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** A field whose value is a double at full precision, or null for NaN. */
    public static void writeRealField(JsonGenerator g, String name, double v) throws IOException {
        g.writeFieldName(name);
        writeReal(g, v);
    }

    /** A double at full precision, or null for NaN (the "no data" of the job's records). */
    public static void writeReal(JsonGenerator g, double v) throws IOException {
        if (Double.isNaN(v)) {
            g.writeNull();
        } else {
            g.writeNumber(v);
        }
    }

    /**
     * What is wrong with a JSON text, for a user: the parser's first line, where (column), without the
     * source excerpt Jackson redacts and without its class name.
     */
    public static String problem(JsonProcessingException e) {
        String m = String.valueOf(e.getOriginalMessage());
        int details = m.indexOf("\n");
        if (details > 0) {
            m = m.substring(0, details);
        }
        // a start marker's location quotes the source excerpt Jackson redacts: the column says enough
        m = m.replaceAll("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)", "").replaceAll("\\[Source:[^\\]]*\\]", "");
        JsonLocation at = e.getLocation();
        return at != null && at.getColumnNr() > 0 ? "column " + at.getColumnNr() + ": " + m : m;
    }
}
