package com.supercandles.source;

import com.supercandles.event.EventParser;
import com.supercandles.event.ParsedRecord;
import com.supercandles.event.StreamWatermark;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

import java.io.IOException;
import java.time.Duration;

/**
 * Reads a recorded stream file (one JSON event per line) for Flink's {@code FileSource}, parsing
 * each line as it is read so that watermarks come from event time at the source. Blank lines are
 * skipped; every other line becomes an event or a rejection. A line over the contract's 1 MiB is not
 * held whole: it becomes a rejection that keeps its first bytes ({@link BoundedLines}).
 */
public class JsonLinesEventFormat extends SimpleStreamFormat<ParsedRecord> {
    private static final long serialVersionUID = 1L;

    private final String stream;
    private final EventParser parser;
    private final Duration maxOutOfOrderness;

    /**
     * @param stream the stream name given to rejections ({@code trades}, {@code orders}, {@code book})
     * @param maxOutOfOrderness the job's bound: each event is stamped with its file's watermark
     */
    public JsonLinesEventFormat(String stream, EventParser parser, Duration maxOutOfOrderness) {
        this.stream = stream;
        this.parser = parser;
        this.maxOutOfOrderness = maxOutOfOrderness;
    }

    @Override
    public StreamFormat.Reader<ParsedRecord> createReader(Configuration config, FSDataInputStream in) {
        BoundedLines lines = new BoundedLines(in, EventParser.MAX_RECORD_BYTES);
        StreamWatermark file = new StreamWatermark(maxOutOfOrderness);
        return new StreamFormat.Reader<>() {
            @Override
            public ParsedRecord read() throws IOException {
                do {
                    if (!lines.next()) {
                        return null;
                    }
                } while (lines.isBlank());
                if (lines.length() > EventParser.MAX_RECORD_BYTES) {
                    return EventParser.oversized(stream, lines.bytes(), 0, lines.length());
                }
                return file.stamp(parser.parse(stream, lines.bytes(), 0, lines.kept()));
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    @Override
    public TypeInformation<ParsedRecord> getProducedType() {
        return TypeInformation.of(ParsedRecord.class);
    }
}
