package com.supercandles.jobs.bench;

import com.supercandles.event.EventJson;
import com.supercandles.event.EventType;
import com.supercandles.event.MarketEvent;
import com.supercandles.simulator.MarketSimulator;
import com.supercandles.simulator.SimulatorConfig;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * One stream's events as they arrive on the wire (JSON, UTF-8), recorded in memory before a run so
 * that generating them costs the measured pipeline nothing: one byte buffer, record offsets and
 * each record's event time.
 */
public final class EventTape {
    private final EventType stream;
    private final byte[] bytes;
    private final int[] offsets;
    private final long[] timestamps;

    private EventTape(EventType stream, byte[] bytes, int[] offsets, long[] timestamps) {
        this.stream = stream;
        this.bytes = bytes;
        this.offsets = offsets;
        this.timestamps = timestamps;
    }

    /** The first {@code events} events of the simulated market, split by stream (each in time order). */
    public static Map<EventType, EventTape> record(SimulatorConfig market, long events) {
        Map<EventType, Recorder> recorders = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            recorders.put(type, new Recorder(type));
        }
        MarketSimulator simulator = new MarketSimulator(market);
        for (long i = 0; i < events; i++) {
            MarketEvent e = simulator.next();
            recorders.get(e.type).add(e);
        }
        Map<EventType, EventTape> tapes = new EnumMap<>(EventType.class);
        recorders.forEach((type, r) -> tapes.put(type, r.finish()));
        return tapes;
    }

    /** The first records, as many as are a multiple of {@code multiple} (so every subtask plays an equal share). */
    public EventTape truncatedToMultipleOf(int multiple) {
        int n = size() - size() % multiple;
        return new EventTape(stream, Arrays.copyOf(bytes, offsets[n]), Arrays.copyOf(offsets, n + 1),
                Arrays.copyOf(timestamps, n));
    }

    public EventType stream() {
        return stream;
    }

    public int size() {
        return timestamps.length;
    }

    public byte[] bytes() {
        return bytes;
    }

    public int offset(int record) {
        return offsets[record];
    }

    public int length(int record) {
        return offsets[record + 1] - offsets[record];
    }

    public long timestamp(int record) {
        return timestamps[record];
    }

    public long totalBytes() {
        return bytes.length;
    }

    /** The records as JSON lines (ClickHouse's JSONEachRow input). */
    public byte[] jsonLines() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + size());
        for (int i = 0; i < size(); i++) {
            out.write(bytes, offset(i), length(i));
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static final class Recorder {
        private final EventType type;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
        private int[] offsets = new int[1024];
        private long[] timestamps = new long[1024];
        private int size;

        Recorder(EventType type) {
            this.type = type;
        }

        void add(MarketEvent e) {
            if (size + 1 >= offsets.length) {
                offsets = Arrays.copyOf(offsets, offsets.length * 2);
                timestamps = Arrays.copyOf(timestamps, timestamps.length * 2);
            }
            offsets[size] = bytes.size();
            timestamps[size] = e.ts;
            bytes.writeBytes(EventJson.toJson(e).getBytes(StandardCharsets.UTF_8));
            size++;
        }

        EventTape finish() {
            offsets[size] = bytes.size();
            return new EventTape(type, bytes.toByteArray(), Arrays.copyOf(offsets, size + 1),
                    Arrays.copyOf(timestamps, size));
        }
    }
}
