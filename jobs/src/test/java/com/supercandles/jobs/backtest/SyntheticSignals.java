package com.supercandles.jobs.backtest;

import com.supercandles.output.Outputs;

import com.supercandles.signal.SignalFields;
import com.supercandles.signal.SignalRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * Signal records of a chosen shape, as the job writes them: the bars' windows, a close per bar and each
 * strategy's position per bar; equity and trades follow from those, the scores are set by the test.
 */
final class SyntheticSignals {
    final String symbol;
    final String period;
    final long periodMillis;
    final List<Long> starts;
    final Map<String, IntUnaryOperator> positions = new LinkedHashMap<>();
    final Map<String, Double> scores = new LinkedHashMap<>();

    SyntheticSignals(String symbol, String period, long periodMillis, List<Long> starts) {
        this.symbol = symbol;
        this.period = period;
        this.periodMillis = periodMillis;
        this.starts = starts;
    }

    static List<Long> contiguous(long start, long period, int bars) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < bars; i++) {
            out.add(start + i * period);
        }
        return out;
    }

    /** Bars of {@code period} in a daily session on weekdays from {@code from} to {@code to} (exclusive). */
    static List<Long> sessions(LocalDate from, LocalDate to, LocalTime open, LocalTime close, ZoneId zone, long period) {
        List<Long> out = new ArrayList<>();
        for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
            if (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
                continue;
            }
            long end = d.atTime(close).atZone(zone).toInstant().toEpochMilli();
            for (long t = d.atTime(open).atZone(zone).toInstant().toEpochMilli(); t + period <= end; t += period) {
                out.add(t);
            }
        }
        return out;
    }

    SyntheticSignals strategy(String name, IntUnaryOperator positionAfterBar) {
        positions.put(name, positionAfterBar);
        return this;
    }

    SyntheticSignals score(String field, double value) {
        scores.put(field, value);
        return this;
    }

    /** A wandering close, never undefined: 100 plus a few sines. */
    double close(int i) {
        return 100 + 3 * Math.sin(i / 17.0) + Math.sin(i / 3.1) + 0.01 * i;
    }

    /** Appends the records to {@code file}, bar by bar, strategies interleaved as the job writes them. */
    Path appendTo(Path file) throws IOException {
        Map<String, double[]> equity = new LinkedHashMap<>();
        Map<String, long[]> trades = new LinkedHashMap<>();
        for (String s : positions.keySet()) {
            equity.put(s, new double[] {1});
            trades.put(s, new long[] {0});
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            for (Map.Entry<String, IntUnaryOperator> e : positions.entrySet()) {
                int before = i == 0 ? 0 : e.getValue().applyAsInt(i - 1);
                int after = e.getValue().applyAsInt(i);
                double r = i == 0 ? 0 : before * (close(i) / close(i - 1) - 1);
                equity.get(e.getKey())[0] *= 1 + r;
                if (after != before) {
                    trades.get(e.getKey())[0]++;
                }
                SignalRecord rec = new SignalRecord();
                rec.symbol = symbol;
                rec.period = period;
                rec.windowStart = starts.get(i);
                rec.windowEnd = starts.get(i) + periodMillis;
                rec.strategy = e.getKey();
                rec.position = after;
                rec.close = close(i);
                rec.ret = r;
                rec.equity = equity.get(e.getKey())[0];
                rec.trades = trades.get(e.getKey())[0];
                rec.n = i + 1;
                rec.totalReturn = rec.equity - 1;
                rec.cagr = scores.getOrDefault("cagr", Double.NaN);
                rec.sharpe = scores.getOrDefault("sharpe", Double.NaN);
                rec.smartSharpe = scores.getOrDefault("smart_sharpe", Double.NaN);
                rec.sortino = scores.getOrDefault("sortino", Double.NaN);
                rec.smartSortino = scores.getOrDefault("smart_sortino", Double.NaN);
                rec.sortinoSqrt2 = scores.getOrDefault("sortino_sqrt2", Double.NaN);
                rec.probSharpe = scores.getOrDefault("prob_sharpe", Double.NaN);
                rec.omega = scores.getOrDefault("omega", Double.NaN);
                rec.maxDrawdown = scores.getOrDefault("max_drawdown", 0.0);
                rec.timeInMarket = scores.getOrDefault("time_in_market", 0.0);
                lines.add(Outputs.SIGNALS.toJson(rec));
            }
        }
        Files.write(file, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return file;
    }
}
