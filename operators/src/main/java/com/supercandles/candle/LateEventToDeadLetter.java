package com.supercandles.candle;

import com.supercandles.event.DeadLetter;
import com.supercandles.event.EventJson;
import com.supercandles.event.EventType;
import com.supercandles.event.MarketEvent;
import com.supercandles.event.PipelineCounters;
import com.supercandles.fields.JsonText;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * Turns an event that arrived after its window of {@code period} had closed (beyond the allowed
 * lateness) into a dead letter, so a late event is counted and kept, never silently lost.
 *
 * <p>The window operators receive partial candles; a late one normally holds the single late event.
 * A late partial of several events would mean the pre-aggregation handed a window on too late; it is
 * dead-lettered too, with its window and event count, rather than dropped.
 */
public class LateEventToDeadLetter extends RichMapFunction<CandlePartial, DeadLetter> {
    private static final long serialVersionUID = 1L;

    /** The stream of a late partial's dead letter: a partial of several events is no one event's. */
    private static final String PARTIAL = "partial";

    private final String period;
    private transient PipelineCounters.Count late;
    /** The dead letters, by the late event's stream ({@link EventType#ordinal()}); a partial's has none of its own. */
    private transient Counter[] deadLetters;
    private transient Counter partialDeadLetters;

    public LateEventToDeadLetter(String period) {
        this.period = period;
    }

    @Override
    public void open(OpenContext openContext) {
        late = PipelineCounters.register(getRuntimeContext(), PipelineCounters.LATE, PipelineCounters.LATE_METRIC,
                PipelineCounters.PERIOD, period);
        deadLetters = new Counter[EventType.values().length];
        for (EventType type : EventType.values()) {
            deadLetters[type.ordinal()] = deadLetterCounter(type.streamName());
        }
    }

    private Counter deadLetterCounter(String stream) {
        return PipelineCounters.metrics(getRuntimeContext().getMetricGroup(), PipelineCounters.STREAM, stream,
                PipelineCounters.REASON, DeadLetter.LATE).counter(PipelineCounters.DEAD_LETTERS_METRIC);
    }

    @Override
    public DeadLetter map(CandlePartial partial) {
        long events = partial.events();
        late.add(events);
        MarketEvent event = partial.lateEvent;
        if (event == null) {
            if (partialDeadLetters == null) {
                partialDeadLetters = deadLetterCounter(PARTIAL);
            }
            partialDeadLetters.inc();
            return new DeadLetter(PARTIAL, DeadLetter.LATE, "late for period " + period + ": a partial candle of "
                    + events + " events of " + partial.symbol + " for the window starting at " + partial.windowStart
                    + " arrived after the window had closed", JsonText.write(128, g -> {
                        g.writeStartObject();
                        g.writeStringField("symbol", partial.symbol);
                        g.writeNumberField("window_start", partial.windowStart);
                        g.writeNumberField("events", events);
                        g.writeEndObject();
                    }),
                    System.currentTimeMillis());
        }
        deadLetters[event.type.ordinal()].inc();
        return new DeadLetter(event.type.streamName(), DeadLetter.LATE,
                "late for period " + period + ": its window had already closed (ts " + event.ts + ")",
                EventJson.toJson(event), System.currentTimeMillis());
    }
}
