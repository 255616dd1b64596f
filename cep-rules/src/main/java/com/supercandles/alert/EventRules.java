package com.supercandles.alert;

import com.supercandles.event.OrderAction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The event watchdog's rules, registered as data: each by the name of its settings in
 * {@link WatchdogSettings} and how it is built at its first switch slot. The slots follow the order of
 * the list, each rule taking the number it declares ({@link EventRule#slots()}); a symbol's checkpointed
 * state ({@link SymbolWatch#firing}, {@link SymbolWatch#lastFiring}) is indexed by these slots, so a new
 * rule goes at the end of the list and no rule moves or leaves it (a test pins the layout).
 */
final class EventRules {
    private EventRules() {}

    /** Builds a registered rule from its settings at its first slot. */
    @FunctionalInterface
    interface Factory {
        EventRule build(RuleSettings settings, int slot);
    }

    /** A rule's settings' name and how to build it. */
    private static final class Registration {
        final String rule;
        final Factory factory;

        Registration(String rule, Factory factory) {
            this.rule = rule;
            this.factory = factory;
        }
    }

    /** The most switch slots a symbol has: its FIRING flags are the bits of one long. */
    static final int MAX_SLOTS = Long.SIZE;

    private static final List<Registration> REGISTERED = List.of(
            register(WatchdogSettings.TS_BACKWARDS, TsBackwardsRule::new),
            register(WatchdogSettings.TRADE_CORRIDOR, TradeCorridorRule::new),
            register(WatchdogSettings.PUT_RATE_1S, (s, slot) -> new OrderRateRule(s, slot, OrderAction.PUT, 1)),
            register(WatchdogSettings.PUT_RATE_5S, (s, slot) -> new OrderRateRule(s, slot, OrderAction.PUT, 5)),
            register(WatchdogSettings.PUT_RATE_1M, (s, slot) -> new OrderRateRule(s, slot, OrderAction.PUT, 60)),
            register(WatchdogSettings.CANCEL_RATE_1S, (s, slot) -> new OrderRateRule(s, slot, OrderAction.CANCEL, 1)),
            register(WatchdogSettings.CANCEL_RATE_5S, (s, slot) -> new OrderRateRule(s, slot, OrderAction.CANCEL, 5)),
            register(WatchdogSettings.CANCEL_RATE_1M, (s, slot) -> new OrderRateRule(s, slot, OrderAction.CANCEL, 60)),
            register(WatchdogSettings.CANCELS_PER_PUT, CancelsPerPutRule::new),
            register(WatchdogSettings.BIG_ORDER, BigOrderRule::new),
            register(WatchdogSettings.ORDER_OFF_MID, OrderOffMidRule::new),
            register(WatchdogSettings.LATENCY, LatencyRule::new));

    /** The switch slots of every registered rule: the size of a symbol's switches. */
    static final int SLOTS = slots(build(new WatchdogSettings()));

    private static Registration register(String rule, Factory factory) {
        return new Registration(rule, factory);
    }

    /** Every registered rule with its settings in {@code settings}, at its slots, whether it is on or not. */
    static List<EventRule> build(WatchdogSettings settings) {
        List<EventRule> rules = new ArrayList<>(REGISTERED.size());
        int slot = 0;
        for (Registration r : REGISTERED) {
            EventRule rule = r.factory.build(settings.rule(r.rule), slot);
            if (rule.slot != slot || !rule.settings.rule.equals(r.rule)) {
                throw new IllegalStateException(rule.getClass().getSimpleName() + " registered as " + r.rule
                        + " at slot " + slot + " is " + rule.settings.rule + " at slot " + rule.slot);
            }
            slot += rule.slots();
            rules.add(rule);
        }
        if (slot > MAX_SLOTS) {
            throw new IllegalStateException("the event rules use " + slot + " switch slots, more than " + MAX_SLOTS);
        }
        return List.copyOf(rules);
    }

    /** Each registered rule's first slot, by name, in slot order. */
    static Map<String, Integer> layout() {
        Map<String, Integer> first = new LinkedHashMap<>();
        for (EventRule r : build(new WatchdogSettings())) {
            first.put(r.settings.rule, r.slot);
        }
        return first;
    }

    private static int slots(List<EventRule> rules) {
        int n = 0;
        for (EventRule r : rules) {
            n += r.slots();
        }
        return n;
    }
}
