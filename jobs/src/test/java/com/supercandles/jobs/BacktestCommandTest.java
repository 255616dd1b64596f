package com.supercandles.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backtest command: the same records as the replay whether it runs on the events, on the replay's
 * candle file or on the same candles as an AlgoPack CSV; the table it prints; the HTML report's charts.
 */
class BacktestCommandTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final Path DAY = RecordedDataReplayTest.sharedData().resolve("bitstamp-btcusd-2015-05-01");

    private String out;
    private String err;

    private int run(String... args) {
        CliRun run = CliRun.of(args);
        out = run.out;
        err = run.err;
        return run.code;
    }

    private static List<String> sortedLines(Path file) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.sort(null);
        return lines;
    }

    @Test
    void eventsCandlesAndAnAlgoPackExportGiveTheReplaysRecords(@TempDir Path tmp) throws Exception {
        String[] strategies = {"--signal.cancels.window", "20", "--signal.cancels.k", "2"};
        Path candles = tmp.resolve("c.jsonl");
        assertThat(run(concat(new String[] {"replay", "--input", DAY.toString(), "--period", "1m",
                "--depth-notional", "10000", "--out", candles.toString()}, strategies))).as(err).isZero();
        List<String> replay = sortedLines(tmp.resolve("c.signals.jsonl"));
        assertThat(replay).hasSizeGreaterThan(1000);

        assertThat(run(concat(new String[] {"backtest", "--input", DAY.toString(), "--period", "1m",
                "--depth-notional", "10000", "--out", tmp.resolve("events").toString()}, strategies))).as(err).isZero();
        assertThat(sortedLines(tmp.resolve("events/signals.jsonl"))).isEqualTo(replay);

        assertThat(run(concat(new String[] {"backtest", "--candles", candles.toString(),
                "--out", tmp.resolve("candles").toString()}, strategies))).as(err).isZero();
        assertThat(sortedLines(tmp.resolve("candles/signals.jsonl"))).isEqualTo(replay);
        // quantstats' rows, strategies as columns, the last record's figures
        assertThat(out).contains("BTCUSD 1m: 305 bars").contains("Total Return").contains("Smart Sortino")
                .contains("Prob. Sharpe Ratio").contains("Time in Market").contains("levels_cancels");
        JsonNode lastDisb = CandleAssertions.readLines(tmp.resolve("c.signals.jsonl")).stream()
                .filter(r -> r.get("strategy").asText().equals("disb"))
                .max((a, b) -> Long.compare(a.get("window_start").asLong(), b.get("window_start").asLong())).orElseThrow();
        assertThat(out).contains(String.format(Locale.ROOT, "%.2f%%", lastDisb.get("total_return").asDouble() * 100))
                .contains(String.format(Locale.ROOT, "%.2f", lastDisb.get("sharpe").asDouble()));

        Path csv = algoPackExport(candles, tmp.resolve("algopack.csv"));
        assertThat(run(concat(new String[] {"backtest", "--algopack", csv.toString(), "--algopack-period", "1m",
                "--out", tmp.resolve("algopack").toString()}, strategies))).as(err).isZero();
        assertThat(sortedLines(tmp.resolve("algopack/signals.jsonl"))).isEqualTo(replay);
    }

    /**
     * The candles as AlgoPack users hold them: the three datasets merged by pandas (an unnamed index
     * column first, Moscow date and time of the bar's start, tradestats' and obstats' vol_b clashing).
     */
    private static Path algoPackExport(Path candles, Path csv) throws Exception {
        List<String> rows = new ArrayList<>();
        rows.add(",tradedate,tradetime,secid,pr_open,pr_close,vol_b_x,disb,cancel_orders_b,cancel_orders_s,"
                + "levels_b,levels_s,vol_b_y,SYSTIME");
        int index = 0;
        for (JsonNode c : CandleAssertions.readLines(candles)) {
            var t = Instant.ofEpochMilli(c.get("window_start").asLong()).atZone(ZoneId.of("Europe/Moscow"));
            rows.add(String.join(",", Integer.toString(index++), t.toLocalDate().toString(), t.toLocalTime().toString()
                    + (t.getSecond() == 0 ? ":00" : ""), c.get("symbol").asText(), text(c, "pr_open"), text(c, "pr_close"),
                    text(c, "vol_b"), text(c, "disb"), text(c, "cancel_orders_b"), text(c, "cancel_orders_s"),
                    text(c, "levels_b"), text(c, "levels_s"), text(c, "ob_vol_b"), "2015-05-01 12:00:00"));
        }
        Files.write(csv, rows);
        return csv;
    }

    private static String text(JsonNode c, String field) {
        return c.get(field).isNull() ? "" : c.get(field).asText();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The report's charts read back through their scale give each strategy's equity and drawdown bar by bar. */
    @Test
    void theReportsChartsShowTheEquityValues(@TempDir Path tmp) throws Exception {
        assertThat(run("backtest", "--input", DAY.toString(), "--period", "1m", "--depth-notional", "10000",
                "--signal.cancels.window", "20", "--out", tmp.toString())).as(err).isZero();
        String html = Files.readString(tmp.resolve("report.html"));
        assertThat(html).doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");

        Map<String, List<Double>> equity = new TreeMap<>();
        for (JsonNode r : CandleAssertions.readLines(tmp.resolve("signals.jsonl"))) {
            equity.computeIfAbsent(r.get("strategy").asText(), k -> new ArrayList<>()).add(r.get("equity").asDouble());
        }
        Matcher chart = Pattern.compile("<svg class=\"chart\" data-kind=\"(\\w+)\" data-y-min=\"([^\"]+)\" data-y-max=\"([^\"]+)\""
                + " data-plot=\"(\\d+) (\\d+) (\\d+) (\\d+)\"(.*?)</svg>", Pattern.DOTALL).matcher(html);
        int charts = 0;
        while (chart.find()) {
            charts++;
            String kind = chart.group(1);
            double min = Double.parseDouble(chart.group(2));
            double max = Double.parseDouble(chart.group(3));
            int left = Integer.parseInt(chart.group(4));
            int top = Integer.parseInt(chart.group(5));
            int width = Integer.parseInt(chart.group(6));
            int height = Integer.parseInt(chart.group(7));
            Matcher line = Pattern.compile("<polyline data-strategy=\"(\\w+)\"[^>]* points=\"([^\"]+)\"").matcher(chart.group(8));
            java.util.Set<String> drawn = new HashSet<>();
            while (line.find()) {
                String strategy = line.group(1);
                drawn.add(strategy);
                List<Double> values = equity.get(strategy);
                String[] points = line.group(2).split(" ");
                assertThat(points).as(kind + " " + strategy).hasSize(values.size());
                double peak = 1;
                for (int i = 0; i < points.length; i++) {
                    String[] xy = points[i].split(",");
                    double x = Double.parseDouble(xy[0]);
                    double y = Double.parseDouble(xy[1]);
                    assertThat(x).isCloseTo(left + width * (double) i / (points.length - 1), org.assertj.core.api.Assertions.within(0.01));
                    double shown = max - (y - top) / height * (max - min);
                    peak = Math.max(peak, values.get(i));
                    double expected = kind.equals("equity") ? values.get(i) : values.get(i) / peak - 1;
                    assertThat(shown).as(kind + " " + strategy + " bar " + i)
                            .isCloseTo(expected, org.assertj.core.api.Assertions.within((max - min) / height * 0.006));
                }
            }
            assertThat(drawn).as(kind).isEqualTo(equity.keySet());
        }
        assertThat(charts).isEqualTo(2); // equity and drawdown of BTCUSD 1m
    }

    @Test
    void badArgumentsSayWhatToFix(@TempDir Path tmp) throws Exception {
        assertThat(run("backtest", "--out", tmp.toString())).isEqualTo(2);
        assertThat(err).contains("exactly one of --input DIR, --candles FILE, --algopack FILE");
        assertThat(run("backtest", "--candles", tmp.resolve("none.jsonl").toString())).isEqualTo(2);
        assertThat(err).contains("cannot read");
        Path csv = Files.writeString(tmp.resolve("x.csv"), "secid,tradedate\nSBER,2024-01-01\n");
        assertThat(run("backtest", "--algopack", csv.toString(), "--out", tmp.toString())).isEqualTo(1);
        assertThat(err).contains("no 'tradetime' column");
        assertThat(run("backtest", "--input", DAY.toString(), "--signal.strategies", "disb,momentum",
                "--signal.cancels.k", "x", "--out", tmp.toString())).isEqualTo(2);
        assertThat(err).contains("unknown strategy 'momentum'").contains("signal.cancels.k must be a number");
    }
}
