package com.supercandles.alert;


/**
 * The state of one rule for one key: FIRING when its condition appears (unless a FIRING of the same key
 * is younger than the cooldown), RESOLVED when the condition is gone. A Flink POJO, kept in keyed state;
 * {@link SymbolWatch} keeps the same two facts per rule in packed form, through {@link #next}.
 */
public class AlertSwitch {
    public boolean firing;
    /** Event time of the last FIRING; Long.MIN_VALUE before the first. */
    public long lastFiring = Long.MIN_VALUE;

    public AlertSwitch() {}

    /**
     * Feeds the condition at {@code eventTime}; returns {@link Alert#FIRING}, {@link Alert#RESOLVED} or null
     * (no change).
     */
    public String update(boolean condition, long eventTime, long cooldownMs) {
        String change = next(firing, lastFiring, condition, eventTime, cooldownMs);
        if (change != null) {
            firing = condition;
            if (condition) {
                lastFiring = eventTime;
            }
        }
        return change;
    }

    /**
     * The rule: what a switch that is {@code firing}, last fired at {@code lastFiring}, does with the
     * condition at {@code eventTime}: {@link Alert#FIRING}, {@link Alert#RESOLVED} or null (no change; the
     * caller then changes nothing, and on FIRING notes {@code eventTime} as the last firing).
     */
    static String next(boolean firing, long lastFiring, boolean condition, long eventTime, long cooldownMs) {
        if (condition == firing) {
            return null;
        }
        if (!condition) {
            return Alert.RESOLVED;
        }
        return lastFiring != Long.MIN_VALUE && eventTime - lastFiring < cooldownMs ? null : Alert.FIRING;
    }
}
