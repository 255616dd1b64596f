package com.supercandles.venue;

import com.supercandles.event.EventType;
import com.supercandles.event.ParsedRecord;
import com.supercandles.event.StreamWatermark;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.IteratorResultIterator;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One stream of a venue input for Flink's {@code FileSource}: the reader reads the whole input (all its
 * files, merged by time: {@link VenueInput#open}) and keeps the records of its stream, each stamped
 * with the stream's watermark as the JSON path stamps a file's ({@link StreamWatermark}).
 *
 * <p>The source is given one path only (the input's first file) and this format reads every file from
 * it: merged by time in one reader, the files of several days or symbols are never late behind each
 * other, whatever order Flink would assign them in. A restored reader skips the records it had handed on.
 */
public final class VenueBulkFormat implements BulkFormat<ParsedRecord, FileSourceSplit> {
    private static final long serialVersionUID = 1L;
    private static final int BATCH = 1024;

    private final VenueInput input;
    private final EventType stream;
    private final Duration maxOutOfOrderness;

    public VenueBulkFormat(VenueInput input, EventType stream, Duration maxOutOfOrderness) {
        this.input = input;
        this.stream = stream;
        this.maxOutOfOrderness = maxOutOfOrderness;
    }

    @Override
    public Reader<ParsedRecord> createReader(Configuration config, FileSourceSplit split) throws IOException {
        return new StreamReader(0);
    }

    @Override
    public Reader<ParsedRecord> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
        long handedOn = split.getReaderPosition().map(CheckpointedPosition::getRecordsAfterOffset).orElse(0L);
        return new StreamReader(handedOn);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<ParsedRecord> getProducedType() {
        return TypeInformation.of(ParsedRecord.class);
    }

    private final class StreamReader implements Reader<ParsedRecord> {
        private final VenueInput.Records records;
        private final StreamWatermark watermark = new StreamWatermark(maxOutOfOrderness);
        private long handedOn;

        StreamReader(long skip) throws IOException {
            records = input.open();
            for (long i = 0; i < skip && nextOfStream() != null; i++) {
                handedOn++;
            }
        }

        private ParsedRecord nextOfStream() throws IOException {
            ParsedRecord r;
            do {
                r = records.next();
            } while (r != null && !of(r));
            return r == null ? null : watermark.stamp(r);
        }

        private boolean of(ParsedRecord r) {
            return r.event != null ? r.event.type == stream : stream.streamName().equals(r.rejection.stream);
        }

        @Override
        public RecordIterator<ParsedRecord> readBatch() throws IOException {
            List<ParsedRecord> batch = new ArrayList<>(BATCH);
            ParsedRecord r;
            while (batch.size() < BATCH && (r = nextOfStream()) != null) {
                batch.add(r);
            }
            if (batch.isEmpty()) {
                return null;
            }
            long first = handedOn;
            handedOn += batch.size();
            return new IteratorResultIterator<>(batch.iterator(), CheckpointedPosition.NO_OFFSET, first);
        }

        @Override
        public void close() throws IOException {
            records.close();
        }
    }
}
