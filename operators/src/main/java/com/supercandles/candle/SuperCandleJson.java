package com.supercandles.candle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * One candle as one JSON object: keys exactly the contract's field names, doubles at full precision
 * (the shortest text that reads back to the same double), no-data values as JSON null.
 */
public final class SuperCandleJson {
    private static final JsonFactory JSON = new JsonFactory();

    private SuperCandleJson() {}

    public static String toJson(SuperCandle candle) {
        StringWriter out = new StringWriter(2048);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (SuperCandleFields.Field f : SuperCandleFields.ALL) {
                g.writeFieldName(f.name());
                switch (f.kind()) {
                    case TEXT:
                        g.writeString(f.text(candle));
                        break;
                    case INTEGER:
                        g.writeNumber(f.integer(candle));
                        break;
                    default:
                        double v = f.real(candle);
                        if (Double.isNaN(v)) {
                            g.writeNull();
                        } else {
                            g.writeNumber(v);
                        }
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
