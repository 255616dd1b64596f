package com.supercandles.signal;

import java.io.Serializable;

/**
 * One strategy's rule: the position it wants after a bar whose own close is defined (the only bars on
 * which a position may change), from the bar's signals and the position held.
 */
public interface PositionRule extends Serializable {
    int target(BarSignals in, PaperPosition held);
}
