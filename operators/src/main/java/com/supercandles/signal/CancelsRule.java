package com.supercandles.signal;

/**
 * {@code cancels}: an anomalous cancel count marks an extreme. A signal sets the position (a same-side
 * signal renews it); without one it is held for at most {@code maxHold} bars with a trade after the last
 * signal, then flat. The rule is asked only on bars with a trade, so those are the bars it counts.
 */
public record CancelsRule(int maxHold) implements PositionRule {
    @Override
    public int target(BarSignals in, PaperPosition held) {
        if (in.cancel != 0) {
            held.barsSinceSignal = 0;
            return in.cancel;
        }
        if (held.position == 0) {
            return 0;
        }
        held.barsSinceSignal++;
        return held.barsSinceSignal >= maxHold ? 0 : held.position;
    }
}
