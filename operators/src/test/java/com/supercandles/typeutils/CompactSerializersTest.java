package com.supercandles.typeutils;

import com.supercandles.candle.CandlePartial;
import com.supercandles.candle.CandlePartialSerializer;
import com.supercandles.candle.Period;
import com.supercandles.candle.SuperCandle;
import com.supercandles.candle.SuperCandleSerializer;
import com.supercandles.candle.SuperCandleAccumulator;
import com.supercandles.candle.SuperCandleAccumulatorSerializer;
import com.supercandles.event.EventType;
import com.supercandles.event.MarketEvent;
import com.supercandles.event.MarketEventSerializer;
import com.supercandles.instrument.InstrumentSpec;
import com.supercandles.simulator.MarketSimulator;
import com.supercandles.simulator.SimulatorConfig;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written serializers read back, field by field and bit for bit (AssertJ's recursive
 * comparison, with doubles compared by {@link Double#compare}), what they wrote; and Flink picks
 * them wherever it meets their types.
 */
class CompactSerializersTest {
    private static final SerializerConfigImpl CONFIG = new SerializerConfigImpl();

    private static void assertExactly(Object actual, Object expected) {
        // book.scratch is transient working space, not state
        assertThat(actual).usingRecursiveComparison().withComparatorForType(Double::compare, Double.class)
                .ignoringFieldsMatchingRegexes(".*scratch").isEqualTo(expected);
    }

    private static List<MarketEvent> simulated(int n) {
        MarketSimulator sim = new MarketSimulator(new SimulatorConfig().symbols(1).seed(3));
        List<MarketEvent> events = new ArrayList<>();
        while (events.size() < n && sim.hasNext()) {
            events.add(sim.next());
        }
        return events;
    }

    private static <T> byte[] bytes(TypeSerializer<T> serializer, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        return out.getCopyOfBuffer();
    }

    private static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws IOException {
        byte[] b = bytes(serializer, value);
        DataInputDeserializer in = new DataInputDeserializer(b);
        T read = serializer.deserialize(in);
        assertThat(in.available()).as("bytes left unread").isZero();
        return read;
    }

    private static SuperCandleAccumulator accumulatorOf(List<MarketEvent> events, Predicate<MarketEvent> which) {
        SuperCandleAccumulator acc = new SuperCandleAccumulator();
        events.stream().filter(which).forEach(e -> acc.add(e, InstrumentSpec.DEFAULT));
        return acc;
    }

    @Test
    void accumulatorsOfEveryMixOfStreamsReadBackExactly() throws IOException {
        List<MarketEvent> events = simulated(3_000);
        Random random = new Random(5);
        List<Predicate<MarketEvent>> mixes = List.of(e -> false, e -> e.type == EventType.TRADE,
                e -> e.type == EventType.ORDER, e -> e.type == EventType.BOOK, e -> e.type != EventType.BOOK,
                e -> random.nextInt(7) == 0, e -> true);
        TypeSerializer<SuperCandleAccumulator> serializer = new SuperCandleAccumulatorSerializer();
        for (Predicate<MarketEvent> mix : mixes) {
            SuperCandleAccumulator acc = accumulatorOf(events, mix);
            assertExactly(roundTrip(serializer, acc), acc);
            assertExactly(serializer.copy(acc), acc);
        }
        // odd values survive too: negative zero, NaN, infinities in fields a sum never holds
        SuperCandleAccumulator odd = new SuperCandleAccumulator();
        odd.puts.volB = -0.0;
        odd.priceM2 = Double.NaN;
        odd.book.sums[3] = Double.NEGATIVE_INFINITY;
        assertExactly(roundTrip(serializer, odd), odd);
    }

    @Test
    void emptySectionsAreLeftOut() throws IOException {
        List<MarketEvent> events = simulated(3_000);
        TypeSerializer<SuperCandleAccumulator> serializer = new SuperCandleAccumulatorSerializer();
        int tradesOnly = bytes(serializer, accumulatorOf(events, e -> e.type == EventType.TRADE)).length;
        int all = bytes(serializer, accumulatorOf(events, e -> true)).length;
        // a section byte, the trade flow (2 longs, 4 doubles) and the price statistics (2 longs, 6 doubles)
        assertThat(tradesOnly).isEqualTo(1 + 6 * 8 + 8 * 8);
        assertThat(all).isGreaterThan(tradesOnly + 2 * 6 * 8);
        assertThat(bytes(serializer, new SuperCandleAccumulator())).hasSize(1);
    }

    @Test
    void partialsAndEventsReadBackExactly() throws IOException {
        List<MarketEvent> events = simulated(2_000);
        MarketEventSerializer eventSerializer = new MarketEventSerializer();
        for (MarketEvent e : events) {
            assertThat(roundTrip(eventSerializer, e)).isEqualTo(e);
        }
        assertThat(roundTrip(eventSerializer, new MarketEvent())).isEqualTo(new MarketEvent());

        CandlePartialSerializer serializer = new CandlePartialSerializer();
        CandlePartial partial = new CandlePartial();
        partial.symbol = "SIM0001";
        partial.windowStart = 1_700_000_040_000L;
        partial.accumulator = accumulatorOf(events, e -> true);
        assertExactly(roundTrip(serializer, partial), partial);
        partial.lateEvent = events.get(17);
        assertExactly(roundTrip(serializer, partial), partial);
        assertThat(roundTrip(serializer, new CandlePartial())).usingRecursiveComparison().isEqualTo(new CandlePartial());
    }

    @Test
    void flinkUsesThemForTheirTypesAndRestoresThemFromSnapshots() throws IOException {
        for (Class<?> type : List.of(MarketEvent.class, CandlePartial.class, SuperCandleAccumulator.class, SuperCandle.class)) {
            TypeSerializer<?> serializer = TypeInformation.of(type).createSerializer(CONFIG);
            assertThat(serializer).isInstanceOf(CompactSerializer.class);

            TypeSerializerSnapshot<?> snapshot = serializer.snapshotConfiguration();
            DataOutputSerializer out = new DataOutputSerializer(64);
            TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
            TypeSerializerSnapshot<?> read = TypeSerializerSnapshot.readVersionedSnapshot(
                    new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
            assertThat(read.restoreSerializer()).isEqualTo(serializer);
        }
    }
}
