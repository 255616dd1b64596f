package com.supercandles.alert;

/** How urgent an alert is, least first: a receiver may ask for a minimum. */
public enum Severity {
    INFO("info"),
    WARNING("warning"),
    CRITICAL("critical");

    public final String wireName;

    Severity(String wireName) {
        this.wireName = wireName;
    }

    /** @throws IllegalArgumentException naming the valid values */
    public static Severity parse(String text) {
        for (Severity s : values()) {
            if (s.wireName.equals(text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("severity '" + text + "' is not info, warning or critical");
    }

    public boolean atLeast(Severity other) {
        return ordinal() >= other.ordinal();
    }
}
