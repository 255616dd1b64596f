package com.supercandles.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboards of {@code dashboards/}: each passes Grafana's dashboard schema (and its panels'
 * options their type's), has unique ids and a grid without overlaps, and every panel's and variable's
 * SQL, expanded as the ClickHouse plugin expands it, returns rows with the columns its panel needs on
 * ClickHouse 18.16, against tables filled by a replay of the recorded Bitstamp day (plus three
 * malformed trades, for the dead letters, and one undelivered alert: a replay has no receivers). The
 * expanded queries and the tables are left in {@code target/dashboard-check} for the same check on a
 * current ClickHouse ({@code sql/check/check-dashboards.mjs}).
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

    private static LocalClickHouseServer server;

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
        try (ClickHouseSql sql = sql()) {
            sql.execute("INSERT INTO " + DATABASE + ".alert_deliveries (alert_id, receiver, rule, symbol, stream, state,"
                    + " event_time, delivery, attempts, reason, updated_at, version) SELECT alert_id, 'webhook desk', rule,"
                    + " symbol, stream, state, event_time, 'given_up', 8, 'HTTP 503: busy', now(), 1 FROM " + DATABASE
                    + ".alerts LIMIT 1");
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

    @Test
    void everyDashboardPassesGrafanasSchemasWithUniqueIdsAndAGridWithoutOverlaps() throws IOException {
        List<Path> files = dashboards();
        assertThat(files).extracting(f -> f.getFileName().toString()).containsExactly("book-and-flow.json",
                "execution.json", "feeds-and-alerts.json", "market.json", "strategies.json");
        Set<String> uids = new HashSet<>();
        for (Path file : files) {
            JsonNode d = JsonSchemas.JSON.readTree(file.toFile());
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
                assertThat(p.get("datasource").get("uid").asText()).isEqualTo("supercandles-clickhouse");
            }
            List<String> variables = new ArrayList<>();
            d.get("templating").get("list").forEach(v -> variables.add(v.get("name").asText()));
            assertThat(variables).as(file + ": variables").containsExactly("symbol", "period");
            assertThat(d.get("templating").get("list").get(0).get("multi").asBoolean()).isTrue();
            assertThat(d.get("templating").get("list").get(0).get("includeAll").asBoolean()).isTrue();
        }
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
        int queries = 0;
        try (ClickHouseSql sql = sql()) {
            for (Path file : dashboards()) {
                JsonNode d = JsonSchemas.JSON.readTree(file.toFile());
                Map<String, List<String>> values = new LinkedHashMap<>();
                for (JsonNode v : d.get("templating").get("list")) {
                    String where = file.getFileName() + " variable " + v.get("name").asText();
                    String expanded = expand(v.get("query").asText(), values, where);
                    JsonNode answer = run(sql, expanded, where);
                    List<String> options = new ArrayList<>();
                    answer.get("data").forEach(row -> options.add(row.get(0).asText()));
                    assertThat(options).as(where).isNotEmpty();
                    values.put(v.get("name").asText(), options);
                    checks.add(check(where, "variable", expanded));
                    queries++;
                }
                values.put("period", List.of(values.get("period").contains("1m") ? "1m" : values.get("period").get(0)));
                for (JsonNode p : d.get("panels")) {
                    String type = p.get("type").asText();
                    for (JsonNode t : p.get("targets")) {
                        String where = file.getFileName() + " panel " + p.get("id") + " " + p.get("title").asText();
                        assertThat(t.get("editorType").asText()).isEqualTo("sql");
                        Map<String, List<String>> panelValues = new LinkedHashMap<>(values);
                        if (p.has("repeat")) { // a repeated panel sees one value of its variable
                            panelValues.put(p.get("repeat").asText(), values.get(p.get("repeat").asText()).subList(0, 1));
                        }
                        String expanded = expand(t.get("rawSql").asText(), panelValues, where);
                        JsonNode answer = run(sql, expanded, where);
                        assertColumns(type, t.get("queryType").asText(), answer.get("meta"), where);
                        checks.add(check(where, type, expanded));
                        queries++;
                    }
                }
            }
        }
        assertThat(queries).isGreaterThan(35);
        writeForTheCurrentEngine(checks);
    }

    /** Time series need time first; candlesticks open, high, low, close; bar charts a text x axis. */
    static void assertColumns(String panelType, String queryType, JsonNode meta, String where) {
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        meta.forEach(m -> {
            names.add(m.get("name").asText());
            types.add(m.get("type").asText());
        });
        if (panelType.equals("timeseries") || panelType.equals("candlestick")) {
            assertThat(queryType).as(where).isEqualTo("timeSeries");
            assertThat(names.get(0)).as(where + ": time first").isEqualTo("time");
            assertThat(types.get(0)).as(where + ": a DateTime first").startsWith("DateTime");
            assertThat(types.subList(1, types.size())).as(where + ": values").anyMatch(t -> t.matches(
                    "(Nullable\\()?(Float64|UInt64|Int8|Int64|UInt32)\\)?"));
        }
        if (panelType.equals("candlestick")) {
            assertThat(names).as(where).contains("open", "high", "low", "close", "volume");
        }
        if (panelType.equals("barchart")) {
            assertThat(types.get(0)).as(where + ": text x axis").isEqualTo("String");
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

    private static ObjectNode check(String where, String type, String sql) {
        ObjectNode c = JsonSchemas.JSON.createObjectNode();
        c.put("where", where);
        c.put("type", type);
        c.put("sql", sql);
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
