package com.supercandles.benchmarks;

import com.supercandles.candle.CandlePartial;
import com.supercandles.candle.SuperCandleAccumulator;
import com.supercandles.event.EventType;
import com.supercandles.event.MarketEvent;
import com.supercandles.instrument.InstrumentSpec;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

import java.io.IOException;

/**
 * What one partial candle costs to cross the network or enter keyed state: a round trip through the
 * serializer Flink picks for it (the hand-written {@code CandlePartialSerializer}; Flink's POJO
 * serializer took 2.1 us on this machine before it). The partial holds trades, orders and snapshots.
 */
public class PartialSerializationBenchmark extends HotPathBenchmark {
    private TypeSerializer<CandlePartial> serializer;
    private CandlePartial partial;
    private final DataOutputSerializer out = new DataOutputSerializer(4096);
    private final DataInputDeserializer in = new DataInputDeserializer();

    @Setup
    public void build() {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        serializer = TypeInformation.of(CandlePartial.class).createSerializer(config);
        SampleEvents sample = new SampleEvents();
        SuperCandleAccumulator acc = new SuperCandleAccumulator();
        for (EventType type : EventType.values()) {
            for (MarketEvent e : sample.events.get(type).subList(0, 50)) {
                acc.add(e, InstrumentSpec.DEFAULT);
            }
        }
        partial = new CandlePartial();
        partial.symbol = "SIM0001";
        partial.windowStart = 1_700_000_040_000L;
        partial.accumulator = acc;
    }

    @Benchmark
    public CandlePartial roundTrip() throws IOException {
        out.clear();
        serializer.serialize(partial, out);
        in.setBuffer(out.getSharedBuffer(), 0, out.length());
        return serializer.deserialize(in);
    }
}
