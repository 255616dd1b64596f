package com.supercandles.jobs.bench;

import com.supercandles.event.EventParser;
import com.supercandles.event.ParsedRecord;
import com.supercandles.event.StreamWatermark;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * A source that plays an {@link EventTape} into the job, parsing each record as the Kafka source's
 * deserializer does. Subtask {@code i} of {@code p} plays records {@code i, i + p, i + 2p, ...}, so
 * every subtask moves through event time at the same pace.
 *
 * <p>Tapes are far too big to travel in the job graph; the MiniCluster runs in this JVM, so the
 * source finds its tape in a static registry by name.
 */
public final class TapeSource {
    private static final Map<String, EventTape> TAPES = new ConcurrentHashMap<>();

    private TapeSource() {}

    /**
     * A bounded source of the whole tape, whose size must be a multiple of {@code parallelism} (see
     * {@link EventTape#truncatedToMultipleOf}) so that every subtask plays an equal share.
     *
     * @param clock null to play at full speed; otherwise events are released when the clock says their
     *              event time has come
     * @param maxOutOfOrderness the job's bound: each subtask's share is a stream partition whose events
     *                          are stamped with its watermark, as the real sources do
     */
    public static DataGeneratorSource<ParsedRecord> of(EventTape tape, int parallelism, RunClock clock,
                                                       Duration maxOutOfOrderness) {
        if (tape.size() % parallelism != 0) {
            throw new IllegalArgumentException("the " + tape.stream().streamName() + " tape holds " + tape.size()
                    + " records, not a multiple of the parallelism " + parallelism);
        }
        String name = tape.stream().streamName() + "@" + System.identityHashCode(tape);
        TAPES.put(name, tape);
        return new DataGeneratorSource<>(new Player(name, clock, maxOutOfOrderness), tape.size(), TypeInformation.of(ParsedRecord.class));
    }

    /** Forgets the registered tapes (they hold hundreds of megabytes). */
    public static void releaseAll() {
        TAPES.clear();
    }

    /** Plays one subtask's share: every {@code parallelism}-th record from its index. */
    private static final class Player implements GeneratorFunction<Long, ParsedRecord> {
        private static final long serialVersionUID = 1L;
        /** Sleeping is worth it only when this far ahead of schedule. */
        private static final long MIN_SLEEP_NANOS = 200_000;

        private final String tapeName;
        private final RunClock clock;
        private final Duration maxOutOfOrderness;
        private transient StreamWatermark share;
        private transient EventTape tape;
        private transient EventParser parser;
        private transient String stream;
        private transient int next;
        private transient int step;
        private transient long played;

        Player(String tapeName, RunClock clock, Duration maxOutOfOrderness) {
            this.tapeName = tapeName;
            this.clock = clock;
            this.maxOutOfOrderness = maxOutOfOrderness;
        }

        @Override
        public void open(SourceReaderContext context) {
            tape = TAPES.get(tapeName);
            if (tape == null) {
                throw new IllegalStateException("tape " + tapeName + " is not registered in this JVM: "
                        + "the benchmark runs on a MiniCluster in the process that recorded the tape");
            }
            parser = new EventParser();
            share = new StreamWatermark(maxOutOfOrderness);
            stream = tape.stream().streamName();
            next = context.getIndexOfSubtask();
            step = context.currentParallelism();
        }

        @Override
        public ParsedRecord map(Long ignored) {
            if (next >= tape.size()) {
                throw new IllegalStateException("a subtask was asked for more records than its share of the tape");
            }
            int record = next;
            next += step;
            if (clock != null) {
                waitUntilDue(tape.timestamp(record));
            } else if (++played % RunMeasure.BATCH == 0) {
                RunMeasure.played();
            } else if (played == 1) {
                RunMeasure.markFirstEvent();
            }
            return share.stamp(parser.parse(stream, tape.bytes(), tape.offset(record), tape.length(record)));
        }

        private void waitUntilDue(long eventTs) {
            long ahead = clock.nanosUntil(eventTs);
            if (ahead > MIN_SLEEP_NANOS) {
                LockSupport.parkNanos(ahead);
            }
        }
    }
}
