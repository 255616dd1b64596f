package com.supercandles.jobs.bench;

import com.supercandles.event.EventType;
import com.supercandles.event.MarketEvent;
import com.supercandles.event.ParsedRecord;
import com.supercandles.simulator.SimulatorConfig;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's source without a cluster: shares, positions in checkpoints, end of input, pacing. */
class TapeSourceTest {
    private static final long START = 1_700_000_040_000L;
    private static final EventTape TRADES = EventTape.record(new SimulatorConfig().symbols(20).eventsPerSecond(2_000)
            .seed(7).startTs(START), 6_000).get(EventType.TRADE).truncatedToMultipleOf(3);

    @AfterAll
    static void release() {
        TapeSource.releaseAll();
    }

    @Test
    void eachSubtaskPlaysEveryPthRecordFromItsIndexThenEnds() throws Exception {
        TapeSource source = TapeSource.of(TRADES, 3, null, Duration.ZERO);
        List<Long> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SourceReader<ParsedRecord, TapeSource.Share> reader = source.createReader(null);
            Collecting out = new Collecting();
            assertThat(reader.pollNext(out)).as("no share yet").isEqualTo(InputStatus.NOTHING_AVAILABLE);
            assertThat(reader.isAvailable()).isNotDone();
            reader.addSplits(List.of(new TapeSource.Share(i, 3, i)));
            reader.notifyNoMoreSplits();
            assertThat(reader.isAvailable()).isDone();
            playToEnd(reader, out);
            assertThat(out.records).hasSize(TRADES.size() / 3);
            for (int k = 0; k < out.records.size(); k++) {
                MarketEvent e = out.records.get(k).event;
                assertThat(e.ts).isEqualTo(TRADES.timestamp(i + 3 * k));
                // stamped with its share's watermark just before it, as the real sources do
                assertThat(e.streamWatermark).isEqualTo(k == 0 ? Long.MIN_VALUE : TRADES.timestamp(i + 3 * (k - 1)) - 1);
                all.add(e.ts);
            }
            assertThat(reader.snapshotState(1)).as("a played share leaves no state").isEmpty();
        }
        assertThat(all).hasSize(TRADES.size());
    }

    @Test
    void aCheckpointKeepsTheShareAndItsPosition() throws Exception {
        TapeSource source = TapeSource.of(TRADES, 3, null, Duration.ZERO);
        SourceReader<ParsedRecord, TapeSource.Share> reader = source.createReader(null);
        reader.addSplits(List.of(new TapeSource.Share(1, 3, 1)));
        reader.notifyNoMoreSplits();
        Collecting before = new Collecting();
        for (int k = 0; k < 10; k++) {
            assertThat(reader.pollNext(before)).isEqualTo(InputStatus.MORE_AVAILABLE);
        }
        List<TapeSource.Share> state = reader.snapshotState(1);
        assertThat(state).hasSize(1);
        SimpleVersionedSerializer<TapeSource.Share> serializer = source.getSplitSerializer();
        TapeSource.Share restored = serializer.deserialize(serializer.getVersion(), serializer.serialize(state.get(0)));
        assertThat(restored.toString()).isEqualTo("share-1-of-3 at record 31");

        SourceReader<ParsedRecord, TapeSource.Share> again = source.createReader(null);
        again.addSplits(List.of(restored));
        again.notifyNoMoreSplits();
        Collecting after = new Collecting();
        playToEnd(again, after);
        assertThat(before.records.size() + after.records.size()).isEqualTo(TRADES.size() / 3);
        assertThat(after.records.get(0).event.ts).isEqualTo(TRADES.timestamp(31));

        SimpleVersionedSerializer<List<TapeSource.Share>> enumState = source.getEnumeratorCheckpointSerializer();
        List<TapeSource.Share> shares = List.of(new TapeSource.Share(0, 3, 0), new TapeSource.Share(2, 3, 5));
        assertThat(enumState.deserialize(1, enumState.serialize(shares))).extracting(Object::toString)
                .containsExactly("share-0-of-3 at record 0", "share-2-of-3 at record 5");
    }

    @Test
    void aPacedShareIsNeverReleasedBeforeItsTime() throws Exception {
        RunClock clock = new RunClock("tape-source-test", START);
        SourceReader<ParsedRecord, TapeSource.Share> reader = TapeSource.of(TRADES, 1, clock, Duration.ZERO)
                .createReader(null);
        reader.addSplits(List.of(new TapeSource.Share(0, 1, 0)));
        reader.notifyNoMoreSplits();
        List<Long> early = new ArrayList<>();
        Collecting out = new Collecting() {
            @Override
            public void collect(ParsedRecord record) {
                // the source parks only when more than 0.2 ms ahead, as before
                long ahead = clock.nanosUntil(record.event.ts);
                if (ahead > 200_000) {
                    early.add(ahead);
                }
                super.collect(record);
            }
        };
        long t0 = System.nanoTime();
        playToEnd(reader, out);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double market = (TRADES.timestamp(TRADES.size() - 1) - START) / 1e3;
        assertThat(out.records).hasSize(TRADES.size());
        assertThat(early).as("records released more than 0.2 ms before their time (ns ahead)").isEmpty();
        assertThat(seconds).as("played at the market's pace").isGreaterThanOrEqualTo(market - 0.01);
    }

    private static void playToEnd(SourceReader<ParsedRecord, TapeSource.Share> reader, Collecting out) throws Exception {
        InputStatus status;
        while ((status = reader.pollNext(out)) != InputStatus.END_OF_INPUT) {
            assertThat(status).isEqualTo(InputStatus.MORE_AVAILABLE);
        }
    }

    private static class Collecting implements ReaderOutput<ParsedRecord> {
        final List<ParsedRecord> records = new ArrayList<>();

        @Override
        public void collect(ParsedRecord record) {
            records.add(record);
        }

        @Override
        public void collect(ParsedRecord record, long timestamp) {
            throw new AssertionError("timestamps are the job's WatermarkStrategy's to assign");
        }

        @Override
        public void emitWatermark(Watermark watermark) {
            throw new AssertionError("watermarks are the job's WatermarkStrategy's to emit");
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}

        @Override
        public SourceOutput<ParsedRecord> createOutputForSplit(String splitId) {
            throw new AssertionError("one output for the reader, as before");
        }

        @Override
        public void releaseOutputForSplit(String splitId) {}
    }
}
