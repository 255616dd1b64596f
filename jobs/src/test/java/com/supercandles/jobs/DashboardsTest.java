package com.supercandles.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.supercandles.alert.WatchdogSettings;
import com.supercandles.score.ScoreBands;
import com.supercandles.sinks.clickhouse.ClickHouseConnection;
import com.supercandles.sinks.clickhouse.ClickHouseSql;
import com.supercandles.sinks.clickhouse.LocalClickHouseServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Grafana dashboards of {@code dashboards/}: each passes Grafana's dashboard schema (and its panels'
 * options and field settings their type's), has unique ids and a grid without overlaps, and every panel's and
 * variable's SQL, expanded as the ClickHouse plugin expands it with the variables' values as Grafana picks
 * them when the dashboard opens, returns rows with the columns its panel needs on ClickHouse 18.16, against
 * tables filled by a replay of the recorded Bitstamp day (plus three malformed trades, for the dead letters,
 * one undelivered alert: a replay has no receivers, and a few alerts from before the time range). "Firing
 * now" and "Recent events" are compared with what the replay's alerts file and those alerts say, worked out
 * here in Java; units, ranges,
 * thresholds, steps, links and the plugin's target fields with what the contract and the plugin define. The
 * expanded queries, their row counts and the tables are left in {@code target/dashboard-check} for the same
 * check on a current ClickHouse ({@code sql/check/check-dashboards.mjs}).
 */
class DashboardsTest {
    static final String DATABASE = "dash";
    static final Path DASHBOARDS = Paths.get("..", "dashboards");
    static final Path CHECK_DIR = Paths.get("target", "dashboard-check");
    static final List<String> TABLES = List.of("supercandles", "dead_letters", "execution_model", "signals", "alerts",
            "alert_deliveries", "scores", "guard_decisions");
    /** The time range of every query: from the recorded day to tomorrow (dead letters carry the wall clock). */
    static final long FROM = 1_430_438_400L; // 2015-05-01T00:00:00Z
    static final long TO = System.currentTimeMillis() / 1000 + 86_400;
    /** The grafana-clickhouse-datasource version whose target format the dashboards follow (and compose installs). */
    static final String PLUGIN_VERSION = "4.20.0";
    /** The Prometheus data source of the operations dashboard (provisioning/datasources/prometheus.yaml). */
    static final String PROMETHEUS_UID = "supercandles-prometheus";
    /**
     * Alerts written beside the replay's, all before the time range ({@link #FROM}): what "Firing now" must
     * show (a feed that went stale two days before the range and never came back, on a symbol without candles
     * in the range; a whole stream down) and must not (a latency alert resolved before the range, a
     * ts_backwards resolved inside it, a trade_corridor that fired and resolved on two trades of one
     * millisecond, written in the same millisecond as the recorded week's fat finger was, an anomaly: an event,
     * not a condition). In the order the job would have emitted them.
     */
    static final String[][] EARLIER_ALERTS = {
            // alert_id, rule, symbol, stream (NULL: none), severity, state, event time (UTC)
            {"earlier-stale", "feed_stale", "ETHUSD", "book", "critical", "FIRING", "2015-04-28 10:00:00"},
            {"earlier-down", "feed_down", "*", "trades", "critical", "FIRING", "2015-04-30 22:00:00"},
            {"earlier-latency", "latency", "ETHUSD", "trades", "warning", "FIRING", "2015-04-27 09:00:00"},
            {"earlier-latency-ok", "latency", "ETHUSD", "trades", "warning", "RESOLVED", "2015-04-27 09:05:00"},
            {"earlier-backwards", "ts_backwards", "BTCUSD", "orders", "warning", "FIRING", "2015-04-30 23:00:00"},
            {"earlier-backwards-ok", "ts_backwards", "BTCUSD", "orders", "warning", "RESOLVED", "2015-05-01 00:30:00"},
            {"earlier-corridor", "trade_corridor", "ETHUSD", "trades", "warning", "FIRING", "2015-04-29 08:00:00"},
            {"earlier-corridor-ok", "trade_corridor", "ETHUSD", "trades", "warning", "RESOLVED", "2015-04-29 08:00:00"},
            {"earlier-anomaly", "anomaly_vol", "BTCUSD", null, "info", "FIRING", "2015-04-29 12:00:00"}};

    private static LocalClickHouseServer server;
    /** The replay's alerts file: every alert it wrote to ClickHouse, in the order the job emitted them. */
    private static Path replayAlerts;
    /** Every panel query, expanded and answered, once for all the tests that look at answers. */
    private static List<PanelQuery> answered;

    @BeforeAll
    static void fillTablesFromAReplay() throws Exception {
        server = LocalClickHouseServer.start(Files.createTempDirectory("clickhouse-dashboards"), "writer", "pw");
        Path recorded = Paths.get(System.getProperty("supercandles.shared.dir", "../../shared"), "data",
                "bitstamp-btcusd-2015-05-01");
        Path input = Files.createTempDirectory("dashboards-input");
        Files.createSymbolicLink(input.resolve("orders.jsonl"), recorded.toAbsolutePath().resolve("orders.jsonl"));
        Files.createSymbolicLink(input.resolve("book.jsonl"), recorded.toAbsolutePath().resolve("book.jsonl"));
        String trades = Files.readString(recorded.resolve("trades.jsonl"));
        Files.writeString(input.resolve("trades.jsonl"), trades + "{\"type\":\"trade\",\"symbol\":\"BTCUSD\",\"price\":\"x\"}\n"
                + "not json\n{\"type\":\"trade\",\"symbol\":\"BTCUSD\",\"ts\":1430438500000,\"trade_id\":\"q\",\"price\":1,"
                + "\"qty\":-1,\"side\":\"B\"}\n");
        Path out = Files.createTempDirectory("dashboards-replay");
        // a model of this replay's 1-minute candles, so the score and guard panels have rows
        Path model = TestModels.demoModel(out.resolve("model"), "1m");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int code = SuperCandlesCli.run(new String[] {"replay", "--input", input.toString(),
                        "--out", out.resolve("candles.jsonl").toString(), "--period", "1m",
                        "--clickhouse.url", server.httpUrl(), "--clickhouse.database", DATABASE, "--clickhouse.migrate", "true",
                        "--watchdog.trade_corridor.threshold", "0.05", "--model", model.toString()},
                new PrintStream(log, true, StandardCharsets.UTF_8), System.err);
        assertThat(code).as(log.toString(StandardCharsets.UTF_8)).isZero();
        replayAlerts = out.resolve("candles.alerts.jsonl");
        try (ClickHouseSql sql = sql()) {
            sql.execute("INSERT INTO " + DATABASE + ".alert_deliveries (alert_id, receiver, rule, symbol, stream, state,"
                    + " event_time, delivery, attempts, reason, updated_at, version) SELECT alert_id, 'webhook desk', rule,"
                    + " symbol, stream, state, event_time, 'given_up', 8, 'HTTP 503: busy', now(), 1 FROM " + DATABASE
                    + ".alerts LIMIT 1");
            List<String> rows = new ArrayList<>();
            for (String[] a : EARLIER_ALERTS) {
                rows.add("('" + a[0] + "', '" + a[1] + "', '" + a[2] + "', " + (a[3] == null ? "NULL" : "'" + a[3] + "'")
                        + ", '" + a[4] + "', '" + a[5] + "', 1, 1, toDateTime('" + a[6] + "', 'UTC'), toUInt64(toDateTime('"
                        + a[6] + "', 'UTC')) * 1000, toDateTime('" + a[6] + "', 'UTC'), '" + a[1] + " (written by the test)', 1)");
            }
            sql.execute("INSERT INTO " + DATABASE + ".alerts (alert_id, rule, symbol, stream, severity, state, value,"
                    + " threshold, event_time, event_time_ms, emitted_at, message, version) VALUES " + String.join(", ", rows));
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static ClickHouseSql sql() {
        return new ClickHouseSql(ClickHouseConnection.builder().url(server.httpUrl()).database(DATABASE).user("default")
                .build());
    }

    static List<Path> dashboards() throws IOException {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().collect(Collectors.toList());
        }
    }

    /** Whether a dashboard reads Prometheus (the operations dashboard) rather than ClickHouse. */
    static boolean onPrometheus(JsonNode dashboard) {
        return dashboard.get("panels").get(0).get("datasource").get("type").asText().equals("prometheus");
    }

    /** The dashboards on ClickHouse: the SQL checks below are theirs. */
    static List<Path> clickHouseDashboards() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path f : dashboards()) {
            if (!onPrometheus(read(f))) {
                files.add(f);
            }
        }
        return files;
    }

    static JsonNode read(Path file) throws IOException {
        return JsonSchemas.JSON.readTree(file.toFile());
    }

    @Test
    void everyDashboardPassesGrafanasSchemasWithUniqueIdsAndAGridWithoutOverlaps() throws IOException {
        List<Path> files = dashboards();
        assertThat(files).extracting(f -> f.getFileName().toString()).containsExactly("book-and-flow.json",
                "execution.json", "feeds-and-alerts.json", "market.json", "operations.json", "strategies.json");
        Set<String> uids = new HashSet<>();
        for (Path file : files) {
            JsonNode d = read(file);
            boolean prometheus = onPrometheus(d);
            assertThat(JsonSchemas.problems("grafana/dashboard.jsonschema.json", null, d)).as(file.toString()).isEmpty();
            assertThat(uids.add(d.get("uid").asText())).as("unique uid " + d.get("uid")).isTrue();
            assertThat(d.get("uid").asText().length()).as("uid length").isBetween(8, 40);
            Set<Integer> ids = new HashSet<>();
            List<int[]> cells = new ArrayList<>();
            for (JsonNode p : d.get("panels")) {
                String where = file.getFileName() + " panel " + p.get("id") + " " + p.get("title");
                assertThat(ids.add(p.get("id").asInt())).as(where + ": unique id").isTrue();
                assertThat(p.path("description").asText()).as(where + ": a description").isNotBlank();
                String type = p.get("type").asText();
                assertThat(JsonSchemas.problems("grafana/" + type + ".jsonschema.json", "Options", p.get("options")))
                        .as(where + ": options by the " + type + " schema").isEmpty();
                // the dashboard schema leaves a field's "custom" settings open: the type's own schema has them
                // (a misspelt "stepafter" or drawStyle would otherwise pass)
                JsonNode custom = p.path("fieldConfig").path("defaults").path("custom");
                if (!custom.isMissingNode()) {
                    assertThat(JsonSchemas.problems("grafana/" + type + ".jsonschema.json", "FieldConfig", custom))
                            .as(where + ": field settings by the " + type + " schema").isEmpty();
                }
                JsonNode grid = p.get("gridPos");
                int x = grid.get("x").asInt();
                int y = grid.get("y").asInt();
                int w = grid.get("w").asInt();
                int h = grid.get("h").asInt();
                assertThat(x + w).as(where + ": inside 24 columns").isLessThanOrEqualTo(24);
                for (int[] c : cells) {
                    boolean overlap = x < c[0] + c[2] && c[0] < x + w && y < c[1] + c[3] && c[1] < y + h;
                    assertThat(overlap).as(where + " overlaps a panel at " + c[0] + "," + c[1]).isFalse();
                }
                cells.add(new int[] {x, y, w, h});
                assertThat(p.get("datasource").get("uid").asText())
                        .isEqualTo(prometheus ? PROMETHEUS_UID : "supercandles-clickhouse");
            }
            List<String> variables = new ArrayList<>();
            d.get("templating").get("list").forEach(v -> variables.add(v.get("name").asText()));
            if (prometheus) {
                assertThat(variables).as(file + ": variables").containsExactly("job");
            } else {
                assertThat(variables).as(file + ": variables").containsExactly("symbol", "period");
                assertThat(d.get("templating").get("list").get(0).get("multi").asBoolean()).isTrue();
            }
        }
    }

    /**
     * Grafana (12, scenes) opens a query variable that has no current value on All when it offers All
     * ({@code defaultToAll = includeAll}), else on its first option: with All, every symbol's candle panel is
     * repeated (20 in compose). The symbol must open on one symbol.
     */
    @Test
    void theSymbolVariableOpensOnOneSymbolNotAll() throws IOException {
        for (Path file : clickHouseDashboards()) {
            JsonNode symbol = read(file).get("templating").get("list").get(0);
            List<String> options = List.of("AAA", "BBB", "CCC");
            assertThat(openingValue(symbol, options)).as(file + ": the symbol a trader sees first").containsExactly("AAA");
            JsonNode current = symbol.path("current").path("value");
            assertThat(current.toString()).as(file + ": a configured default is a symbol, not All").doesNotContain("$__all");
        }
    }

    /** Every target as the plugin 4.20 writes it: pluginVersion (else it migrates it as a v3 query), its QueryType. */
    @Test
    void everyTargetCarriesThePluginsVersionAndQueryType() throws IOException {
        Map<String, Integer> formats = Map.of("timeseries", 0, "table", 1, "logs", 2, "traces", 3); // plugin's utils.ts
        int targets = 0;
        for (Path file : clickHouseDashboards()) {
            for (JsonNode p : read(file).get("panels")) {
                String type = p.get("type").asText();
                for (JsonNode t : p.get("targets")) {
                    String where = file.getFileName() + " panel " + p.get("id") + " " + p.get("title").asText();
                    assertThat(t.path("pluginVersion").asText()).as(where + ": pluginVersion").isEqualTo(PLUGIN_VERSION);
                    String queryType = t.path("queryType").asText();
                    assertThat(formats).as(where + ": queryType one of the plugin's QueryType values").containsKey(queryType);
                    assertThat(t.path("format").asInt(-1)).as(where + ": format of " + queryType)
                            .isEqualTo(formats.get(queryType));
                    String expected = type.equals("timeseries") || type.equals("candlestick") ? "timeseries" : "table";
                    assertThat(queryType).as(where).isEqualTo(expected);
                    targets++;
                }
            }
        }
        assertThat(targets).isGreaterThan(30);
        // compose installs the plugin: once pinned there, it must be the version the targets are written for
        Matcher pinned = Pattern.compile("grafana-clickhouse-datasource@([0-9][\\w.-]*)")
                .matcher(Files.readString(Paths.get("..", "docker", "docker-compose.yml")));
        if (pinned.find()) {
            assertThat(pinned.group(1)).as("the plugin version compose installs").isEqualTo(PLUGIN_VERSION);
        }
    }

    private static final Pattern METRIC = Pattern.compile("\\b(flink_[A-Za-z0-9_:]+)(\\{[^}]*})?");

    /**
     * The operations dashboard (Prometheus; bin/cluster-check answers its queries on a live cluster): every
     * query is PromQL that Prometheus's own parser accepts (promtool, its variables expanded), on the provisioned
     * data source, filtered by the job variable, naming only metrics docs/metrics.md documents (JobMetricsTest
     * holds the job's own there to what the reporter exports); every panel has a unit and a row in the docs.
     */
    @Test
    void theOperationsDashboardAsksPrometheusForDocumentedMetricsInValidPromQl(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        JsonNode d = read(DASHBOARDS.resolve("operations.json"));
        JsonNode source = new YAMLMapper().readTree(DASHBOARDS.resolve("provisioning/datasources/prometheus.yaml").toFile())
                .get("datasources").get(0);
        assertThat(source.get("uid").asText()).isEqualTo(PROMETHEUS_UID);
        assertThat(source.get("type").asText()).isEqualTo("prometheus");
        JsonNode job = d.get("templating").get("list").get(0);
        assertThat(job.get("datasource").get("uid").asText()).isEqualTo(PROMETHEUS_UID);
        Matcher jobQuery = Pattern.compile("label_values\\((\\w+), job_name\\)").matcher(job.get("query").asText());
        assertThat(jobQuery.matches()).as("the job variable lists the jobs' names").isTrue();
        String docs = Files.readString(Paths.get("..", "docs", "metrics.md"));
        Set<String> documented = new TreeSet<>();
        Matcher name = Pattern.compile("`(flink_\\w+)").matcher(docs);
        while (name.find()) {
            documented.add(name.group(1));
        }
        assertThat(documented).contains(jobQuery.group(1));
        StringBuilder rules = new StringBuilder("groups:\n  - name: operations\n    rules:\n");
        Set<String> used = new TreeSet<>();
        int queries = 0;
        for (JsonNode p : d.get("panels")) {
            String where = "operations.json panel " + p.get("id") + " " + p.get("title").asText();
            assertThat(docs).as(where + ": a row in docs/metrics.md's panel table").contains("| " + p.get("title").asText() + " |");
            assertThat(p.path("fieldConfig").path("defaults").path("unit").asText()).as(where + ": a unit").isNotEmpty();
            if (p.path("fieldConfig").path("defaults").path("unit").asText().equals("percentunit")) {
                assertThat(p.get("fieldConfig").get("defaults").path("max").asDouble()).as(where + ": max 100 %").isEqualTo(1.0);
            }
            Set<String> refIds = new HashSet<>();
            for (JsonNode t : p.get("targets")) {
                assertThat(refIds.add(t.get("refId").asText())).as(where + ": unique refId").isTrue();
                assertThat(t.get("datasource").get("uid").asText()).isEqualTo(PROMETHEUS_UID);
                assertThat(t.has("rawSql")).isFalse();
                assertThat(t.path("legendFormat").asText()).as(where + ": a legend").isNotBlank();
                String expr = t.get("expr").asText();
                Matcher m = METRIC.matcher(expr);
                int selectors = 0;
                while (m.find()) {
                    used.add(m.group(1));
                    assertThat(m.group(2)).as(where + ": " + m.group(1) + " of the selected job").contains("job_name=~\"$job\"");
                    selectors++;
                }
                assertThat(selectors).as(where + ": a metric").isPositive();
                String expanded = expr.replace("$__rate_interval", "1m").replace("$__range", "1h").replace("$job", "SuperCandles_live");
                assertThat(expanded).as(where + ": expanded").doesNotContain("$");
                rules.append("      - record: operations:").append(p.get("id").asInt()).append('_').append(t.get("refId").asText())
                        .append("\n        expr: '").append(expanded.replace("'", "''")).append("'\n");
                queries++;
            }
        }
        assertThat(queries).isGreaterThanOrEqualTo(18);
        assertThat(documented).as("every metric the dashboard reads is in docs/metrics.md").containsAll(used);
        // the asked-for figures are there: restarts (Flink 2.2 has no fullRestarts), lag, checkpoints, pressure
        assertThat(used).contains("flink_jobmanager_job_numRestarts", "flink_taskmanager_job_task_operator_pendingRecords",
                "flink_jobmanager_job_lastCheckpointDuration", "flink_jobmanager_job_lastCheckpointSize",
                "flink_jobmanager_job_numberOfFailedCheckpoints", "flink_taskmanager_job_task_backPressuredTimeMsPerSecond",
                "flink_taskmanager_job_task_busyTimeMsPerSecond").doesNotContain("flink_jobmanager_job_fullRestarts");
        // Prometheus's own parser on every query, as recording rules
        Path file = tmp.resolve("operations-rules.yml");
        Files.writeString(file, rules);
        Process promtool;
        try {
            promtool = new ProcessBuilder("promtool", "check", "rules", file.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("promtool (Debian's prometheus package; bin/test installs it) is needed", e);
        }
        String out = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor()).as("promtool check rules:\n" + out).isZero();
        assertThat(out).contains("SUCCESS: " + queries + " rules found");
    }

    @Test
    void theProvisioningPointsTheDashboardsAtTheDataSourceWithCredentialsFromTheEnvironment() throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        JsonNode ds = yaml.readTree(DASHBOARDS.resolve("provisioning/datasources/clickhouse.yaml").toFile())
                .get("datasources").get(0);
        assertThat(ds.get("type").asText()).isEqualTo("grafana-clickhouse-datasource");
        assertThat(ds.get("uid").asText()).isEqualTo("supercandles-clickhouse");
        assertThat(ds.get("jsonData").get("protocol").asText()).isEqualTo("http");
        assertThat(ds.get("jsonData").get("host").asText()).isEqualTo("${CLICKHOUSE_HOST}");
        assertThat(ds.get("jsonData").get("username").asText()).isEqualTo("${CLICKHOUSE_USER}");
        assertThat(ds.get("secureJsonData").get("password").asText()).isEqualTo("${CLICKHOUSE_PASSWORD}");
        JsonNode provider = yaml.readTree(DASHBOARDS.resolve("provisioning/dashboards/supercandles.yaml").toFile())
                .get("providers").get(0);
        assertThat(provider.get("type").asText()).isEqualTo("file");
        assertThat(provider.get("options").get("path").asText()).isEqualTo("/var/lib/grafana/dashboards/supercandles");
    }

    @Test
    void everyPanelAndVariableQueryReturnsRowsWithTheColumnsItsPanelNeeds() throws IOException {
        ArrayNode checks = JsonSchemas.JSON.createArrayNode();
        List<PanelQuery> queries = answered();
        for (PanelQuery q : queries) {
            if (q.panel != null) {
                assertThat(q.target.get("editorType").asText()).isEqualTo("sql");
                assertColumns(q.type(), q.answer.get("meta"), q.where);
            }
            checks.add(check(q.where, q.panel == null ? "variable" : q.type(), q.sql, q.answer.get("rows").asLong()));
        }
        assertThat(queries).hasSizeGreaterThan(35);
        writeForTheCurrentEngine(checks);
    }

    /** Time series need time first; candlesticks open, high, low, close; bar charts a text x axis. */
    static void assertColumns(String panelType, JsonNode meta, String where) {
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        meta.forEach(m -> {
            names.add(m.get("name").asText());
            types.add(m.get("type").asText());
        });
        if (panelType.equals("timeseries") || panelType.equals("candlestick")) {
            assertThat(names.get(0)).as(where + ": time first").isEqualTo("time");
            assertThat(types.get(0)).as(where + ": a DateTime first").startsWith("DateTime");
            assertThat(types.subList(1, types.size())).as(where + ": values").anyMatch(t -> NUMERIC.matcher(t).matches());
        }
        if (panelType.equals("candlestick")) {
            assertThat(names).as(where).contains("open", "high", "low", "close", "volume");
        }
        if (panelType.equals("barchart")) {
            assertThat(types.get(0)).as(where + ": text x axis").isEqualTo("String");
        }
    }

    /**
     * "Firing now": per (rule, symbol, stream) the latest state change, kept when it is FIRING, over the whole
     * table (not the time range) and every symbol, without the rules that never resolve; the expected rows are
     * worked out here from a plain read of every alert row.
     */
    @Test
    void firingNowIsTheLatestStateOfEveryConditionOverAllTimeWithoutEvents() throws IOException {
        List<AlertRow> alerts = allAlerts();
        Set<String> events = new HashSet<>(WatchdogSettings.EVENT_RULES);
        // the list the dashboards' SQL uses is the code's: rules with a RESOLVED are conditions, and the event
        // rules of this data only ever fire
        for (AlertRow a : alerts) {
            if (a.state.equals("RESOLVED")) {
                assertThat(events).as(a.rule + " resolves: not an event").doesNotContain(a.rule);
            }
        }
        assertThat(alerts).as("event alerts in the data").anyMatch(a -> a.rule.startsWith("disb_run_"));
        // the latest change of a key: the newest event time, and of two in one millisecond the one emitted last
        Map<String, AlertRow> latest = new HashMap<>();
        for (AlertRow a : alerts) {
            latest.merge(a.key(), a, (x, y) -> y.eventTimeMs >= x.eventTimeMs ? y : x);
        }
        Set<String> expected = new TreeSet<>();
        Set<String> firingEvents = new TreeSet<>();
        latest.values().stream().filter(a -> a.state.equals("FIRING"))
                .forEach(a -> (events.contains(a.rule) ? firingEvents : expected).add(a.key()));
        assertThat(firingEvents).as("events whose latest alert is FIRING, to be left out").isNotEmpty();
        assertThat(expected).as("what fired before the range and still fires").contains(
                "feed_stale|ETHUSD|book", "feed_down|*|trades");

        PanelQuery firing = panel("feeds-and-alerts.json", "Firing now");
        List<String> shown = firing.rows(r -> r.get("rule") + "|" + r.get("symbol") + "|" + r.get("stream"));
        assertThat(new TreeSet<>(shown)).as(firing.where).isEqualTo(expected);
        assertThat(shown).as("one row per rule, symbol and stream").doesNotHaveDuplicates();
        assertThat(firing.sql).as("not bounded by the time range").doesNotContain("toDateTime(" + FROM + ")");
        assertThat(shown).as("resolved before or within the range, or in the millisecond it fired").doesNotContain(
                "latency|ETHUSD|trades", "ts_backwards|BTCUSD|orders", "trade_corridor|ETHUSD|trades");
        assertThat(shown).as("critical first").startsWith("feed_down|*|trades", "feed_stale|ETHUSD|book");
        assertThat(sqlList(firing.sql, "rule NOT IN")).as("the event rules left out")
                .containsExactlyInAnyOrderElementsOf(WatchdogSettings.EVENT_RULES);

        // the documented query says the same (sql/queries/alerts_firing_now.sql)
        String documented = Files.readAllLines(Paths.get("..", "sql", "queries", "alerts_firing_now.sql")).stream()
                .filter(l -> !l.trim().startsWith("--")).collect(Collectors.joining("\n")).trim()
                .replaceAll(";$", "").replace("${database}", DATABASE);
        try (ClickHouseSql sql = sql()) {
            PanelQuery doc = new PanelQuery("alerts_firing_now.sql", null, null, documented,
                    run(sql, documented, "alerts_firing_now.sql"));
            assertThat(new TreeSet<>(doc.rows(r -> r.get("rule") + "|" + r.get("symbol") + "|" + r.get("stream"))))
                    .as(doc.where).isEqualTo(expected);
        }
    }

    /** "Recent events": the alerts of the rules that never resolve, in the time range, newest first. */
    @Test
    void recentEventsAreTheEventRulesAlertsInTheTimeRange() throws IOException {
        List<AlertRow> alerts = allAlerts();
        List<String> expected = alerts.stream()
                .filter(a -> WatchdogSettings.EVENT_RULES.contains(a.rule) && a.eventTime >= FROM && a.eventTime <= TO)
                .sorted(Comparator.comparingLong((AlertRow a) -> a.eventTimeMs).reversed())
                .limit(500).map(a -> a.rule + "|" + a.symbol + "|" + a.eventTime).collect(Collectors.toList());
        assertThat(expected).as("events in the range").isNotEmpty();
        assertThat(alerts).as("an event before the range").anyMatch(a -> a.rule.equals("anomaly_vol") && a.eventTime < FROM);
        PanelQuery recent = panel("feeds-and-alerts.json", "Recent events");
        List<String> shown = recent.rows(r -> r.get("rule") + "|" + r.get("symbol") + "|" + r.get("event_time_s"));
        // as a multiset: events of one candle share a time, and their order among themselves is not defined
        assertThat(shown).as(recent.where).containsExactlyInAnyOrderElementsOf(expected);
        List<Long> times = recent.rows(r -> r.get("event_time_s")).stream().map(Long::valueOf).collect(Collectors.toList());
        assertThat(times).as(recent.where + ": newest first").isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(sqlList(recent.sql, "rule IN")).containsExactlyInAnyOrderElementsOf(WatchdogSettings.EVENT_RULES);
    }

    /**
     * Every number a panel shows has a unit, and the contract's where it has one: spreads in basis points
     * ("suffix: bps": Grafana's own "bps" is bits per second), disb, imbalances, the score and positions in
     * [-1, +1], fractions and probabilities as percentages, prices in one price unit (no K scaling); "none"
     * only for what has no unit (ratios, exponents, Sharpe ratios, a count of trades, alert values whose unit is
     * the rule's).
     */
    @Test
    void everyNumberHasAUnitAndTheContractsRange() throws IOException {
        Pattern prices = Pattern.compile("open|high|low|close|pr_close|pr_vwap(_[bs])?|vwap_[bs](_1mio)?|impact_a|g_star");
        Pattern fractions = Pattern.compile("pr_std|fit_error|buyers|sellers|one_tick|two_ticks|three_ticks|four_plus"
                + "|total_return|max_drawdown|time_in_market|prob_sharpe");
        Pattern probabilities = Pattern.compile("buyers|sellers|one_tick|two_ticks|three_ticks|four_plus|time_in_market");
        Pattern signed = Pattern.compile("disb|imbalance_\\w+|score|position");
        Pattern dimensionless = Pattern.compile(signed.pattern() + "|alpha|equity|sharpe|sortino|omega|value|threshold"
                + "|phase_error|phase_threshold|backtest_sharpe|sharpe_se|trades");
        Set<String> priceUnits = new TreeSet<>();
        int fields = 0;
        for (PanelQuery q : answered()) {
            if (q.panel == null) {
                continue;
            }
            boolean graph = !q.type().equals("table");
            for (JsonNode m : q.answer.get("meta")) {
                String name = m.get("name").asText();
                if (!NUMERIC.matcher(m.get("type").asText()).matches()) {
                    continue;
                }
                fields++;
                String where = q.where + ": " + name;
                FieldSettings f = FieldSettings.of(q.panel, name);
                String unit = f.text("unit");
                assertThat(unit).as(where + ": a unit").isNotEmpty();
                if (name.startsWith("spread_")) {
                    assertThat(unit).as(where + ": basis points (the contract)").isEqualTo("suffix: bps");
                }
                if (prices.matcher(name).matches()) {
                    assertThat(unit).as(where + ": a price unit").isIn("locale", "currencyUSD", "currencyEUR");
                    priceUnits.add(unit);
                }
                if (fractions.matcher(name).matches()) {
                    assertThat(unit).as(where + ": a fraction as a percentage").isEqualTo("percentunit");
                }
                if (unit.equals("none")) {
                    assertThat(name).as(where + ": 'none' is for what has no unit").matches(dimensionless);
                }
                if (graph && signed.matcher(name).matches()) {
                    assertThat(f.number("min")).as(where + ": min").isEqualTo(-1.0);
                    assertThat(f.number("max")).as(where + ": max").isEqualTo(1.0);
                }
                if (graph && probabilities.matcher(name).matches()) {
                    assertThat(f.number("min")).as(where + ": min").isEqualTo(0.0);
                    assertThat(f.number("max")).as(where + ": max").isEqualTo(1.0);
                }
                if (name.equals("disb")) {
                    // analytics.md: the disb rule's threshold 0.5 either way, drawn
                    assertThat(f.thresholds()).as(where + ": the 0.5 lines").contains(0.5, -0.5);
                    assertThat(f.text("custom.thresholdsStyle.mode")).as(where + ": thresholds drawn").isIn("line",
                            "dashed", "line+area", "dashed+area");
                }
                if (name.equals("score")) {
                    // the model's alert bands: steps of 0.05 beyond the threshold, either way
                    double t = ScoreBands.DEFAULT_THRESHOLD;
                    double s = ScoreBands.DEFAULT_STEP;
                    assertThat(f.thresholds()).as(where + ": the bands").anySatisfy(v -> assertThat(v).isCloseTo(t, within(1e-9)))
                            .anySatisfy(v -> assertThat(v).isCloseTo(-t, within(1e-9)))
                            .anySatisfy(v -> assertThat(v).isCloseTo(t + s, within(1e-9)))
                            .anySatisfy(v -> assertThat(v).isCloseTo(-t - s, within(1e-9)));
                    assertThat(f.text("custom.thresholdsStyle.mode")).as(where + ": bands drawn").isNotIn("", "off");
                }
            }
        }
        assertThat(fields).isGreaterThan(60);
        assertThat(priceUnits).as("one price unit everywhere").hasSize(1);
    }

    /** A position holds from one bar's close to the next: steps after each point, not lines between them. */
    @Test
    void positionsAreDrawnAsSteps() throws IOException {
        int positions = 0;
        for (PanelQuery q : answered()) {
            if (q.panel == null || !q.type().equals("timeseries")) {
                continue;
            }
            for (JsonNode m : q.answer.get("meta")) {
                if (m.get("name").asText().equals("position")) {
                    FieldSettings f = FieldSettings.of(q.panel, "position");
                    assertThat(f.text("custom.drawStyle")).as(q.where).isEqualTo("line");
                    assertThat(f.text("custom.lineInterpolation")).as(q.where).isEqualTo("stepAfter");
                    positions++;
                }
            }
        }
        assertThat(positions).as("position panels").isPositive();
    }

    /**
     * Every dashboard links to the others keeping the variables (var-symbol) and the time range, and every table
     * with a symbol opens that symbol's market at the same time range.
     */
    @Test
    void linksBetweenTheDashboardsKeepTheSymbolAndTheTimeRange() throws IOException {
        Map<String, JsonNode> byUid = new LinkedHashMap<>();
        for (Path file : dashboards()) {
            JsonNode d = read(file);
            byUid.put(d.get("uid").asText(), d);
        }
        int dataLinks = 0;
        for (JsonNode d : byUid.values()) {
            String name = d.get("title").asText();
            Set<String> reached = new TreeSet<>();
            for (JsonNode l : d.path("links")) {
                if (l.path("type").asText().equals("dashboards") && l.path("includeVars").asBoolean()
                        && l.path("keepTime").asBoolean()) {
                    Set<String> tags = new HashSet<>();
                    l.path("tags").forEach(t -> tags.add(t.asText()));
                    byUid.forEach((uid, other) -> other.path("tags").forEach(t -> {
                        if (tags.contains(t.asText())) {
                            reached.add(uid);
                        }
                    }));
                }
            }
            Set<String> others = new TreeSet<>(byUid.keySet());
            others.remove(d.get("uid").asText());
            assertThat(reached).as(name + ": links to the other dashboards with var-symbol and the time range")
                    .containsAll(others);
            for (JsonNode p : d.get("panels")) {
                List<JsonNode> links = new ArrayList<>();
                p.path("fieldConfig").path("defaults").path("links").forEach(links::add);
                for (JsonNode o : p.path("fieldConfig").path("overrides")) {
                    for (JsonNode prop : o.path("properties")) {
                        if (prop.path("id").asText().equals("links")) {
                            prop.path("value").forEach(links::add);
                        }
                    }
                }
                for (JsonNode l : links) {
                    String url = l.path("url").asText();
                    String where = name + " " + p.get("title") + ": " + url;
                    Matcher target = Pattern.compile("^/d/([\\w-]+)\\?").matcher(url);
                    assertThat(target.find()).as(where).isTrue();
                    assertThat(byUid).as(where).containsKey(target.group(1));
                    // the row's symbol (a data link) and the dashboard's time range
                    assertThat(url).as(where).contains("var-symbol=${__data.fields.symbol}", "${__url_time_range}");
                    dataLinks++;
                }
            }
        }
        int tables = 0;
        for (PanelQuery q : answered()) {
            boolean symbols = q.panel != null && q.type().equals("table")
                    && q.rows(r -> String.valueOf(r.containsKey("symbol"))).contains("true");
            if (symbols) {
                assertThat(FieldSettings.of(q.panel, "symbol").settings.path("links").path(0).path("url").asText())
                        .as(q.where + ": a row opens its symbol's market").startsWith("/d/supercandles-market?");
                tables++;
            }
        }
        assertThat(tables).as("tables of symbols").isGreaterThan(4);
        assertThat(dataLinks).isGreaterThanOrEqualTo(tables);
    }

    // ---------------------------------------------------------------------------------------------------------

    static final Pattern NUMERIC = Pattern.compile("(Nullable\\()?(U?Int\\d+|Float\\d+)\\)?");

    /** One expanded query of a dashboard (a variable's when panel is null) and ClickHouse 18.16's answer. */
    static final class PanelQuery {
        final String where;
        final JsonNode panel;
        final JsonNode target;
        final String sql;
        final JsonNode answer;

        PanelQuery(String where, JsonNode panel, JsonNode target, String sql, JsonNode answer) {
            this.where = where;
            this.panel = panel;
            this.target = target;
            this.sql = sql;
            this.answer = answer;
        }

        String type() {
            return panel.get("type").asText();
        }

        /** Each row as column name -> text, mapped (DateTime columns also as epoch seconds, NAME_s). */
        List<String> rows(java.util.function.Function<Map<String, String>, String> f) {
            List<String> names = new ArrayList<>();
            answer.get("meta").forEach(m -> names.add(m.get("name").asText()));
            List<String> out = new ArrayList<>();
            for (JsonNode row : answer.get("data")) {
                Map<String, String> r = new HashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    JsonNode v = row.get(i);
                    r.put(names.get(i), v.isNull() ? "null" : v.asText());
                    if (answer.get("meta").get(i).get("type").asText().startsWith("DateTime")) {
                        r.put(names.get(i) + "_s", String.valueOf(java.time.LocalDateTime.parse(v.asText().replace(' ', 'T'))
                                .toEpochSecond(java.time.ZoneOffset.UTC)));
                    }
                }
                out.add(f.apply(r));
            }
            return out;
        }
    }

    /** Every variable's and panel's query of every dashboard, expanded as Grafana and the plugin do, answered. */
    static synchronized List<PanelQuery> answered() throws IOException {
        if (answered != null) {
            return answered;
        }
        List<PanelQuery> all = new ArrayList<>();
        try (ClickHouseSql sql = sql()) {
            for (Path file : clickHouseDashboards()) {
                JsonNode d = read(file);
                Map<String, List<String>> values = new LinkedHashMap<>();
                for (JsonNode v : d.get("templating").get("list")) {
                    String where = file.getFileName() + " variable " + v.get("name").asText();
                    String expanded = expand(v.get("query").asText(), values, where);
                    JsonNode answer = run(sql, expanded, where);
                    List<String> options = new ArrayList<>();
                    answer.get("data").forEach(row -> options.add(row.get(0).asText()));
                    assertThat(options).as(where).isNotEmpty();
                    values.put(v.get("name").asText(), openingValue(v, options));
                    all.add(new PanelQuery(where, null, null, expanded, answer));
                }
                for (JsonNode p : d.get("panels")) {
                    for (JsonNode t : p.get("targets")) {
                        String where = file.getFileName() + " panel " + p.get("id") + " " + p.get("title").asText();
                        Map<String, List<String>> panelValues = new LinkedHashMap<>(values);
                        if (p.has("repeat")) { // a repeated panel sees one value of its variable
                            panelValues.put(p.get("repeat").asText(), values.get(p.get("repeat").asText()).subList(0, 1));
                        }
                        String expanded = expand(t.get("rawSql").asText(), panelValues, where);
                        all.add(new PanelQuery(where, p, t, expanded, run(sql, expanded, where)));
                    }
                }
            }
        }
        answered = all;
        return all;
    }

    /**
     * The values a query variable has when the dashboard opens without var-NAME in its URL, as Grafana 12's
     * scenes pick them (MultiValueVariable): its current value when that is among the options; else All when the
     * variable offers All (defaultToAll = includeAll); else the first option.
     */
    static List<String> openingValue(JsonNode variable, List<String> options) {
        JsonNode current = variable.path("current").path("value");
        List<String> configured = new ArrayList<>();
        if (current.isArray()) {
            current.forEach(c -> configured.add(c.asText()));
        } else if (current.isTextual()) {
            configured.add(current.asText());
        }
        configured.retainAll(options);
        if (!configured.isEmpty()) {
            return configured;
        }
        if (variable.path("includeAll").asBoolean()) {
            return options;
        }
        return options.subList(0, 1);
    }

    static PanelQuery panel(String file, String title) throws IOException {
        List<PanelQuery> found = answered().stream().filter(q -> q.panel != null && q.where.startsWith(file + " ")
                && q.panel.get("title").asText().equals(title)).collect(Collectors.toList());
        assertThat(found).as(file + ": a panel titled '" + title + "'").hasSize(1);
        return found.get(0);
    }

    static JsonNode panel(JsonNode dashboard, String title) {
        for (JsonNode p : dashboard.get("panels")) {
            if (p.get("title").asText().equals(title)) {
                return p;
            }
        }
        throw new AssertionError("no panel titled " + title);
    }

    /** The quoted names of the first {@code prefix (...)} list in {@code sql}. */
    static List<String> sqlList(String sql, String prefix) {
        Matcher m = Pattern.compile(Pattern.quote(prefix) + "\\s*\\(([^)]*)\\)").matcher(sql);
        assertThat(m.find()).as(prefix + " in\n" + sql).isTrue();
        List<String> names = new ArrayList<>();
        Matcher q = Pattern.compile("'([^']*)'").matcher(m.group(1));
        while (q.find()) {
            names.add(q.group(1));
        }
        return names;
    }

    /** One alert: the fields "Firing now" and "Recent events" are about. */
    static final class AlertRow {
        final String rule;
        final String symbol;
        final String stream;
        final String state;
        final long eventTimeMs;
        final long eventTime;

        AlertRow(String rule, String symbol, String stream, String state, long eventTimeMs) {
            this.rule = rule;
            this.symbol = symbol;
            this.stream = stream == null ? "null" : stream;
            this.state = state;
            this.eventTimeMs = eventTimeMs;
            this.eventTime = Math.floorDiv(eventTimeMs, 1000);
        }

        String key() {
            return rule + "|" + symbol + "|" + stream;
        }
    }

    /**
     * Every alert in the order the job emitted them, not read back through SQL: the replay's alerts file, then
     * the alerts the test wrote (checked to be what the table holds, one row per alert after FINAL).
     */
    static List<AlertRow> allAlerts() throws IOException {
        List<AlertRow> rows = new ArrayList<>();
        for (String line : Files.readAllLines(replayAlerts)) {
            JsonNode a = JsonSchemas.JSON.readTree(line);
            rows.add(new AlertRow(a.get("rule").asText(), a.get("symbol").asText(),
                    a.get("stream").isNull() ? null : a.get("stream").asText(), a.get("state").asText(),
                    a.get("event_time").asLong()));
        }
        for (String[] a : EARLIER_ALERTS) {
            rows.add(new AlertRow(a[1], a[2], a[3], a[5], java.time.LocalDateTime.parse(a[6].replace(' ', 'T'))
                    .toEpochSecond(java.time.ZoneOffset.UTC) * 1000));
        }
        try (ClickHouseSql sql = sql()) {
            assertThat(Long.parseLong(sql.query("SELECT count() FROM " + DATABASE + ".alerts FINAL").trim()))
                    .as("alerts in the table").isEqualTo(rows.size());
        }
        return rows;
    }

    /**
     * A field's settings as Grafana resolves them for the column {@code name}: the panel's defaults, then every
     * override whose matcher takes the field (byName: the name; byRegexp: the whole display name, which starts
     * with the column's name), later ones winning.
     */
    static final class FieldSettings {
        final ObjectNode settings;

        private FieldSettings(ObjectNode settings) {
            this.settings = settings;
        }

        static FieldSettings of(JsonNode panel, String name) {
            ObjectNode s = panel.path("fieldConfig").path("defaults").isObject()
                    ? ((ObjectNode) panel.get("fieldConfig").get("defaults")).deepCopy() : JsonSchemas.JSON.createObjectNode();
            for (JsonNode o : panel.path("fieldConfig").path("overrides")) {
                String id = o.path("matcher").path("id").asText();
                String option = o.path("matcher").path("options").asText();
                boolean matches = id.equals("byName") ? option.equals(name)
                        : id.equals("byRegexp") && Pattern.compile(option).matcher(name).matches();
                if (!matches) {
                    continue;
                }
                for (JsonNode prop : o.path("properties")) {
                    String[] path = prop.get("id").asText().split("\\.");
                    ObjectNode at = s;
                    for (int i = 0; i < path.length - 1; i++) {
                        at = at.has(path[i]) ? (ObjectNode) at.get(path[i]) : at.putObject(path[i]);
                    }
                    at.set(path[path.length - 1], prop.get("value"));
                }
            }
            return new FieldSettings(s);
        }

        JsonNode at(String dotted) {
            JsonNode n = settings;
            for (String part : dotted.split("\\.")) {
                n = n.path(part);
            }
            return n;
        }

        String text(String dotted) {
            return at(dotted).asText("");
        }

        Double number(String dotted) {
            JsonNode n = at(dotted);
            return n.isNumber() ? n.asDouble() : null;
        }

        List<Double> thresholds() {
            List<Double> values = new ArrayList<>();
            at("thresholds").path("steps").forEach(s -> {
                if (s.path("value").isNumber()) {
                    values.add(s.get("value").asDouble());
                }
            });
            return values;
        }
    }

    private static final Pattern TIME_FILTER = Pattern.compile("\\$__timeFilter\\(([^)]+)\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::(\\w+))?}");

    /** Expands the ClickHouse plugin's macros (pkg/macros of grafana/clickhouse-datasource) and Grafana's variables. */
    static String expand(String sql, Map<String, List<String>> values, String where) {
        Matcher m = TIME_FILTER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String column = m.group(1).trim();
            m.appendReplacement(out, Matcher.quoteReplacement(column + " >= toDateTime(" + FROM + ") AND " + column
                    + " <= toDateTime(" + TO + ")"));
        }
        m.appendTail(out);
        String s = out.toString().replace("$__fromTime", "toDateTime(" + FROM + ")")
                .replace("$__toTime", "toDateTime(" + TO + ")");
        Matcher v = VARIABLE.matcher(s);
        out = new StringBuilder();
        while (v.find()) {
            List<String> vs = values.get(v.group(1));
            assertThat(vs).as(where + ": variable " + v.group(1) + " is defined before it is used").isNotNull();
            String format = v.group(2);
            String text = "singlequote".equals(format)
                    ? vs.stream().map(x -> "'" + x.replace("'", "\\'") + "'").collect(Collectors.joining(","))
                    : String.join(",", vs);
            v.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        v.appendTail(out);
        assertThat(out.toString()).as(where + ": everything expanded").doesNotContain("$");
        // the data source's default database names the tables; here, the test's database does
        return TABLE.matcher(out.toString()).replaceAll("$1 " + DATABASE + ".$2");
    }

    private static final Pattern TABLE = Pattern.compile("\\b(FROM|JOIN)\\s+(" + String.join("|", TABLES) + ")\\b");

    private static JsonNode run(ClickHouseSql sql, String query, String where) throws IOException {
        JsonNode answer = JsonSchemas.JSON.readTree(sql.query(query + "\nFORMAT JSONCompact"));
        assertThat(answer.get("rows").asLong()).as(where + " returns rows:\n" + query).isPositive();
        return answer;
    }

    private static ObjectNode check(String where, String type, String sql, long rows) {
        ObjectNode c = JsonSchemas.JSON.createObjectNode();
        c.put("where", where);
        c.put("type", type);
        c.put("sql", sql);
        c.put("rows", rows); // ClickHouse 18.16's answer: the current engine must give as many
        return c;
    }

    /** The queries and the tables' rows, for sql/check/check-dashboards.mjs. */
    private static void writeForTheCurrentEngine(ArrayNode checks) throws IOException {
        Files.createDirectories(CHECK_DIR.resolve("tables"));
        Files.writeString(CHECK_DIR.resolve("queries.json"), JsonSchemas.JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(checks));
        try (ClickHouseSql sql = sql()) {
            for (String table : TABLES) {
                Files.writeString(CHECK_DIR.resolve("tables").resolve(table + ".jsonl"),
                        sql.query("SELECT * FROM " + DATABASE + "." + table + " FORMAT JSONEachRow"));
            }
        }
    }
}
