package com.supercandles.simulator;

import com.supercandles.event.EventJson;
import com.supercandles.event.EventType;
import com.supercandles.event.MarketEvent;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** Writes a stretch of simulated market as recorded files: {@code trades.jsonl}, {@code orders.jsonl}, {@code book.jsonl}. */
public final class SimulatedMarketFiles {
    private SimulatedMarketFiles() {}

    /** @return how many events of each stream were written */
    public static Map<EventType, Long> write(SimulatorConfig config, Duration span, Path dir) throws IOException {
        Files.createDirectories(dir);
        MarketSimulator simulator = new MarketSimulator(config);
        long endTs = config.startTs() + span.toMillis();
        Map<EventType, BufferedWriter> writers = new EnumMap<>(EventType.class);
        Map<EventType, Long> counts = new EnumMap<>(EventType.class);
        try {
            for (EventType type : EventType.values()) {
                writers.put(type, Files.newBufferedWriter(dir.resolve(type.streamName() + ".jsonl"), StandardCharsets.UTF_8));
                counts.put(type, 0L);
            }
            MarketEvent e;
            while ((e = simulator.nextBefore(endTs)) != null) {
                BufferedWriter w = writers.get(e.type);
                w.write(EventJson.toJson(e));
                w.newLine();
                counts.merge(e.type, 1L, Long::sum);
            }
        } finally {
            for (BufferedWriter w : writers.values()) {
                w.close();
            }
        }
        return counts;
    }
}
