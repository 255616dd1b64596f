package com.supercandles.benchmarks;

import com.supercandles.event.EventJson;
import com.supercandles.event.EventType;
import com.supercandles.event.MarketEvent;
import com.supercandles.simulator.MarketSimulator;
import com.supercandles.simulator.SimulatorConfig;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A few thousand events of each stream from the simulated market (1,000 symbols), as objects and as wire bytes. */
final class SampleEvents {
    static final int PER_STREAM = 4096;

    final Map<EventType, List<MarketEvent>> events = new EnumMap<>(EventType.class);
    final Map<EventType, List<byte[]>> wire = new EnumMap<>(EventType.class);

    SampleEvents() {
        this(1000, PER_STREAM);
    }

    /** {@code perStream} events of each stream from a market of {@code symbols} instruments. */
    SampleEvents(int symbols, int perStream) {
        for (EventType type : EventType.values()) {
            events.put(type, new ArrayList<>());
            wire.put(type, new ArrayList<>());
        }
        MarketSimulator market = new MarketSimulator(new SimulatorConfig().symbols(symbols).eventsPerSecond(100_000));
        while (events.values().stream().anyMatch(l -> l.size() < perStream)) {
            MarketEvent e = market.next();
            if (events.get(e.type).size() < perStream) {
                events.get(e.type).add(e);
                wire.get(e.type).add(EventJson.toJson(e).getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
