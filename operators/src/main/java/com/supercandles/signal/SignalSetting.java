package com.supercandles.signal;

import java.util.function.DoublePredicate;
import java.util.function.ObjDoubleConsumer;
import java.util.function.ToDoubleFunction;

/**
 * One number of the paper strategies' settings, declared once: its configuration key ({@code signal.*},
 * also the replay and backtest flag), its default as the user would write it, its help line, which
 * values are valid, and the field of {@link SignalSettings} it sets. The defaults of a new
 * {@link SignalSettings} are these defaults, read as the configuration would read them.
 */
public final class SignalSetting {
    public final String key;
    /** The default as written in the configuration; empty: unset (NaN) for an optional number. */
    public final String defaultValue;
    public final String help;
    private final boolean whole;
    private final boolean optional;
    /** What a valid value is, after "must be " in a problem. */
    private final String valid;
    private final DoublePredicate isValid;
    private final ToDoubleFunction<SignalSettings> get;
    private final ObjDoubleConsumer<SignalSettings> set;

    private SignalSetting(String key, String defaultValue, String help, boolean whole, boolean optional, String valid,
                          DoublePredicate isValid, ToDoubleFunction<SignalSettings> get, ObjDoubleConsumer<SignalSettings> set) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.help = help;
        this.whole = whole;
        this.optional = optional;
        this.valid = valid;
        this.isValid = isValid;
        this.get = get;
        this.set = set;
    }

    /** A number; {@code valid} says which ones are ("a number >= 0"), {@code isValid} tells them. */
    static SignalSetting number(String key, String defaultValue, String help, String valid, DoublePredicate isValid,
                                ToDoubleFunction<SignalSettings> get, ObjDoubleConsumer<SignalSettings> set) {
        return new SignalSetting(key, defaultValue, help, false, false, valid, isValid, get, set);
    }

    /** A number that may be left empty: then NaN, which {@code isValid} must accept. */
    static SignalSetting optionalNumber(String key, String help, String valid, DoublePredicate isValid,
                                        ToDoubleFunction<SignalSettings> get, ObjDoubleConsumer<SignalSettings> set) {
        return new SignalSetting(key, "", help, false, true, valid, isValid, get, set);
    }

    /** A whole number of at least {@code min}. */
    static SignalSetting whole(String key, String defaultValue, String help, int min,
                               ToDoubleFunction<SignalSettings> get, ObjDoubleConsumer<SignalSettings> set) {
        return new SignalSetting(key, defaultValue, help, true, false, "a whole number >= " + min, v -> v >= min,
                get, set);
    }

    /** What the text must parse as, after "must be " in a problem: "a number" or "a whole number". */
    public String kind() {
        return whole ? "a whole number" : "a number";
    }

    /**
     * Sets the value written {@code text} (trimmed) in {@code settings}; an optional number left empty is NaN.
     *
     * @throws NumberFormatException when the text is not {@link #kind()}
     */
    public void set(SignalSettings settings, String text) {
        if (optional && text.isEmpty()) {
            set.accept(settings, Double.NaN);
        } else {
            set.accept(settings, whole ? Integer.parseInt(text) : Double.parseDouble(text));
        }
    }

    /** The problem with the value in {@code settings}, or null when it is valid. */
    String problem(SignalSettings settings) {
        double v = get.applyAsDouble(settings);
        return isValid.test(v) ? null : key + " must be " + valid + ", got " + (whole ? String.valueOf((int) v) : String.valueOf(v));
    }
}
