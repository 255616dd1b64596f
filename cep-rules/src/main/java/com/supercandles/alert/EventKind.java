package com.supercandles.alert;

import com.supercandles.event.MarketEvent;
import com.supercandles.event.OrderAction;

/**
 * The kinds of event an {@link EventRule} may judge: the watchdog groups its rules by kind, so an event
 * meets only the rules that declared its kind.
 */
public enum EventKind {
    TRADE,
    PUT,
    CANCEL,
    BOOK;

    /** Every kind: for the rules that judge each stream. */
    static final EventKind[] ALL = values();

    /** The kind of {@code e} (a switch without a default: a new event type does not compile until it has a kind). */
    static EventKind of(MarketEvent e) {
        return switch (e.type) {
            case TRADE -> TRADE;
            case ORDER -> e.action == OrderAction.PUT ? PUT : CANCEL;
            case BOOK -> BOOK;
        };
    }
}
