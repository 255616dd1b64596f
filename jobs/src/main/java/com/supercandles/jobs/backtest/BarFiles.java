package com.supercandles.jobs.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.supercandles.candle.OrdersSource;
import com.supercandles.candle.Period;
import com.supercandles.jobs.cli.BadLines;
import com.supercandles.jobs.cli.Progress;
import com.supercandles.signal.SignalBar;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bars of existing candle files for a backtest: this project's candle JSON lines, or MOEX AlgoPack's
 * SuperCandle CSV exports (tradestats, orderstats and obstats merged on date, time and ticker, as users
 * save them with pandas). Bars come out in window order per (symbol, period), as the job emits them.
 */
public final class BarFiles {
    /** AlgoPack's {@code tradedate}/{@code tradetime} are Moscow time (UTC+3, no daylight saving since 2014). */
    public static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final ObjectMapper JSON = new ObjectMapper();

    private BarFiles() {}

    /**
     * A candle JSON-lines file of this project (a replay's output, a tail of the candle topic); lines that
     * are not candles go to {@code bad}.
     */
    public static List<SignalBar> candleJsonLines(Path file, BadLines bad, Progress progress) throws IOException {
        List<SignalBar> bars = new ArrayList<>();
        bad.read(file, progress, (text, line) -> bars.add(signalBar(JSON.readTree(text))));
        return sorted(bars);
    }

    /** One candle of this project's JSON as the paper strategies read it. */
    public static SignalBar signalBar(JsonNode c) {
        SignalBar b = new SignalBar();
        for (String field : new String[] {"pr_close", "disb"}) {
            if (!c.has(field)) { // a signal or score record has a symbol and a window too
                throw new IllegalArgumentException("not a candle: no '" + field + "' field");
            }
        }
        b.symbol = required(c, "symbol").asText();
        b.period = period(c).toString();
        b.windowStart = whole(c, "window_start");
        b.windowEnd = whole(c, "window_end");
        b.close = real(c, "pr_close");
        b.disb = real(c, "disb");
        b.levelsB = real(c, "levels_b");
        b.levelsS = real(c, "levels_s");
        b.cancelOrdersB = count(c, "cancel_orders_b");
        b.cancelOrdersS = count(c, "cancel_orders_s");
        checkProvenance(c);
        return b;
    }

    /**
     * extended.md's provenance fields, when the candle has them (files written before they existed do
     * not): {@code gap} a boolean (ClickHouse's JSON gives 0 or 1), {@code orders_source} log, derived
     * or null. The strategies and the model read neither; a wrong value means the file is not a
     * SuperCandle file of this project, and says which field.
     */
    static void checkProvenance(JsonNode c) {
        JsonNode gap = c.get("gap");
        if (gap != null && !gap.isBoolean() && !(gap.isIntegralNumber() && (gap.asInt() == 0 || gap.asInt() == 1))
                && !(gap.isTextual() && (gap.asText().equals("0") || gap.asText().equals("1")))) {
            throw new IllegalArgumentException("field 'gap': " + gap + " is not true or false");
        }
        JsonNode source = c.get("orders_source");
        if (source != null && !source.isNull() && !(source.isTextual()
                && (source.asText().equals(OrdersSource.LOG) || source.asText().equals(OrdersSource.DERIVED)))) {
            throw new IllegalArgumentException("field 'orders_source': " + source + " is none of \"log\", \"derived\", null");
        }
    }

    private static long count(JsonNode c, String field) {
        double v = real(c, field);
        return Double.isNaN(v) ? 0 : (long) v;
    }

    /** A candle's {@code period} field; a bad one names the field. */
    public static Period period(JsonNode c) {
        String text = required(c, "period").asText();
        try {
            return Period.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field 'period': " + e.getMessage());
        }
    }

    private static JsonNode required(JsonNode c, String field) {
        JsonNode v = c.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("not a candle: no '" + field + "' field");
        }
        return v;
    }

    /** A numeric field of a candle; null or absent is NaN (a field the contract leaves undefined). */
    public static double real(JsonNode c, String field) {
        JsonNode v = c.get(field);
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        try {
            return Double.parseDouble(v.asText()); // ClickHouse's JSON quotes 64-bit integers
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("field '" + field + "': " + v + " is not a number");
        }
    }

    /** A required whole-number field of a candle (its window's bounds). */
    public static long whole(JsonNode c, String field) {
        JsonNode v = required(c, field);
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.asLong();
        }
        try {
            return Long.parseLong(v.asText()); // ClickHouse's JSON quotes 64-bit integers
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("field '" + field + "': " + v + " is not a whole number (epoch ms)");
        }
    }

    /**
     * An AlgoPack SuperCandle CSV: a header row, comma-separated, an optional unnamed first column (the
     * pandas index). Read: {@code tradedate}, {@code tradetime}, {@code secid}, {@code pr_close} (or
     * {@code close}), {@code disb}, {@code levels_b}, {@code levels_s}, {@code cancel_orders_b},
     * {@code cancel_orders_s}; other columns are ignored, missing signal columns are null (0 for counts).
     * Rows with a cell that cannot be read go to {@code bad}, naming the column.
     *
     * @param period   the bars' length (AlgoPack's: 5 minutes)
     * @param timeIsStart whether {@code tradetime} is a bar's start (true) or its end
     */
    public static List<SignalBar> algoPackCsv(Path file, Period period, boolean timeIsStart, BadLines bad,
                                              Progress progress) throws IOException {
        String head;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            head = in.readLine();
        }
        if (head == null || head.isBlank()) {
            throw new IOException(file + " is empty: expected a header row of AlgoPack columns"
                    + " (tradedate, tradetime, secid, pr_close, disb, ...)");
        }
        String[] header = split(head);
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            column.putIfAbsent(header[i].trim().toLowerCase(), i);
        }
        for (String needed : List.of("tradedate", "tradetime", "secid")) {
            if (!column.containsKey(needed)) {
                throw new IOException(file + " line 1: no '" + needed + "' column; the header is " + head);
            }
        }
        String closeName = column.containsKey("pr_close") ? "pr_close" : "close";
        if (!column.containsKey(closeName)) {
            throw new IOException(file + " line 1: no 'pr_close' (or 'close') column; the header is " + head);
        }
        List<SignalBar> bars = new ArrayList<>();
        bad.read(file, progress, (text, line) -> {
            if (line == 1) {
                return;
            }
            Row f = new Row(split(text), column);
            SignalBar b = new SignalBar();
            b.symbol = f.text("secid");
            if (b.symbol.isEmpty()) {
                throw new IllegalArgumentException("column 'secid' is empty");
            }
            b.period = period.toString();
            long t = ZonedDateTime.of(f.date("tradedate"), f.time("tradetime"), MOSCOW).toInstant().toEpochMilli();
            b.windowStart = timeIsStart ? t : t - period.millis();
            b.windowEnd = b.windowStart + period.millis();
            b.close = f.number(closeName);
            b.disb = f.number("disb");
            b.levelsB = f.number("levels_b");
            b.levelsS = f.number("levels_s");
            b.cancelOrdersB = f.count("cancel_orders_b");
            b.cancelOrdersS = f.count("cancel_orders_s");
            bars.add(b);
        });
        return sorted(bars);
    }

    /** One row's cells by column name; a cell that cannot be read names its column and what it expected. */
    private static final class Row {
        private final String[] cells;
        private final Map<String, Integer> column;

        Row(String[] cells, Map<String, Integer> column) {
            this.cells = cells;
            this.column = column;
        }

        String text(String name) {
            Integer i = column.get(name);
            return i == null || i >= cells.length ? "" : cells[i].trim();
        }

        LocalDate date(String name) {
            try {
                return LocalDate.parse(text(name));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("column '" + name + "': '" + text(name) + "' is not a date (YYYY-MM-DD)");
            }
        }

        LocalTime time(String name) {
            try {
                return LocalTime.parse(text(name));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("column '" + name + "': '" + text(name) + "' is not a time (HH:MM:SS)");
            }
        }

        double number(String name) {
            String v = text(name);
            if (v.isEmpty() || v.equalsIgnoreCase("nan") || v.equalsIgnoreCase("null")) {
                return Double.NaN;
            }
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("column '" + name + "': '" + v + "' is not a number");
            }
        }

        long count(String name) {
            double v = number(name);
            return Double.isNaN(v) ? 0 : (long) v;
        }
    }

    private static String[] split(String line) {
        return line.split(",", -1);
    }

    /**
     * How many of {@code bars} repeat a (symbol, period, window) read before: re-emitted candles, or
     * files that overlap. The strategies count each window once (its last version), as live.
     */
    public static long repeatedWindows(List<SignalBar> bars) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        long repeated = 0;
        for (SignalBar b : bars) {
            if (!seen.add(b.symbol + '|' + b.period + '|' + b.windowStart)) {
                repeated++;
            }
        }
        return repeated;
    }

    private static List<SignalBar> sorted(List<SignalBar> bars) {
        bars.sort(Comparator.comparing((SignalBar b) -> b.symbol).thenComparing(b -> b.period)
                .thenComparingLong(b -> b.windowStart));
        return bars;
    }
}
