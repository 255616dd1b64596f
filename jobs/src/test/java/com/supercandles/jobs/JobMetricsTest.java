package com.supercandles.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import com.supercandles.alert.Severity;
import com.supercandles.candle.Period;
import com.supercandles.event.EventType;
import com.supercandles.jobs.config.SuperCandlesSettings;
import com.supercandles.jobs.graph.Replay;
import com.supercandles.jobs.graph.SuperCandlesJob;
import com.supercandles.output.OutputKind;
import com.supercandles.output.Outputs;
import com.supercandles.sinks.JsonLinesFileSink;
import com.supercandles.sinks.alert.AlertDeliverySink;
import com.supercandles.sinks.alert.AlertReceiver;
import com.supercandles.sinks.alert.DeliveryPolicy;
import com.supercandles.sinks.alert.WebhookReceiver;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.prometheus.PrometheusReporterFactory;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.runtime.metrics.filter.DefaultReporterFilters;
import org.apache.flink.runtime.metrics.groups.AbstractMetricGroup;
import org.apache.flink.runtime.metrics.groups.FrontMetricGroup;
import org.apache.flink.runtime.metrics.groups.ReporterScopedSettings;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job's own metrics as Prometheus sees them, against what the job wrote: a replay of the recorded Bitstamp
 * day with a few bad, repeated and late trades (dead letters of every reason), two periods, and two webhook
 * receivers, one answering and one that nothing listens for. The metrics a Flink MiniCluster registered
 * (kept after the job by Flink's in-memory reporter) go through Flink's own Prometheus reporter, whose HTTP
 * endpoint this test reads, so the names and labels are exactly a cluster's. Every count is compared with an
 * independent one: the input's lines, the output files' records, the requests the receiver got. And the names
 * are the ones docs/metrics.md lists.
 */
class JobMetricsTest {
    static final String PREFIX = "flink_taskmanager_job_task_operator_supercandles_";
    private static final Path DAY = Paths.get(System.getProperty("supercandles.shared.dir", "../../shared"), "data",
            "bitstamp-btcusd-2015-05-01");
    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();
    /** Three trades of the day repeated right after themselves: duplicates, not late. */
    private static final int[] REPEATED = {100, 200, 300};
    private static final int INVALID_TRADES = 2;

    @TempDir
    static Path dir;
    private static Path out;
    /** Every sample the Prometheus reporter served. */
    private static List<Sample> samples;
    private static final List<String> DESK_REQUESTS = Collections.synchronizedList(new ArrayList<>());
    private static long validTrades;

    /** One line of Prometheus's text format. */
    record Sample(String name, Map<String, String> labels, double value) {}

    @BeforeAll
    static void replayWithTheReporter() throws Exception {
        Path input = Files.createDirectories(dir.resolve("input"));
        Files.createSymbolicLink(input.resolve("orders.jsonl"), DAY.toAbsolutePath().resolve("orders.jsonl"));
        Files.createSymbolicLink(input.resolve("book.jsonl"), DAY.toAbsolutePath().resolve("book.jsonl"));
        List<String> day = Files.readAllLines(DAY.resolve("trades.jsonl"));
        List<String> trades = new ArrayList<>();
        for (int i = 0; i < day.size(); i++) {
            trades.add(day.get(i));
            for (int r : REPEATED) {
                if (i == r) {
                    trades.add(day.get(i));
                }
            }
        }
        trades.add("not json");
        trades.add("{\"type\":\"trade\",\"symbol\":\"BTCUSD\",\"ts\":1430438500000,\"trade_id\":\"q\",\"price\":1,\"qty\":-1,"
                + "\"side\":\"B\"}");
        // hours behind the stream: late for both periods
        trades.add(day.get(0).replaceFirst("\"trade_id\":\"[^\"]*\"", "\"trade_id\":\"late-1\""));
        Files.write(input.resolve("trades.jsonl"), trades);
        validTrades = trades.size() - INVALID_TRADES;

        HttpServer desk = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        desk.createContext("/", exchange -> {
            DESK_REQUESTS.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        desk.start();
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort(); // nothing listens there once the socket is closed
        }
        List<AlertReceiver> receivers = List.of(
                new WebhookReceiver("desk", "http://127.0.0.1:" + desk.getAddress().getPort() + "/hook", Severity.INFO,
                        Set.of(), Duration.ofSeconds(5)),
                new WebhookReceiver("pager", "http://127.0.0.1:" + closed + "/hook", Severity.WARNING, Set.of(),
                        Duration.ofSeconds(1)));
        DeliveryPolicy policy = new DeliveryPolicy();
        policy.initialBackoff = Duration.ofMillis(20);
        policy.maxBackoff = Duration.ofMillis(50);
        policy.maxAttempts = 3;

        out = Files.createDirectories(dir.resolve("out"));
        SuperCandlesSettings settings = new SuperCandlesSettings().periods(Period.parseList("1m,5m"));
        SuperCandlesJob.Builder job = Replay.fileJob(settings, Replay.inputFiles(input)).sinkParallelism(1);
        for (OutputKind<?> kind : List.of(Outputs.CANDLES, Outputs.DEAD_LETTERS, Outputs.ALERTS, Outputs.MODELS)) {
            fileSink(job, kind);
        }
        job.sink(Outputs.ALERTS, "receivers", new AlertDeliverySink(receivers, policy, null));
        // a local cluster of its own, with the reporter (getExecutionEnvironment would take a context environment
        // another test class left set, whose cluster has none)
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2,
                REPORTER.addToConfiguration(Replay.localConfiguration()));
        env.enableCheckpointing(500); // the receivers get a checkpoint's alerts once it completes
        try {
            job.build().execute(env, "metrics");
        } finally {
            desk.stop(0);
        }
        samples = scrape();
    }

    private static <T> void fileSink(SuperCandlesJob.Builder job, OutputKind<T> kind) {
        job.sink(kind, JsonLinesFileSink.of(out.resolve(kind.name() + ".jsonl"), kind.json()));
    }

    /**
     * The retained metrics, handed to Flink's Prometheus reporter as a cluster's registry hands them, and read
     * back from its HTTP endpoint.
     */
    private static List<Sample> scrape() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        MetricConfig config = new MetricConfig();
        config.setProperty("port", String.valueOf(port));
        MetricReporter prometheus = new PrometheusReporterFactory().createMetricReporter(config);
        prometheus.open(config);
        try {
            // what the registry hands every reporter: the group behind a front with the reporter's settings
            ReporterScopedSettings<Metric> settings = new ReporterScopedSettings<>(0, '.',
                    DefaultReporterFilters.metricsFromConfiguration(new Configuration()), Set.of(), Map.of());
            for (Map.Entry<MetricGroup, Map<String, Metric>> g : REPORTER.getMetricsByGroup().entrySet()) {
                FrontMetricGroup<?> front = new FrontMetricGroup<>(settings, (AbstractMetricGroup<?>) g.getKey());
                for (Map.Entry<String, Metric> m : g.getValue().entrySet()) {
                    prometheus.notifyOfAddedMetric(m.getValue(), m.getKey(), front);
                }
            }
            String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            Files.writeString(Paths.get("target", "job-metrics.prom"), text); // to read what a cluster would export
            return parse(text);
        } finally {
            prometheus.close();
        }
    }

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    static List<Sample> parse(String text) {
        List<Sample> parsed = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            assertThat(m.matches()).as("a sample line: " + line).isTrue();
            Map<String, String> labels = new HashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            parsed.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
        }
        return parsed;
    }

    /** The sum over every series of the counter {@code name} (without the prefix) whose labels include {@code labels}. */
    private static long sum(String name, String... labels) {
        return Math.round(series(name, labels).stream().mapToDouble(Sample::value).sum());
    }

    private static List<Sample> series(String name, String... labels) {
        List<Sample> found = new ArrayList<>();
        for (Sample s : samples) {
            boolean match = s.name().equals(PREFIX + name);
            for (int i = 0; i < labels.length; i += 2) {
                match &= labels[i + 1].equals(s.labels().get(labels[i]));
            }
            if (match) {
                found.add(s);
            }
        }
        return found;
    }

    private static List<JsonNode> records(OutputKind<?> kind) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve(kind.name() + ".jsonl"))) {
            records.add(JsonSchemas.JSON.readTree(line));
        }
        return records;
    }

    @Test
    void eventsByStreamAreTheInputsValidLines() throws IOException {
        Map<EventType, Long> lines = new EnumMap<>(EventType.class);
        lines.put(EventType.TRADE, validTrades);
        lines.put(EventType.ORDER, (long) Files.readAllLines(DAY.resolve("orders.jsonl")).size());
        lines.put(EventType.BOOK, (long) Files.readAllLines(DAY.resolve("book.jsonl")).size());
        for (Map.Entry<EventType, Long> e : lines.entrySet()) {
            String stream = e.getKey().streamName();
            assertThat(sum("stream_events", "stream", stream)).as(stream).isEqualTo(e.getValue());
            // per source subtask: a series each, told apart by Flink's own labels
            assertThat(series("stream_events", "stream", stream)).hasSize(2)
                    .allSatisfy(s -> assertThat(s.labels()).containsKeys("job_name", "operator_name", "subtask_index"));
        }
    }

    @Test
    void deadLettersByStreamAndReasonAreTheDeadLetterRecords() throws IOException {
        Map<String, Integer> written = new TreeMap<>();
        for (JsonNode d : records(Outputs.DEAD_LETTERS)) {
            written.merge(d.get("stream").asText() + " " + d.get("kind").asText(), 1, Integer::sum);
        }
        // what the input holds, by construction: bad lines, repeats right after their originals, one trade
        // hours late for each of the two periods
        assertThat(written).isEqualTo(Map.of("trades invalid", INVALID_TRADES, "trades duplicate", REPEATED.length,
                "trades late", 2));
        Map<String, Integer> counted = new TreeMap<>();
        for (Sample s : series("stream_reason_deadLetters")) {
            if (s.value() > 0) {
                counted.merge(s.labels().get("stream") + " " + s.labels().get("reason"), (int) s.value(), Integer::sum);
            }
        }
        assertThat(counted).isEqualTo(written);
        // every stream's invalid and late counters exist before anything happens: a dashboard shows them at 0
        for (String stream : List.of("trades", "orders", "book")) {
            assertThat(series("stream_reason_deadLetters", "stream", stream, "reason", "invalid")).isNotEmpty();
            assertThat(series("stream_reason_deadLetters", "stream", stream, "reason", "late")).isNotEmpty();
        }
    }

    @Test
    void lateEventsAndCandlesByPeriodAreWhatTheOutputsHold() throws IOException {
        Map<String, Integer> candles = new TreeMap<>();
        for (JsonNode c : records(Outputs.CANDLES)) {
            long ms = c.get("window_end").asLong() - c.get("window_start").asLong();
            candles.merge(ms == 60_000 ? "1m" : ms == 300_000 ? "5m" : "other", 1, Integer::sum);
        }
        assertThat(candles.keySet()).containsExactly("1m", "5m");
        Map<String, Integer> late = new TreeMap<>();
        for (JsonNode d : records(Outputs.DEAD_LETTERS)) {
            if (d.get("kind").asText().equals("late")) {
                late.merge(d.get("reason").asText().replaceFirst("^late for period (\\w+):.*", "$1"), 1, Integer::sum);
            }
        }
        for (String period : List.of("1m", "5m")) {
            assertThat(sum("period_candles", "period", period)).as(period).isEqualTo((long) candles.get(period));
            assertThat(sum("period_lateEvents", "period", period)).as(period).isEqualTo((long) late.get(period));
            // the latency histogram: a summary with a sample per candle, its quantiles in ms after the window's end
            assertThat(sum("period_candleLatencyMs_count", "period", period)).isEqualTo((long) candles.get(period));
            // a subtask that emitted no candle has no quantiles (NaN); the others' are in ms after the window's end:
            // recorded in 2015, emitted now, at least the years in between
            long emitting = series("period_candleLatencyMs_count", "period", period).stream().filter(s -> s.value() > 0)
                    .count();
            double since = (System.currentTimeMillis() - 1_430_524_800_000L) / 1000.0; // the day after the recording
            for (String q : List.of("0.5", "0.99")) {
                List<Double> quantiles = series("period_candleLatencyMs", "period", period, "quantile", q).stream()
                        .map(Sample::value).filter(v -> !v.isNaN()).toList();
                assertThat(quantiles).as(period + " " + q).hasSize((int) emitting)
                        .allSatisfy(v -> assertThat(v / 1000).isGreaterThan(since));
            }
            assertThat(emitting).isPositive();
        }
        assertThat(sum("output_records", "output", "models")).isEqualTo(records(Outputs.MODELS).size()).isPositive();
    }

    @Test
    void alertsByRuleSeverityAndStateAreTheAlertRecordsAndFeedGapsStartAtZero() throws IOException {
        Map<String, Integer> written = new TreeMap<>();
        for (JsonNode a : records(Outputs.ALERTS)) {
            written.merge(a.get("rule").asText() + " " + a.get("severity").asText() + " " + a.get("state").asText(), 1,
                    Integer::sum);
        }
        assertThat(written).containsKeys("duplicate_trade warning FIRING", "disb_run_then_fall info FIRING");
        Map<String, Integer> counted = new TreeMap<>();
        for (Sample s : series("rule_severity_state_alerts")) {
            counted.merge(s.labels().get("rule") + " " + s.labels().get("severity") + " " + s.labels().get("state"),
                    (int) s.value(), Integer::sum);
        }
        assertThat(counted).isEqualTo(written);
        // a replay has no processing-time feed rules: every stream's gap counters exist, at 0
        for (String stream : List.of("trades", "orders", "book")) {
            for (String rule : List.of("feed_stale", "feed_down")) {
                assertThat(series("stream_rule_feedGaps", "stream", stream, "rule", rule)).as(stream + " " + rule)
                        .isNotEmpty().allSatisfy(s -> assertThat(s.value()).isZero());
            }
        }
    }

    @Test
    void deliveriesByReceiverAreWhatEachReceiverGotOrMissed() throws IOException {
        List<JsonNode> alerts = records(Outputs.ALERTS);
        long warnings = alerts.stream().filter(a -> !a.get("severity").asText().equals("info")).count();
        assertThat(warnings).isPositive();
        assertThat(DESK_REQUESTS).hasSize(alerts.size());
        assertThat(sum("receiver_alertsDelivered", "receiver", "desk")).isEqualTo(alerts.size());
        assertThat(sum("receiver_alertsGivenUp", "receiver", "desk")).isZero();
        // nothing listens for the pager: each of its alerts (warning and up) failed 3 times, retried after the first two
        assertThat(sum("receiver_alertsDelivered", "receiver", "pager")).isZero();
        assertThat(sum("receiver_alertsGivenUp", "receiver", "pager")).isEqualTo(warnings);
        assertThat(sum("receiver_alertDeliveryRetries", "receiver", "pager")).isEqualTo(2 * warnings);
    }

    /** docs/metrics.md lists every metric of the job's own, and only those. */
    @Test
    void theDocumentedMetricsAreTheExportedOnes() throws IOException {
        Set<String> exported = new TreeSet<>();
        for (Sample s : samples) {
            if (s.name().startsWith(PREFIX)) {
                exported.add(s.name().replaceFirst("_count$", ""));
            }
        }
        String doc = Files.readString(Paths.get("..", "docs", "metrics.md"));
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("`(" + PREFIX + "\\w+)").matcher(doc);
        while (m.find()) {
            documented.add(m.group(1).replaceFirst("_count$", ""));
        }
        assertThat(exported).isEqualTo(documented);
    }
}
