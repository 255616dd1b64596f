package com.supercandles.jobs.backtest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The x axis of one (symbol, period)'s charts: the bars evenly spaced in the order they closed, so that
 * hours and weekends when a market is closed take no room (an exchange's 5-minute bars would otherwise
 * fill a third of the width), labelled with round UTC times ({@link TimeTicks}).
 *
 * <p>Bar {@code i} (0-based) stands at position {@code i}, its close, and opens at {@code i - 1}; the axis
 * runs from the first bar's open (-1) to the last bar's close. A round time inside a bar's window is placed
 * by interpolation; one in a gap (the market closed) is kept only if it names the same day, month or year
 * as the next bar's open, and placed at that open: a day's tick marks where its session starts, and no
 * tick shows a time at which nothing traded.
 */
final class TimeAxis {
    /** A tick at a (fractional) bar position. */
    record Tick(long t, double position, String label, String context) {}

    /**
     * Steps with more round times than this over the span are not tried: unless the bars cover under 1 %
     * of it, too many of those times would fall on bars for a readable axis.
     */
    private static final int CANDIDATE_LIMIT = 2000;

    final double min;
    final double max;
    final List<Tick> ticks;
    private final List<Long> ends;
    private final long period;

    /**
     * @param ends   the bars' window ends, increasing
     * @param period the bars' length
     */
    TimeAxis(List<Long> ends, long period, int maxTicks) {
        this.ends = ends;
        this.period = period;
        min = -1;
        max = ends.size() - 1;
        ticks = choose(maxTicks);
    }

    /** Where bar position {@code p} lies, from 0 (left) to 1 (right). */
    double fraction(double p) {
        return (p - min) / (max - min);
    }

    private List<Tick> choose(int maxTicks) {
        long from = ends.get(0) - period;
        long to = ends.get(ends.size() - 1);
        for (TimeTicks.Step step : TimeTicks.STEPS) {
            List<Long> times = step.instants(from, to, CANDIDATE_LIMIT);
            if (times == null) {
                continue;
            }
            List<Tick> placed = place(step, times);
            if (placed.size() <= maxTicks) {
                return placed;
            }
        }
        return List.of();
    }

    private List<Tick> place(TimeTicks.Step step, List<Long> times) {
        List<Tick> out = new ArrayList<>();
        String previousContext = null;
        for (long t : times) {
            int i = Collections.binarySearch(ends, t);
            int bar = i >= 0 ? i : -i - 1; // the first bar that closes at or after t
            if (bar == ends.size()) {
                break;
            }
            long open = ends.get(bar) - period;
            double position;
            if (t >= open) {
                position = bar - (double) (ends.get(bar) - t) / period;
            } else if (step.label(t).equals(step.label(open)) && step.context(t).equals(step.context(open))) {
                position = bar - 1;
            } else {
                continue;
            }
            if (position < min || !out.isEmpty() && position <= out.get(out.size() - 1).position()) {
                continue;
            }
            String context = step.context(t);
            out.add(new Tick(t, position, step.label(t), context.equals(previousContext) ? "" : context));
            previousContext = context;
        }
        return out;
    }
}
