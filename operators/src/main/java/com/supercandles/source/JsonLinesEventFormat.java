package com.supercandles.source;

import com.supercandles.event.EventParser;
import com.supercandles.event.ParsedRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads a recorded stream file (one JSON event per line) for Flink's {@code FileSource}, parsing
 * each line as it is read so that watermarks come from event time at the source. Blank lines are
 * skipped; every other line becomes an event or a rejection.
 */
public class JsonLinesEventFormat extends SimpleStreamFormat<ParsedRecord> {
    private static final long serialVersionUID = 1L;

    private final String stream;
    private final EventParser parser;

    /** @param stream the stream name given to rejections ({@code trades}, {@code orders}, {@code book}) */
    public JsonLinesEventFormat(String stream, EventParser parser) {
        this.stream = stream;
        this.parser = parser;
    }

    @Override
    public StreamFormat.Reader<ParsedRecord> createReader(Configuration config, FSDataInputStream in) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        return new StreamFormat.Reader<>() {
            @Override
            public ParsedRecord read() throws IOException {
                String line;
                do {
                    line = lines.readLine();
                    if (line == null) {
                        return null;
                    }
                } while (line.isBlank());
                return parser.parse(stream, line);
            }

            @Override
            public void close() throws IOException {
                lines.close();
            }
        };
    }

    @Override
    public TypeInformation<ParsedRecord> getProducedType() {
        return TypeInformation.of(ParsedRecord.class);
    }
}
