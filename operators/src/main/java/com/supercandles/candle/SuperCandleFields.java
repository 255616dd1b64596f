package com.supercandles.candle;

import com.supercandles.fields.FieldTable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The SuperCandle's fields under the contract's names, in the contract's order: the one schema that
 * JSON writers, table definitions and tests read, so a field is named in exactly one place.
 */
public final class SuperCandleFields {

    /** How a field's value is represented. */
    public enum Kind {
        TEXT,
        INTEGER,
        /** A double; NaN stands for null. */
        REAL,
        /** A boolean, read as 0 or 1 through {@link Field#integer}. */
        FLAG
    }

    /** One named field and how to read it from a candle. */
    public static final class Field {
        private final String name;
        private final Kind kind;
        private final Function<SuperCandle, String> text;
        private final ToLongFunction<SuperCandle> integer;
        private final ToDoubleFunction<SuperCandle> real;

        private Field(String name, Kind kind, Function<SuperCandle, String> text,
                      ToLongFunction<SuperCandle> integer, ToDoubleFunction<SuperCandle> real) {
            this.name = name;
            this.kind = kind;
            this.text = text;
            this.integer = integer;
            this.real = real;
        }

        public String name() {
            return name;
        }

        public Kind kind() {
            return kind;
        }

        public String text(SuperCandle c) {
            return text.apply(c);
        }

        public long integer(SuperCandle c) {
            return integer.applyAsLong(c);
        }

        public double real(SuperCandle c) {
            return real.applyAsDouble(c);
        }

        /** Whether the spec allows this field to be null. */
        public boolean nullable() {
            return kind == Kind.REAL ? !NEVER_NULL_REALS.contains(name) : NULLABLE_TEXTS.contains(name);
        }
    }

    /** Sums are 0, not null, in a window without data of their stream. */
    private static final List<String> NEVER_NULL_REALS = List.of(
            "vol", "vol_b", "vol_s", "val", "val_b", "val_s",
            "put_vol", "put_vol_b", "put_vol_s", "put_val", "put_val_b", "put_val_s",
            "cancel_vol", "cancel_vol_b", "cancel_vol_s", "cancel_val", "cancel_val_b", "cancel_val_s");

    /** Texts that are null without data: {@code orders_source} in a window without order events. */
    private static final List<String> NULLABLE_TEXTS = List.of("orders_source");

    public static final List<Field> ALL;
    /** The fields of extended.md's "Provenance", after those of supercandles.md. */
    public static final List<Field> PROVENANCE;
    /** The fields that identify a candle: symbol, period, window_start, window_end. */
    public static final List<Field> KEY;

    static {
        List<Field> f = new ArrayList<>();
        f.add(text("symbol", c -> c.symbol));
        f.add(text("period", c -> c.period));
        f.add(integer("window_start", c -> c.windowStart));
        f.add(integer("window_end", c -> c.windowEnd));
        KEY = List.copyOf(f);

        addFlow(f, "trades", "vol", "val", c -> c.trades);
        f.add(real("pr_open", c -> c.prOpen));
        f.add(real("pr_close", c -> c.prClose));
        f.add(real("pr_high", c -> c.prHigh));
        f.add(real("pr_low", c -> c.prLow));
        f.add(real("pr_vwap", c -> c.trades.vwap));
        f.add(real("pr_vwap_b", c -> c.trades.vwapB));
        f.add(real("pr_vwap_s", c -> c.trades.vwapS));
        f.add(real("pr_change", c -> c.prChange));
        f.add(real("pr_std", c -> c.prStd));
        f.add(real("disb", c -> c.disb));

        addOrderFlow(f, "put", c -> c.puts);
        addOrderFlow(f, "cancel", c -> c.cancels);

        f.add(integer("book_snapshots", c -> c.bookSnapshots));
        for (BookMetric m : BookMetric.values()) {
            f.add(real(m.fieldName(), c -> c.book[m.ordinal()]));
        }
        List<Field> provenance = List.of(
                new Field("gap", Kind.FLAG, null, c -> c.gap ? 1 : 0, null),
                text("orders_source", c -> c.ordersSource));
        PROVENANCE = provenance;
        f.addAll(provenance);
        ALL = Collections.unmodifiableList(f);
    }

    /**
     * The same fields as a {@link FieldTable}: how the candle's JSON and its table's row are written.
     * The window bounds are epoch ms in JSON, whole seconds (periods are >= 1 s) in the DateTime columns.
     */
    public static final FieldTable<SuperCandle> TABLE = table();

    private SuperCandleFields() {}

    private static FieldTable<SuperCandle> table() {
        FieldTable.Builder<SuperCandle> t = FieldTable.builder(2048);
        for (Field f : ALL) {
            switch (f.kind()) {
                case TEXT:
                    if (f.nullable()) {
                        t.optionalText(f.name(), f::text);
                    } else {
                        t.text(f.name(), f::text);
                    }
                    break;
                case FLAG:
                    t.flag(f.name(), c -> f.integer(c) != 0);
                    break;
                case INTEGER:
                    if (KEY.contains(f)) {
                        t.time(f.name(), f::integer);
                    } else {
                        t.count(f.name(), f::integer);
                    }
                    break;
                default:
                    if (f.nullable()) {
                        t.real(f.name(), f::real);
                    } else {
                        t.definedReal(f.name(), f::real);
                    }
            }
        }
        return t.build();
    }

    private static void addOrderFlow(List<Field> f, String prefix, Function<SuperCandle, FlowFigures> flow) {
        addFlow(f, prefix + "_orders", prefix + "_vol", prefix + "_val", flow);
        f.add(real(prefix + "_vwap_b", c -> flow.apply(c).vwapB));
        f.add(real(prefix + "_vwap_s", c -> flow.apply(c).vwapS));
    }

    private static void addFlow(List<Field> f, String count, String vol, String val,
                                Function<SuperCandle, FlowFigures> flow) {
        f.add(integer(count, c -> flow.apply(c).count));
        f.add(integer(count + "_b", c -> flow.apply(c).countB));
        f.add(integer(count + "_s", c -> flow.apply(c).countS));
        f.add(real(vol, c -> flow.apply(c).vol));
        f.add(real(vol + "_b", c -> flow.apply(c).volB));
        f.add(real(vol + "_s", c -> flow.apply(c).volS));
        f.add(real(val, c -> flow.apply(c).val));
        f.add(real(val + "_b", c -> flow.apply(c).valB));
        f.add(real(val + "_s", c -> flow.apply(c).valS));
    }

    private static Field text(String name, Function<SuperCandle, String> getter) {
        return new Field(name, Kind.TEXT, getter, null, null);
    }

    private static Field integer(String name, ToLongFunction<SuperCandle> getter) {
        return new Field(name, Kind.INTEGER, null, getter, null);
    }

    private static Field real(String name, ToDoubleFunction<SuperCandle> getter) {
        return new Field(name, Kind.REAL, null, null, getter);
    }
}
