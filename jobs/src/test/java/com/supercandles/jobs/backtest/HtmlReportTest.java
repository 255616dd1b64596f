package com.supercandles.jobs.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.supercandles.signal.SignalSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Element;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static com.supercandles.jobs.backtest.ReportPage.hasClass;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The report and the printed table on records of chosen shapes: which strategies are drawn, which
 * figures are shown, how the time axis reads over spans from hours to a month and over market sessions.
 */
class HtmlReportTest {
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final long MAY_1_2015 = Instant.parse("2015-05-01T00:00:00Z").toEpochMilli();
    private static final List<String> ANNUALISED = List.of("CAGR", "Sharpe", "Smart Sharpe", "Sortino", "Smart Sortino",
            "Sortino/\u221a2");

    @TempDir
    Path tmp;
    private int files;

    private StrategySeries results(SyntheticSignals... parts) throws Exception {
        Path file = tmp.resolve("signals-" + files++ + ".jsonl");
        for (SyntheticSignals p : parts) {
            p.appendTo(file);
        }
        return StrategySeries.read(file);
    }

    private static ReportPage report(StrategySeries results) throws Exception {
        return ReportPage.parse(HtmlReport.render(results, new BacktestParameters("Backtest of test", "synthetic records",
                new SignalSettings())));
    }

    private static Set<String> strategiesOf(List<Element> elements) {
        return elements.stream().map(e -> e.getAttribute("data-strategy")).collect(Collectors.toSet());
    }

    @Test
    void strategiesThatNeverTradeAreListedAndNotDrawn() throws Exception {
        SyntheticSignals bars = new SyntheticSignals("BTCUSD", "1m", MINUTE, SyntheticSignals.contiguous(MAY_1_2015, MINUTE, 300))
                .strategy("disb", i -> i % 40 < 20 ? 1 : -1)
                .strategy("levels", i -> 0)
                .strategy("levels_trend", i -> i >= 100 && i < 150 ? 1 : 0)
                .strategy("cancels", i -> 0)
                .strategy("levels_cancels", i -> 0);
        ReportPage page = report(results(bars));

        assertThat(page.all("//*[@class='no-trades']")).hasSize(1);
        assertThat(page.all("//*[@class='no-trades']")).first().extracting(Element::getTextContent).asString()
                .contains("No trades");
        assertThat(strategiesOf(page.all("//*[@class='no-trades']/span")))
                .containsExactlyInAnyOrder("levels", "cancels", "levels_cancels");
        for (String kind : List.of("equity", "drawdown")) {
            assertThat(page.charts(kind)).as(kind).hasSize(1);
            assertThat(strategiesOf(page.charts(kind).get(0).page().all(".//*[local-name()='polyline']")))
                    .as(kind).containsExactlyInAnyOrder("disb", "levels_trend");
        }
        List<ReportPage.Chart> prices = page.charts("price");
        assertThat(prices).hasSize(2);
        Set<String> marked = new HashSet<>();
        for (ReportPage.Chart c : prices) {
            marked.addAll(strategiesOf(c.page().all(".//*[local-name()='g' and @class='trades']")));
        }
        assertThat(marked).containsExactlyInAnyOrder("disb", "levels_trend");
        // the idle strategies appear nowhere in a chart
        assertThat(strategiesOf(page.all("//*[local-name()='svg']//*[@data-strategy]")))
                .doesNotContain("levels", "cancels", "levels_cancels");
    }

    /** One (symbol, period) of {@code bars} bars of an hour, a trading strategy and set annualised scores. */
    private SyntheticSignals hourly(int bars) {
        return new SyntheticSignals("BTCUSD", "1h", HOUR, SyntheticSignals.contiguous(MAY_1_2015, HOUR, bars))
                .strategy("disb", i -> i % 10 < 5 ? 1 : 0)
                .score("cagr", 0.1234).score("sharpe", 1.5).score("smart_sharpe", 1.25).score("sortino", 2.5)
                .score("smart_sortino", 2.25).score("sortino_sqrt2", 1.77).score("omega", 1.26).score("prob_sharpe", 0.61);
    }

    @Test
    void annualisedScoresAreDashesOnASampleShorterThanAWeek() throws Exception {
        // five hours of minutes, with the figures a short sample really gets: CAGR -100 %, Sharpe -225
        SyntheticSignals fiveHours = new SyntheticSignals("BTCUSD", "1m", MINUTE,
                SyntheticSignals.contiguous(MAY_1_2015, MINUTE, 300))
                .strategy("disb", i -> i % 7 < 3 ? 1 : -1)
                .score("cagr", -1.0).score("sharpe", -225.07).score("smart_sharpe", -212.3).score("sortino", -235.79)
                .score("smart_sortino", -222.42).score("sortino_sqrt2", -166.73).score("omega", 0.26)
                .score("prob_sharpe", 0.0012);
        StrategySeries results = results(fiveHours);
        Map<String, List<String>> html = report(results).metrics();
        for (String row : ANNUALISED) {
            assertThat(html.get(row)).as(row).containsExactly("-");
        }
        assertThat(html.get("Omega")).containsExactly("0.26");
        assertThat(html.get("Prob. Sharpe Ratio")).containsExactly("0.12%");
        assertThat(html.get("Total Return")).containsExactly(percent(lastRecord(tmp.resolve("signals-0.jsonl"), "disb")
                .get("total_return").asDouble()));
        List<Element> note = report(results).all("//p[" + hasClass("annualised") + "]");
        assertThat(note).hasSize(1);
        assertThat(note.get(0).getTextContent()).contains("5 h").contains("7 days").contains("CAGR");

        Map<String, List<String>> printed = printedRows(MetricsTable.render(results));
        for (String row : ANNUALISED) {
            assertThat(printed.get(row)).as(row).containsExactly("-");
        }
        assertThat(printed.get("Omega")).containsExactly("0.26");
        assertThat(MetricsTable.render(results).replaceAll("\\s+", " ")).contains("less than the 7 days");
    }

    /** The threshold both ways: a bar short of a week hides the annualised figures, a week (or a month) shows them. */
    @Test
    void annualisedScoresAreShownFromAWeekOfData() throws Exception {
        for (int bars : new int[] {167, 168, 720}) {
            boolean shown = bars >= 7 * 24;
            StrategySeries results = results(hourly(bars));
            ReportPage page = report(results);
            Map<String, List<String>> printed = printedRows(MetricsTable.render(results));
            List<String> expected = shown ? List.of("12.34%", "1.50", "1.25", "2.50", "2.25", "1.77")
                    : List.of("-", "-", "-", "-", "-", "-");
            for (int i = 0; i < ANNUALISED.size(); i++) {
                String row = bars + " bars: " + ANNUALISED.get(i);
                assertThat(page.metrics().get(ANNUALISED.get(i))).as(row).containsExactly(expected.get(i));
                assertThat(printed.get(ANNUALISED.get(i))).as(row).containsExactly(expected.get(i));
            }
            assertThat(page.metrics().get("Omega")).as(bars + " bars").containsExactly("1.26");
            assertThat(page.all("//p[" + hasClass("annualised") + "]")).as(bars + " bars").hasSize(shown ? 0 : 1);
        }
    }

    /** The printed table's rows: label (up to two spaces) to the cells after it. */
    private static Map<String, List<String>> printedRows(String table) {
        Map<String, List<String>> rows = new java.util.HashMap<>();
        for (String line : table.split("\\R")) {
            String[] parts = line.trim().split("\\s{2,}");
            if (parts.length > 1) {
                rows.put(parts[0], Arrays.asList(parts).subList(1, parts.length));
            }
        }
        return rows;
    }

    private static JsonNode lastRecord(Path file, String strategy) throws Exception {
        JsonNode last = null;
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(file)) {
            JsonNode r = json.readTree(line);
            if (r.get("strategy").asText().equals(strategy)) {
                last = r;
            }
        }
        return last;
    }

    private static String percent(double v) {
        return String.format(Locale.ROOT, "%.2f%%", v * 100);
    }

    /**
     * Every chart's axes are titled; the time ticks are round UTC times at a step that suits the span,
     * their labels (with the date given under the first and at each change) name exactly the tick's time,
     * and each stands where that time falls among the bars.
     */
    @ParameterizedTest(name = "{1} bars of {0}: ticks {2} to {3} minutes apart")
    @CsvSource({
        "1,   300, 10,   60",     // five hours: every half hour or so
        "5,   288, 60,  180",     // a day: by the hour
        "60,  720, 1440, 10080",  // a month: by the day
        "60, 8760, 40320, 44640"  // a year: by the month
    })
    void timeAxesAreTitledAndTickedInRoundUtcTimes(int periodMinutes, int bars, long minStep, long maxStep) throws Exception {
        long period = periodMinutes * MINUTE;
        String name = periodMinutes == 60 ? "1h" : periodMinutes + "m";
        SyntheticSignals s = new SyntheticSignals("BTCUSD", name, period, SyntheticSignals.contiguous(MAY_1_2015, period, bars))
                .strategy("disb", i -> i % 13 < 6 ? 1 : -1);
        ReportPage page = report(results(s));
        List<ReportPage.Chart> charts = new ArrayList<>();
        for (String kind : List.of("price", "equity", "drawdown")) {
            assertThat(page.charts(kind)).as(kind).hasSize(1);
            charts.addAll(page.charts(kind));
        }
        for (ReportPage.Chart c : charts) {
            String kind = c.svg.getAttribute("data-kind");
            assertThat(c.title("x")).as(kind).isEqualTo("Time (UTC)");
            assertThat(c.title("y")).as(kind).isNotBlank();
            List<Tick> ticks = ticks(c);
            assertThat(ticks).as(kind).hasSizeBetween(4, 12);
            for (int i = 0; i < ticks.size(); i++) {
                Tick t = ticks.get(i);
                assertThat(t.labelled).as(kind + " tick " + t.label).isEqualTo(t.t);
                // contiguous bars: bar k closes at start + (k + 1) period, so time t stands at (t - start) / period - 1
                assertThat(t.x).as(kind + " tick " + t.label).isCloseTo(c.x((t.t - MAY_1_2015) / (double) period - 1),
                        within(0.02));
                if (i > 0) {
                    long step = (t.t - ticks.get(i - 1).t) / MINUTE;
                    assertThat(step).as(kind + " step before " + t.label).isBetween(minStep, maxStep);
                }
            }
        }
    }

    /** Exchange sessions: the closed hours take no room, and a day's tick stands at its session's open. */
    @Test
    void sessionGapsTakeNoRoomAndDaysAreTickedAtTheirOpen() throws Exception {
        ZoneId moscow = ZoneId.of("Europe/Moscow");
        long period = 5 * MINUTE;
        List<Long> starts = SyntheticSignals.sessions(LocalDate.of(2024, 3, 4), LocalDate.of(2024, 3, 23),
                LocalTime.of(10, 0), LocalTime.of(18, 40), moscow, period);
        SyntheticSignals s = new SyntheticSignals("SBER", "5m", period, starts).strategy("disb", i -> (i / 30) % 3 - 1);
        ReportPage.Chart equity = report(results(s)).charts("equity").get(0);

        String[] points = equity.page().all(".//*[local-name()='polyline']").get(0).getAttribute("points").split(" ");
        assertThat(points).hasSize(starts.size());
        double spacing = equity.width / starts.size();
        for (int i = 1; i < points.length; i++) {
            double gap = Double.parseDouble(points[i].split(",")[0]) - Double.parseDouble(points[i - 1].split(",")[0]);
            assertThat(gap).as("bar " + i + " after " + Instant.ofEpochMilli(starts.get(i - 1))).isCloseTo(spacing, within(0.02));
        }

        List<Tick> ticks = ticks(equity);
        assertThat(ticks).hasSizeBetween(4, 12);
        TreeSet<LocalDate> tradingDays = new TreeSet<>();
        for (long t : starts) {
            tradingDays.add(Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC).toLocalDate());
        }
        for (Tick t : ticks) {
            assertThat(t.labelled).as(t.label).isEqualTo(t.t);
            LocalDate day = Instant.ofEpochMilli(t.t).atZone(ZoneOffset.UTC).toLocalDate();
            assertThat(tradingDays).as(t.label).contains(day);
            int firstBar = 0;
            while (Instant.ofEpochMilli(starts.get(firstBar)).atZone(ZoneOffset.UTC).toLocalDate().isBefore(day)) {
                firstBar++;
            }
            assertThat(t.x).as(t.label).isCloseTo(equity.x(firstBar - 1), within(0.02)); // the first bar's open
        }
    }

    private record Tick(long t, double x, String label, long labelled) {}

    /** The chart's time ticks: stated instant, x, label and the instant the label (and its date) name. */
    private static List<Tick> ticks(ReportPage.Chart c) {
        List<Tick> out = new ArrayList<>();
        String context = "";
        for (Element g : c.page().all(".//*[local-name()='g' and @class='x-tick']")) {
            ReportPage tick = ReportPage.of(g);
            String label = tick.all(".//*[@class='label']").get(0).getTextContent();
            List<Element> ctx = tick.all(".//*[@class='context']");
            if (!ctx.isEmpty()) {
                context = ctx.get(0).getTextContent();
            }
            double x = Double.parseDouble(tick.all(".//*[local-name()='line']").get(0).getAttribute("x1"));
            out.add(new Tick(Long.parseLong(g.getAttribute("data-t")), x, label, instantNamed(label, context)));
        }
        return out;
    }

    /** The instant a tick label names, its date (or year) taken from the context shown last. */
    private static long instantNamed(String label, String context) {
        DateTimeFormatter english = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
        if (label.matches("\\d\\d:\\d\\d(:\\d\\d)?")) {
            return LocalDateTime.of(LocalDate.parse(context), LocalTime.parse(label)).toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        if (label.matches("\\d{1,2} [A-Z][a-z]{2}")) {
            return LocalDate.parse(label + " " + context, english).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        }
        if (label.matches("[A-Z][a-z]{2}")) {
            return YearMonth.parse(label + " " + context, DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH)).atDay(1)
                    .atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        }
        return Year.parse(label).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}
