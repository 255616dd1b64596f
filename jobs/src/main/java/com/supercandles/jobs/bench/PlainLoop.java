package com.supercandles.jobs.bench;

import com.supercandles.candle.Period;
import com.supercandles.candle.SuperCandleAccumulator;
import com.supercandles.event.EventParser;
import com.supercandles.event.MarketEvent;
import com.supercandles.event.ParsedRecord;
import com.supercandles.instrument.Instruments;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The practical limit any framework is measured against: the same parser and the same accumulators
 * in one thread, with a hash map from symbol and window to accumulator, candles made at the end. No
 * serialization, no state backend, no watermarks, no fault tolerance.
 */
final class PlainLoop {
    private final List<Period> periods;
    private final Instruments instruments;

    PlainLoop(List<Period> periods, Instruments instruments) {
        this.periods = periods;
        this.instruments = instruments;
    }

    /**
     * What one loop measured. CPU is the process's, as for the job: this thread's and the garbage
     * collection and compilation it causes (nothing else runs meanwhile).
     */
    static final class Outcome {
        long events;
        double wallSeconds;
        double cpuSeconds;
        double jitSeconds;
        final CandleTally tally = new CandleTally();

        double eventsPerCpuSecond() {
            return events / cpuSeconds;
        }

        double eventsPerCpuSecondWithoutJit() {
            return RunMeasure.perCpuSecondWithoutJit(events, cpuSeconds, jitSeconds);
        }
    }

    /** Parses every record of the tapes and folds it into its windows. */
    Outcome parseAndAggregate(Collection<EventTape> tapes) {
        EventParser parser = new EventParser();
        Windows windows = new Windows();
        Outcome outcome = new Outcome();
        long[] start = startClocks();
        for (EventTape tape : tapes) {
            String stream = tape.stream().streamName();
            for (int i = 0; i < tape.size(); i++) {
                ParsedRecord r = parser.parse(stream, tape.bytes(), tape.offset(i), tape.length(i));
                if (r.isValid()) {
                    windows.add(r.event);
                    outcome.events++;
                }
            }
        }
        windows.finish(outcome.tally);
        stopClocks(start, outcome);
        return outcome;
    }

    /** Folds events parsed beforehand (parsing not measured): the aggregation alone. */
    Outcome aggregate(List<MarketEvent> events) {
        Windows windows = new Windows();
        Outcome outcome = new Outcome();
        long[] start = startClocks();
        for (MarketEvent e : events) {
            windows.add(e);
        }
        outcome.events = events.size();
        windows.finish(outcome.tally);
        stopClocks(start, outcome);
        return outcome;
    }

    static List<MarketEvent> parseAll(Collection<EventTape> tapes) {
        EventParser parser = new EventParser();
        List<MarketEvent> events = new ArrayList<>();
        for (EventTape tape : tapes) {
            for (int i = 0; i < tape.size(); i++) {
                ParsedRecord r = parser.parse(tape.stream().streamName(), tape.bytes(), tape.offset(i), tape.length(i));
                if (r.isValid()) {
                    events.add(r.event);
                }
            }
        }
        return events;
    }

    /** Accumulators per period, symbol and window start. */
    private final class Windows {
        private final List<Map<String, Map<Long, SuperCandleAccumulator>>> byPeriod = new ArrayList<>();

        Windows() {
            for (int i = 0; i < periods.size(); i++) {
                byPeriod.add(new HashMap<>());
            }
        }

        void add(MarketEvent e) {
            for (int i = 0; i < periods.size(); i++) {
                long windowStart = periods.get(i).windowStart(e.ts);
                byPeriod.get(i).computeIfAbsent(e.symbol, s -> new HashMap<>())
                        .computeIfAbsent(windowStart, w -> new SuperCandleAccumulator())
                        .add(e, instruments.get(e.symbol));
            }
        }

        void finish(CandleTally tally) {
            for (int i = 0; i < periods.size(); i++) {
                Period period = periods.get(i);
                for (Map.Entry<String, Map<Long, SuperCandleAccumulator>> symbol : byPeriod.get(i).entrySet()) {
                    for (Map.Entry<Long, SuperCandleAccumulator> w : symbol.getValue().entrySet()) {
                        tally.add(w.getValue().toCandle(symbol.getKey(), period, w.getKey(),
                                instruments.get(symbol.getKey())));
                    }
                }
            }
        }
    }

    private static long[] startClocks() {
        return new long[] {System.nanoTime(), RunMeasure.processCpuNanos(), RunMeasure.compilerCpuNanos()};
    }

    private static void stopClocks(long[] start, Outcome outcome) {
        outcome.wallSeconds = (System.nanoTime() - start[0]) / 1e9;
        outcome.cpuSeconds = (RunMeasure.processCpuNanos() - start[1]) / 1e9;
        outcome.jitSeconds = (RunMeasure.compilerCpuNanos() - start[2]) / 1e9;
    }
}
