package com.supercandles.signal;

import java.io.Serializable;

/**
 * One strategy's rule: the position it wants after a bar whose own close is defined (the only bars on
 * which a position may change), from the bar's signals and the position held. Sealed: a new rule is
 * named here and built by its {@link Strategy} (a test checks that every rule has one).
 */
public sealed interface PositionRule extends Serializable permits DisbRule, CancelsRule, LevelsPositionRule {
    int target(BarSignals in, PaperPosition held);
}
