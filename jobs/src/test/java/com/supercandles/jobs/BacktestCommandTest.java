package com.supercandles.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.supercandles.jobs.backtest.ReportPage;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
        // five hours: the annualised rows read "-" (HtmlReportTest), the sample's own figures are printed
        assertThat(out).contains(String.format(Locale.ROOT, "%.2f%%", lastDisb.get("total_return").asDouble() * 100))
                .contains(String.format(Locale.ROOT, "%.2f", lastDisb.get("omega").asDouble()))
                .containsPattern("\\nCAGR( +-){5}\\R");

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

    /** One strategy's records in window order: what the report must draw for it. */
    private record Bars(List<Long> ends, List<Integer> positions, List<Double> equity, List<Double> closes) {
        /** Each bar whose position differs from the bar before (flat before the first): its index. */
        List<Integer> changes() {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < positions.size(); i++) {
                if (positions.get(i) != (i == 0 ? 0 : positions.get(i - 1))) {
                    out.add(i);
                }
            }
            return out;
        }
    }

    private static Map<String, Bars> byStrategy(Path signals) throws Exception {
        List<JsonNode> records = new ArrayList<>(CandleAssertions.readLines(signals));
        records.sort((a, b) -> Long.compare(a.get("window_start").asLong(), b.get("window_start").asLong()));
        Map<String, Bars> out = new TreeMap<>();
        for (JsonNode r : records) {
            Bars b = out.computeIfAbsent(r.get("strategy").asText(),
                    k -> new Bars(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
            b.ends.add(r.get("window_end").asLong());
            b.positions.add(r.get("position").asInt());
            b.equity.add(r.get("equity").asDouble());
            b.closes.add(r.get("close").isNull() ? Double.NaN : r.get("close").asDouble());
        }
        return out;
    }

    /**
     * The report read back: the curves of the strategies that traded give their equity and drawdown bar by
     * bar, each trade of the records is a marker of its kind at its bar and price, and the strategies that
     * never traded are listed instead of drawn.
     */
    @Test
    void theReportDrawsTheRecords(@TempDir Path tmp) throws Exception {
        assertThat(run("backtest", "--input", DAY.toString(), "--period", "1m", "--depth-notional", "10000",
                "--signal.cancels.window", "20", "--out", tmp.toString())).as(err).isZero();
        String html = Files.readString(tmp.resolve("report.html"));
        assertThat(html).doesNotContain("<script").doesNotContain("http://").doesNotContain("https://")
                .doesNotContain("<link").doesNotContain("<img");
        Map<String, Bars> records = byStrategy(tmp.resolve("signals.jsonl"));
        Set<String> traded = new TreeSet<>();
        for (Map.Entry<String, Bars> e : records.entrySet()) {
            if (!e.getValue().changes().isEmpty()) {
                traded.add(e.getKey());
            }
        }
        Set<String> idle = new TreeSet<>(records.keySet());
        idle.removeAll(traded);
        // on this day disb and cancels trade, the levels strategies never do (20 book levels a side throughout)
        assertThat(traded).containsExactly("cancels", "disb");
        ReportPage page = ReportPage.parse(html);
        assertThat(page.all("//*[@class='no-trades']/span").stream().map(e -> e.getAttribute("data-strategy")))
                .containsExactlyInAnyOrderElementsOf(idle);

        for (String kind : List.of("equity", "drawdown")) {
            List<ReportPage.Chart> charts = page.charts(kind);
            assertThat(charts).as(kind).hasSize(1);
            ReportPage.Chart chart = charts.get(0);
            Set<String> drawn = new TreeSet<>();
            for (Element line : chart.page().all(".//*[local-name()='polyline']")) {
                String strategy = line.getAttribute("data-strategy");
                drawn.add(strategy);
                List<Double> equity = records.get(strategy).equity();
                String[] points = line.getAttribute("points").split(" ");
                assertThat(points).as(kind + " " + strategy).hasSize(equity.size());
                double peak = 1;
                for (int i = 0; i < points.length; i++) {
                    String[] xy = points[i].split(",");
                    assertThat(Double.parseDouble(xy[0])).isCloseTo(chart.x(i), within(0.01));
                    peak = Math.max(peak, equity.get(i));
                    double expected = kind.equals("equity") ? equity.get(i) : (equity.get(i) / peak - 1) * 100;
                    assertThat(chart.value(Double.parseDouble(xy[1]))).as(kind + " " + strategy + " bar " + i)
                            .isCloseTo(expected, within(chart.unitsPerPixel() * 0.006));
                }
            }
            assertThat(drawn).as(kind).isEqualTo(traded);
        }

        List<ReportPage.Chart> prices = page.charts("price");
        assertThat(prices).hasSize(traded.size());
        Set<String> marked = new TreeSet<>();
        for (ReportPage.Chart chart : prices) {
            Element group = chart.page().all(".//*[local-name()='g' and @class='trades']").get(0);
            String strategy = group.getAttribute("data-strategy");
            marked.add(strategy);
            Bars bars = records.get(strategy);
            List<Integer> changes = bars.changes();
            List<Element> markers = ReportPage.of(group).all(".//*[" + ReportPage.hasClass("trade") + "]");
            assertThat(markers).as(strategy).hasSize(changes.size());
            for (int k = 0; k < markers.size(); k++) {
                int bar = changes.get(k);
                int into = bars.positions().get(bar);
                Element m = markers.get(k);
                String expectedKind = into > 0 ? "long-entry" : into < 0 ? "short-entry" : "exit";
                assertThat(m.getAttribute("class")).as(strategy + " trade " + k).isEqualTo("trade " + expectedKind);
                assertThat(Long.parseLong(m.getAttribute("data-t"))).isEqualTo(bars.ends().get(bar));
                // the marker's tip: an entry's triangle 1 px off the price, an exit's ring centred on it
                double x;
                double y;
                if (m.getTagName().equals("circle")) {
                    x = Double.parseDouble(m.getAttribute("cx"));
                    y = Double.parseDouble(m.getAttribute("cy"));
                } else {
                    Matcher tip = Pattern.compile("^M([-\\d.]+),([-\\d.]+)").matcher(m.getAttribute("d"));
                    assertThat(tip.find()).isTrue();
                    x = Double.parseDouble(tip.group(1));
                    y = Double.parseDouble(tip.group(2)) + (into > 0 ? -1 : 1);
                }
                assertThat(x).as(strategy + " trade " + k).isCloseTo(chart.x(bar), within(0.01));
                assertThat(chart.value(y)).as(strategy + " trade " + k)
                        .isCloseTo(bars.closes().get(bar), within(chart.unitsPerPixel() * 0.006));
            }
        }
        assertThat(marked).isEqualTo(traded);
    }

    /** The run's source and settings are stated in the report with the values given on the command line. */
    @Test
    void theReportStatesTheRunsParameters(@TempDir Path tmp) throws Exception {
        Path candles = tmp.resolve("eth.jsonl");
        List<String> lines = new ArrayList<>();
        long start = Instant.parse("2016-05-12T15:00:00Z").toEpochMilli();
        for (int i = 0; i < 120; i++) {
            lines.add(String.format(Locale.ROOT, "{\"symbol\":\"ETHUSD\",\"period\":\"1m\",\"window_start\":%d,"
                    + "\"window_end\":%d,\"pr_close\":%.2f,\"disb\":%.2f,\"levels_b\":%d,\"levels_s\":10,"
                    + "\"cancel_orders_b\":%d,\"cancel_orders_s\":5}", start + i * 60_000L, start + (i + 1) * 60_000L,
                    10 + Math.sin(i / 5.0), Math.sin(i / 3.0), 8 + i % 5, i % 17 == 0 ? 60 : 5));
        }
        Files.write(candles, lines);
        assertThat(run("backtest", "--candles", candles.toString(), "--out", tmp.resolve("k").toString(),
                "--signal.strategies", "disb,levels_trend,cancels", "--signal.commission-bps", "2.5",
                "--signal.periods-per-year", "100000", "--signal.disb.threshold", "0.35",
                "--signal.levels-trend.bars", "30", "--signal.levels-trend.theta", "0.0002",
                "--signal.cancels.window", "15", "--signal.cancels.k", "1.5", "--signal.cancels.max-hold", "7",
                "--signal.sessions", "*=00:00-23:59 UTC")).as(err).isZero();
        Map<String, String> p = ReportPage.parse(Files.readString(tmp.resolve("k/report.html"))).parameters();
        assertThat(p).containsEntry("Source", "candle file " + candles)
                .containsEntry("Symbols", "ETHUSD")
                .containsEntry("Time range", "2016-05-12 15:00 to 17:00 UTC (2 h)")
                .containsEntry("Strategies", "disb, levels_trend, cancels")
                .containsEntry("Bars per year (P)", "100000")
                .containsEntry("Trading sessions", "*=00:00-23:59 UTC")
                .doesNotContainKeys("levels", "levels_cancels");
        assertThat(p.get("Periods")).startsWith("1m");
        assertThat(p.get("Commission")).startsWith("2.5 bps per side");
        assertThat(p.get("disb")).contains("disb > 0.35").contains("disb < -0.35");
        assertThat(p.get("levels_trend")).contains("N = 30").contains("theta = 0.0002");
        assertThat(p.get("cancels")).contains("mean + 1.5 std").contains("W = 15").contains("at most 7 bars");

        assertThat(run("backtest", "--candles", candles.toString(), "--out", tmp.resolve("t").toString(),
                "--signal.cancels.threshold", "40")).as(err).isZero();
        p = ReportPage.parse(Files.readString(tmp.resolve("t/report.html"))).parameters();
        assertThat(p.get("cancels")).contains("above 40 a bar").doesNotContain("std");
        assertThat(p.get("Commission")).startsWith("1.5 bps per side");
        assertThat(p.get("Bars per year (P)")).contains("525,600 for 1m");
        assertThat(p).containsEntry("Trading sessions", "none (always open)").containsKeys("levels", "levels_cancels");
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
