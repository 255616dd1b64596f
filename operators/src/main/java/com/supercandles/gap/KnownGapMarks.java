package com.supercandles.gap;

import com.supercandles.candle.SuperCandle;
import org.apache.flink.api.common.functions.MapFunction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Marks candles with gaps known before the run (a replay's {@code gaps.jsonl}): every gap is there from
 * the start, so a candle is marked as it passes, and the result does not depend on timing.
 */
public final class KnownGapMarks implements MapFunction<SuperCandle, SuperCandle> {
    private static final long serialVersionUID = 1L;
    private final HashMap<String, ArrayList<FeedGapSpan>> bySymbol = new HashMap<>();

    public KnownGapMarks(List<FeedGapSpan> gaps) {
        for (FeedGapSpan g : gaps) {
            if (g.problem != null) {
                continue; // a line that is not a gap: a dead letter, marks nothing
            }
            bySymbol.computeIfAbsent(g.symbol, k -> new ArrayList<>()).add(g);
        }
    }

    @Override
    public SuperCandle map(SuperCandle c) {
        c.gap = overlapsAny(bySymbol.get(c.symbol), c);
        return c;
    }

    /** Whether the candle's window meets one of {@code gaps} (of its symbol; null for none). */
    static boolean overlapsAny(Iterable<FeedGapSpan> gaps, SuperCandle c) {
        if (gaps != null) {
            for (FeedGapSpan g : gaps) {
                if (g.overlaps(c.windowStart, c.windowEnd)) {
                    return true;
                }
            }
        }
        return false;
    }
}
