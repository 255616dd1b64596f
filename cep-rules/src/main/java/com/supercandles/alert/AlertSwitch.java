package com.supercandles.alert;

/**
 * The state of one rule for one key: FIRING when its condition appears (unless a FIRING of the same key
 * is younger than the cooldown), RESOLVED when the condition is gone. A Flink POJO, kept in keyed state.
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
        if (condition && !firing) {
            if (lastFiring != Long.MIN_VALUE && eventTime - lastFiring < cooldownMs) {
                return null;
            }
            firing = true;
            lastFiring = eventTime;
            return Alert.FIRING;
        }
        if (!condition && firing) {
            firing = false;
            return Alert.RESOLVED;
        }
        return null;
    }
}
