package com.supercandles.fields;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * One named field of a record kind and how to read it. Not serializable: what travels to the task
 * managers names its table ({@code OutputKind} by name), which each JVM builds once.
 */
public final class RecordField<T> {

    /** Where a field appears: most in both; a few only in the table (a second form of a time, say). */
    public enum Where { BOTH, TABLE_ONLY }

    /** The getters, one interface a kind of value. */
    public interface Text<T> extends Function<T, String> {}

    public interface Whole<T> extends ToLongFunction<T> {}

    public interface Real<T> extends ToDoubleFunction<T> {}

    public interface Flag<T> extends Predicate<T> {}

    public interface Reals<T> extends Function<T, double[]> {}

    private final String name;
    private final FieldKind kind;
    private final boolean nullable;
    private final Where where;
    private final Text<T> text;
    private final Whole<T> whole;
    private final Real<T> real;
    private final Flag<T> flag;
    private final Reals<T> reals;

    RecordField(String name, FieldKind kind, boolean nullable, Where where, Text<T> text, Whole<T> whole,
                Real<T> real, Flag<T> flag, Reals<T> reals) {
        this.name = name;
        this.kind = kind;
        this.nullable = nullable;
        this.where = where;
        this.text = text;
        this.whole = whole;
        this.real = real;
        this.flag = flag;
        this.reals = reals;
    }

    public String name() {
        return name;
    }

    public FieldKind kind() {
        return kind;
    }

    /** Whether its column is {@code Nullable} (a REAL's NaN, a TEXT's null, a REALS element's NaN). */
    public boolean nullable() {
        return nullable;
    }

    public boolean inJson() {
        return where == Where.BOTH;
    }

    public String text(T r) {
        return text.apply(r);
    }

    /** A TIME, COUNT or SMALL value. */
    public long whole(T r) {
        return whole.applyAsLong(r);
    }

    public double real(T r) {
        return real.applyAsDouble(r);
    }

    public boolean flag(T r) {
        return flag.test(r);
    }

    public double[] reals(T r) {
        return reals.apply(r);
    }

    RecordField<T> tableOnly() {
        return new RecordField<>(name, kind, nullable, Where.TABLE_ONLY, text, whole, real, flag, reals);
    }
}
