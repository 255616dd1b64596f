package com.supercandles.alert;


import java.io.Serializable;

/** One rule's settings: on or off, its threshold, severity and cooldown. */
public final class RuleSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    public final String rule;
    public boolean enabled = true;
    public double threshold;
    public Severity severity;
    public long cooldownMs = 60_000;
    /** The span the threshold is counted over, for the rules that have one (0: none). */
    public long windowMs;
    /** What the threshold means, for the documentation and the messages. */
    public final String unit;

    public RuleSettings(String rule, double threshold, String unit, Severity severity) {
        this.rule = rule;
        this.threshold = threshold;
        this.unit = unit;
        this.severity = severity;
    }

    /** With the span its threshold is counted over. */
    public RuleSettings over(long windowMs) {
        this.windowMs = windowMs;
        return this;
    }
}
