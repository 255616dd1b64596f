package com.supercandles.jobs.bench;

import com.supercandles.event.EventParser;
import com.supercandles.event.ParsedRecord;
import com.supercandles.event.StreamWatermark;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * A source that plays an {@link EventTape} into the job, parsing each record as the Kafka source's
 * deserializer does. Subtask {@code i} of {@code p} plays records {@code i, i + p, i + 2p, ...} (its
 * {@link Share}, the one split it is given), so every subtask moves through event time at the same pace.
 *
 * <p>A FLIP-27 source of its own rather than Flink's {@code DataGeneratorSource}: that one boxes a
 * {@code Long} per record (its number sequence) and goes through the rate limiter's futures on every
 * poll, a cost of the benchmark's harness that a profile counted as the job's. This reader's
 * {@link Reader#pollNext} does no work per record beyond parsing it (the parser's event is the only
 * allocation), stamping it with its partition's watermark and emitting it; the job's
 * {@code WatermarkStrategy} (given to {@code fromSource}) assigns the timestamps, as for every source.
 *
 * <p>Tapes are far too big to travel in the job graph; the MiniCluster runs in this JVM, so the
 * source finds its tape in a static registry by name.
 */
public final class TapeSource implements Source<ParsedRecord, TapeSource.Share, List<TapeSource.Share>>,
        ResultTypeQueryable<ParsedRecord> {
    private static final long serialVersionUID = 1L;
    private static final Map<String, EventTape> TAPES = new ConcurrentHashMap<>();

    private final String tapeName;
    private final int parallelism;
    private final RunClock clock;
    private final Duration maxOutOfOrderness;

    private TapeSource(String tapeName, int parallelism, RunClock clock, Duration maxOutOfOrderness) {
        this.tapeName = tapeName;
        this.parallelism = parallelism;
        this.clock = clock;
        this.maxOutOfOrderness = maxOutOfOrderness;
    }

    /**
     * A bounded source of the whole tape, whose size must be a multiple of {@code parallelism} (see
     * {@link EventTape#truncatedToMultipleOf}) so that every subtask plays an equal share.
     *
     * @param clock null to play at full speed; otherwise events are released when the clock says their
     *              event time has come
     * @param maxOutOfOrderness the job's bound: each subtask's share is a stream partition whose events
     *                          are stamped with its watermark, as the real sources do
     */
    public static TapeSource of(EventTape tape, int parallelism, RunClock clock, Duration maxOutOfOrderness) {
        if (tape.size() % parallelism != 0) {
            throw new IllegalArgumentException("the " + tape.stream().streamName() + " tape holds " + tape.size()
                    + " records, not a multiple of the parallelism " + parallelism);
        }
        String name = tape.stream().streamName() + "@" + System.identityHashCode(tape);
        TAPES.put(name, tape);
        return new TapeSource(name, parallelism, clock, maxOutOfOrderness);
    }

    /** Forgets the registered tapes (they hold hundreds of megabytes). */
    public static void releaseAll() {
        TAPES.clear();
    }

    private EventTape tape() {
        EventTape tape = TAPES.get(tapeName);
        if (tape == null) {
            throw new IllegalStateException("tape " + tapeName + " is not registered in this JVM: "
                    + "the benchmark runs on a MiniCluster in the process that recorded the tape");
        }
        return tape;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public TypeInformation<ParsedRecord> getProducedType() {
        return TypeInformation.of(ParsedRecord.class);
    }

    @Override
    public SourceReader<ParsedRecord, Share> createReader(SourceReaderContext context) {
        return new Reader(tape(), clock, maxOutOfOrderness);
    }

    @Override
    public SplitEnumerator<Share, List<Share>> createEnumerator(SplitEnumeratorContext<Share> context) {
        if (context.currentParallelism() != parallelism) {
            throw new IllegalStateException("the source of tape " + tapeName + " was made for parallelism "
                    + parallelism + " but runs at " + context.currentParallelism());
        }
        List<Share> shares = new ArrayList<>();
        for (int i = 0; i < parallelism; i++) {
            shares.add(new Share(i, parallelism, i));
        }
        return new Enumerator(context, shares);
    }

    @Override
    public SplitEnumerator<Share, List<Share>> restoreEnumerator(SplitEnumeratorContext<Share> context,
                                                                 List<Share> unassigned) {
        return new Enumerator(context, unassigned);
    }

    @Override
    public SimpleVersionedSerializer<Share> getSplitSerializer() {
        return new ShareSerializer();
    }

    @Override
    public SimpleVersionedSerializer<List<Share>> getEnumeratorCheckpointSerializer() {
        return new SharesSerializer();
    }

    /**
     * One subtask's share of the tape: records {@code index, index + step, ...}, the next to play being
     * {@code next}. Immutable: the reader keeps its position in fields and makes a share only for a
     * checkpoint.
     */
    public static final class Share implements SourceSplit {
        final int index;
        final int step;
        final int next;

        Share(int index, int step, int next) {
            this.index = index;
            this.step = step;
            this.next = next;
        }

        @Override
        public String splitId() {
            return "share-" + index + "-of-" + step;
        }

        @Override
        public String toString() {
            return splitId() + " at record " + next;
        }
    }

    /**
     * Gives subtask {@code i} share {@code i} when its reader registers, then tells it there is no more;
     * its state is the shares not yet given (or given back by a failed reader before a checkpoint).
     */
    private static final class Enumerator implements SplitEnumerator<Share, List<Share>> {
        private final SplitEnumeratorContext<Share> context;
        private final Map<Integer, Share> unassigned = new TreeMap<>();

        Enumerator(SplitEnumeratorContext<Share> context, List<Share> unassigned) {
            this.context = context;
            unassigned.forEach(s -> this.unassigned.put(s.index, s));
        }

        @Override
        public void start() {}

        @Override
        public void addReader(int subtaskId) {
            Share share = unassigned.remove(subtaskId);
            if (share != null) {
                context.assignSplit(share, subtaskId);
            }
            context.signalNoMoreSplits(subtaskId);
        }

        @Override
        public void handleSplitRequest(int subtaskId, String requesterHostname) {
            // the readers never ask: each is given its share when it registers
        }

        @Override
        public void addSplitsBack(List<Share> splits, int subtaskId) {
            // a reader failed before a checkpoint took its position: its share goes to its restarted reader
            splits.forEach(s -> unassigned.put(s.index, s));
        }

        @Override
        public List<Share> snapshotState(long checkpointId) {
            return new ArrayList<>(unassigned.values());
        }

        @Override
        public void close() {}
    }

    /** Plays its share, one record per {@link #pollNext}. */
    private static final class Reader implements SourceReader<ParsedRecord, Share> {
        /** Sleeping is worth it only when this far ahead of schedule. */
        private static final long MIN_SLEEP_NANOS = 200_000;
        /**
         * The longest a paced reader parks in one {@link #pollNext}: then it returns without a record, so
         * that the task's mailbox (checkpoint barriers, timers) is never held up longer.
         */
        private static final long MAX_PARK_NANOS = 1_000_000;

        private final EventTape tape;
        private final int size;
        private final String stream;
        private final RunClock clock;
        private final EventParser parser = new EventParser();
        private final StreamWatermark share;
        private final ArrayDeque<Share> queued = new ArrayDeque<>(2);
        private CompletableFuture<Void> available = new CompletableFuture<>();
        private boolean noMoreShares;
        /** The share being played (-1: none), its step and next record ({@code >= size}: none left). */
        private int index = -1;
        private int step = 1;
        private int next = Integer.MAX_VALUE;
        private long played;

        Reader(EventTape tape, RunClock clock, Duration maxOutOfOrderness) {
            this.tape = tape;
            this.size = tape.size();
            this.stream = tape.stream().streamName();
            this.clock = clock;
            this.share = new StreamWatermark(maxOutOfOrderness);
        }

        @Override
        public void start() {}

        @Override
        public InputStatus pollNext(ReaderOutput<ParsedRecord> output) {
            int record = next;
            while (record >= size) {
                if (!startNextShare()) {
                    if (noMoreShares && clock != null && clock.endHeld()) {
                        LockSupport.parkNanos(MAX_PARK_NANOS);
                        return InputStatus.MORE_AVAILABLE; // asked again after the task's mail (checkpoints)
                    }
                    return noMoreShares ? InputStatus.END_OF_INPUT : waitForShare();
                }
                record = next;
            }
            if (clock != null) {
                long ahead = clock.nanosUntil(tape.timestamp(record));
                if (ahead > MIN_SLEEP_NANOS) {
                    if (ahead > MAX_PARK_NANOS) {
                        LockSupport.parkNanos(MAX_PARK_NANOS);
                        return InputStatus.MORE_AVAILABLE; // not due yet: asked again after the task's mail
                    }
                    LockSupport.parkNanos(ahead);
                }
            } else if (++played % RunMeasure.BATCH == 0) {
                RunMeasure.played();
            } else if (played == 1) {
                RunMeasure.markFirstEvent();
            }
            next = record + step;
            output.collect(share.stamp(parser.parse(stream, tape.bytes(), tape.offset(record), tape.length(record))));
            return InputStatus.MORE_AVAILABLE;
        }

        /** Moves on to the next share given, if there is one. */
        private boolean startNextShare() {
            index = -1;
            next = Integer.MAX_VALUE;
            Share s = queued.poll();
            if (s == null) {
                return false;
            }
            index = s.index;
            step = s.step;
            next = s.next;
            return true;
        }

        private InputStatus waitForShare() {
            if (available.isDone()) {
                available = new CompletableFuture<>();
            }
            return InputStatus.NOTHING_AVAILABLE;
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            return available;
        }

        @Override
        public void addSplits(List<Share> splits) {
            queued.addAll(splits);
            available.complete(null);
        }

        @Override
        public void notifyNoMoreSplits() {
            noMoreShares = true;
            available.complete(null);
        }

        @Override
        public List<Share> snapshotState(long checkpointId) {
            List<Share> state = new ArrayList<>(1 + queued.size());
            if (index >= 0 && next < size) {
                state.add(new Share(index, step, next));
            }
            state.addAll(queued);
            return state;
        }

        @Override
        public void close() {}
    }

    private static final class ShareSerializer implements SimpleVersionedSerializer<Share> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Share s) {
            return ByteBuffer.allocate(12).putInt(s.index).putInt(s.step).putInt(s.next).array();
        }

        @Override
        public Share deserialize(int version, byte[] bytes) throws IOException {
            if (version != 1 || bytes.length != 12) {
                throw new IOException("not a tape share of version 1: version " + version + ", " + bytes.length + " bytes");
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            return new Share(b.getInt(), b.getInt(), b.getInt());
        }
    }

    private static final class SharesSerializer implements SimpleVersionedSerializer<List<Share>> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(List<Share> shares) {
            ByteBuffer b = ByteBuffer.allocate(4 + 12 * shares.size()).putInt(shares.size());
            shares.forEach(s -> b.putInt(s.index).putInt(s.step).putInt(s.next));
            return b.array();
        }

        @Override
        public List<Share> deserialize(int version, byte[] bytes) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            if (version != 1 || bytes.length < 4 || bytes.length != 4 + 12 * b.getInt(0)) {
                throw new IOException("not the tape enumerator's state of version 1: version " + version + ", "
                        + bytes.length + " bytes");
            }
            int n = b.getInt();
            List<Share> shares = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                shares.add(new Share(b.getInt(), b.getInt(), b.getInt()));
            }
            return shares;
        }
    }
}
