package com.supercandles.jobs.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.supercandles.candle.Period;
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

    /** A candle JSON-lines file of this project (a replay's output, a tail of the candle topic). */
    public static List<SignalBar> candleJsonLines(Path file) throws IOException {
        List<SignalBar> bars = new ArrayList<>();
        int line = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String text; (text = in.readLine()) != null; ) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                try {
                    bars.add(signalBar(JSON.readTree(text)));
                } catch (IOException | IllegalArgumentException e) {
                    throw new IOException(file + " line " + line + ": not a candle: " + e.getMessage(), e);
                }
            }
        }
        return sorted(bars);
    }

    /** One candle of this project's JSON as the paper strategies read it. */
    public static SignalBar signalBar(JsonNode c) {
        SignalBar b = new SignalBar();
        b.symbol = required(c, "symbol").asText();
        b.period = Period.parse(required(c, "period").asText()).toString();
        b.windowStart = required(c, "window_start").asLong();
        b.windowEnd = required(c, "window_end").asLong();
        b.close = real(c, "pr_close");
        b.disb = real(c, "disb");
        b.levelsB = real(c, "levels_b");
        b.levelsS = real(c, "levels_s");
        b.cancelOrdersB = c.has("cancel_orders_b") ? c.get("cancel_orders_b").asLong() : 0;
        b.cancelOrdersS = c.has("cancel_orders_s") ? c.get("cancel_orders_s").asLong() : 0;
        return b;
    }

    private static JsonNode required(JsonNode c, String field) {
        JsonNode v = c.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing '" + field + "'");
        }
        return v;
    }

    private static double real(JsonNode c, String field) {
        JsonNode v = c.get(field);
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }

    /**
     * An AlgoPack SuperCandle CSV: a header row, comma-separated, an optional unnamed first column (the
     * pandas index). Read: {@code tradedate}, {@code tradetime}, {@code secid}, {@code pr_close} (or
     * {@code close}), {@code disb}, {@code levels_b}, {@code levels_s}, {@code cancel_orders_b},
     * {@code cancel_orders_s}; other columns are ignored, missing signal columns are null (0 for counts).
     *
     * @param period   the bars' length (AlgoPack's: 5 minutes)
     * @param timeIsStart whether {@code tradetime} is a bar's start (true) or its end
     */
    public static List<SignalBar> algoPackCsv(Path file, Period period, boolean timeIsStart) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IOException(file + " is empty: expected a header row of AlgoPack columns");
        }
        String[] header = split(lines.get(0));
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            column.putIfAbsent(header[i].trim().toLowerCase(), i);
        }
        for (String needed : List.of("tradedate", "tradetime", "secid")) {
            if (!column.containsKey(needed)) {
                throw new IOException(file + ": no '" + needed + "' column; the header is " + lines.get(0));
            }
        }
        Integer close = column.containsKey("pr_close") ? column.get("pr_close") : column.get("close");
        if (close == null) {
            throw new IOException(file + ": no 'pr_close' (or 'close') column; the header is " + lines.get(0));
        }
        List<SignalBar> bars = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            if (lines.get(n).isBlank()) {
                continue;
            }
            String[] f = split(lines.get(n));
            try {
                SignalBar b = new SignalBar();
                b.symbol = cell(f, column.get("secid"));
                b.period = period.toString();
                long t = ZonedDateTime.of(LocalDate.parse(cell(f, column.get("tradedate"))),
                        LocalTime.parse(cell(f, column.get("tradetime"))), MOSCOW).toInstant().toEpochMilli();
                b.windowStart = timeIsStart ? t : t - period.millis();
                b.windowEnd = b.windowStart + period.millis();
                b.close = number(f, close);
                b.disb = number(f, column.get("disb"));
                b.levelsB = number(f, column.get("levels_b"));
                b.levelsS = number(f, column.get("levels_s"));
                b.cancelOrdersB = count(f, column.get("cancel_orders_b"));
                b.cancelOrdersS = count(f, column.get("cancel_orders_s"));
                if (b.symbol.isEmpty()) {
                    throw new IllegalArgumentException("empty secid");
                }
                bars.add(b);
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new IOException(file + " line " + (n + 1) + ": " + e.getMessage(), e);
            }
        }
        return sorted(bars);
    }

    private static String[] split(String line) {
        return line.split(",", -1);
    }

    private static String cell(String[] f, Integer i) {
        return i == null || i >= f.length ? "" : f[i].trim();
    }

    private static double number(String[] f, Integer i) {
        String v = cell(f, i);
        if (v.isEmpty() || v.equalsIgnoreCase("nan") || v.equalsIgnoreCase("null")) {
            return Double.NaN;
        }
        return Double.parseDouble(v);
    }

    private static long count(String[] f, Integer i) {
        double v = number(f, i);
        return Double.isNaN(v) ? 0 : (long) v;
    }

    private static List<SignalBar> sorted(List<SignalBar> bars) {
        bars.sort(Comparator.comparing((SignalBar b) -> b.symbol).thenComparing(b -> b.period)
                .thenComparingLong(b -> b.windowStart));
        return bars;
    }
}
