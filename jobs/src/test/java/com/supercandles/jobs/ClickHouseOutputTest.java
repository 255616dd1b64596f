package com.supercandles.jobs;

import com.supercandles.jobs.config.LiveConfig;
import com.supercandles.jobs.config.SuperCandlesSettings;
import com.supercandles.jobs.graph.ClickHouseOutput;
import com.supercandles.jobs.graph.Replay;
import com.supercandles.jobs.graph.ReplayFiles;

import com.supercandles.output.Outputs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.supercandles.candle.Period;
import com.supercandles.candle.SuperCandle;
import com.supercandles.candle.SuperCandleFields;
import com.supercandles.event.EventType;
import com.supercandles.instrument.InstrumentSpec;
import com.supercandles.instrument.Instruments;
import com.supercandles.sinks.JsonLinesFileSink;
import com.supercandles.sinks.clickhouse.ClickHouseFailure;
import com.supercandles.sinks.clickhouse.ClickHouseSql;
import com.supercandles.sinks.clickhouse.LocalClickHouseServer;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The job's ClickHouse output on a real ClickHouse 18.16 server started by the test: a replay lands
 * equal to its JSON Lines output; a failure and restore leave one final row per candle; an outage
 * during the job loses nothing; wrong credentials stop the start with a clear message.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ClickHouseOutputTest {
    private static final String USER = "sink";
    private static final String PASSWORD = "Pa55-for-the-sink";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalClickHouseServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = LocalClickHouseServer.start(Files.createTempDirectory("clickhouse-job-test"), USER, PASSWORD);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static Path dataset(String name) {
        return Paths.get(System.getProperty("supercandles.shared.dir", "../../shared"), "data", name);
    }

    private static SuperCandlesSettings settings() {
        return new SuperCandlesSettings()
                .periods(List.of(Period.parse("1m"), Period.parse("5m")))
                .instruments(Instruments.withDefaults(new InstrumentSpec(1, 0.01, 100_000)));
    }

    /** A migrated database and the job's output into it, configured as a user would (password from the env). */
    private static ClickHouseOutput output(String database, String batchRows) throws Exception {
        Map<String, String> keys = new HashMap<>();
        keys.put("clickhouse.url", server.httpUrl());
        keys.put("clickhouse.database", database);
        keys.put("clickhouse.user", USER);
        keys.put("clickhouse.password", "${env:TEST_CLICKHOUSE_PASSWORD}");
        keys.put("clickhouse.migrate", "true");
        keys.put("clickhouse.batch.rows", batchRows);
        keys.put("clickhouse.batch.interval", "200ms");
        keys.put("clickhouse.retry.timeout", "2m");
        LiveConfig config = LiveConfig.loadClickHouseOnly(null, keys,
                name -> name.equals("TEST_CLICKHOUSE_PASSWORD") ? PASSWORD : null);
        ClickHouseOutput output = ClickHouseOutput.of(config);
        assertThat(output.prepare()).anyMatch(l -> l.contains("applied") && l.contains("002_supercandles"));
        return output;
    }

    @Test
    void theCandlesAndDeadLettersOfAReplayLandEqualToTheJsonLines(@TempDir Path dir) throws Exception {
        for (String dataset : List.of("bitstamp-btcusd-2015-05-01", "bitstamp-btcusd-2013-11-25")) {
            String database = "replay_" + dataset.replaceAll("\\D", "").substring(0, 4);
            Path candles = dir.resolve(database + "-candles.jsonl");
            Path deadLetters = dir.resolve(database + "-dead-letters.jsonl");
            Replay.Summary summary = Replay.run(settings(), dataset(dataset), ReplayFiles.of(candles, deadLetters), output(database, "500"), 2);

            List<JsonNode> expected = CandleAssertions.readLines(candles);
            assertThat(expected).hasSize((int) summary.records(Outputs.CANDLES)).isNotEmpty();
            assertSameRows(finalCandles(database), expected);
            assertThat(rawCount(database)).as("no candle written twice in a clean run").isEqualTo(expected.size());

            List<String> expectedLetters = new ArrayList<>();
            for (JsonNode d : CandleAssertions.readLines(deadLetters)) {
                expectedLetters.add(d.get("stream").asText() + "|" + d.get("kind").asText() + "|"
                        + d.get("reason").asText() + "|" + d.get("payload").asText());
            }
            List<String> letters = new ArrayList<>();
            for (JsonNode d : query(database, "SELECT stream, kind, reason, payload FROM " + database
                    + ".dead_letters FINAL")) {
                letters.add(d.get("stream").asText() + "|" + d.get("kind").asText() + "|"
                        + d.get("reason").asText() + "|" + d.get("payload").asText());
            }
            assertThat(letters).containsExactlyInAnyOrderElementsOf(expectedLetters);
            if (dataset.contains("2013")) {
                assertThat(letters).as("the 18 zero-quantity trades of 2013-11-25").hasSize(18);
            }
        }
    }

    @Test
    void aFailureAndRestoreLeaveExactlyOneFinalRowPerCandle(@TempDir Path dir) throws Exception {
        // The order log alone: with one stream the watermark advances a window at a time and candles
        // reach the sink a few at a time (several streams' watermarks combine by their minimum, and
        // catching up fires a burst of windows ahead of any checkpoint barrier).
        Path input = Files.createDirectories(dir.resolve("orders-only"));
        Files.createSymbolicLink(input.resolve("orders.jsonl"),
                dataset("bitstamp-btcusd-2015-05-01").resolve("orders.jsonl").toAbsolutePath());
        Path expectedCandles = dir.resolve("expected.jsonl");
        Replay.run(settings(), input, expectedCandles, dir.resolve("expected-dead.jsonl"), 1);
        List<JsonNode> expected = CandleAssertions.readLines(expectedCandles);

        ClickHouseOutput output = output("restore", "10");
        query("restore", "SYSTEM STOP MERGES restore.supercandles"); // so that the raw count shows the rewrites
        Configuration conf = Replay.localConfiguration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(300));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
        // Small network buffers, on both ends of every channel, so that little is in flight ahead of a
        // checkpoint barrier and the failure usually comes after a checkpoint (see FailOnceMidway).
        conf.setString("taskmanager.memory.segment-size", "4kb");
        conf.setString("taskmanager.network.memory.buffers-per-channel", "1");
        conf.setString("taskmanager.network.memory.floating-buffers-per-gate", "1");
        conf.setString("taskmanager.network.memory.max-buffers-per-channel", "1");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        FailOnceMidway.reset();
        Replay.fileJob(settings(), Replay.inputFiles(input))
                .sink(Outputs.CANDLES, new FailOnceMidway<>(output.sink(Outputs.CANDLES)))
                .sink(Outputs.DEAD_LETTERS, output.sink(Outputs.DEAD_LETTERS))
                .build()
                .execute(env, "ClickHouse restore test");

        assertThat(FailOnceMidway.FAILED.get()).as("the job failed once and recovered").isTrue();
        assertThat(expected).hasSizeGreaterThan(2 * FailOnceMidway.AFTER);
        assertSameRows(finalCandles("restore"), expected);
        assertThat(rawCount("restore"))
                .as("rows written before the failure were written again after the recovery (%d checkpoints before it), "
                    + "and FINAL collapses them", FailOnceMidway.CHECKPOINTS_BEFORE_FAILURE.get())
                .isGreaterThan(expected.size());
    }

    @Test
    void aServerOutageDuringTheJobLosesNothing(@TempDir Path dir) throws Exception {
        Path input = dataset("bitstamp-btcusd-2013-11-25");
        ClickHouseOutput output = output("outage", "50");
        server.stop();
        try {
            CompletableFuture<Replay.Summary> job = CompletableFuture.supplyAsync(() -> {
                try {
                    return Replay.run(settings(), input, ReplayFiles.of(dir.resolve("candles.jsonl"), dir.resolve("dead.jsonl")), output, 1);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(8000);
            assertThat(job).as("the job waits for ClickHouse").isNotDone();
            server.start();
            job.get(3, TimeUnit.MINUTES);
        } finally {
            server.start();
        }
        assertSameRows(finalCandles("outage"), CandleAssertions.readLines(dir.resolve("candles.jsonl")));
    }

    @Test
    void wrongCredentialsStopTheStartWithWhatToFixAndNeverShowThePassword() throws Exception {
        Map<String, String> keys = Map.of("clickhouse.url", server.httpUrl(), "clickhouse.user", USER,
                "clickhouse.password", "${env:WRONG}", "clickhouse.migrate", "true");
        LiveConfig config = LiveConfig.loadClickHouseOnly(null, keys, name -> "wrong-Pa55");
        assertThatThrownBy(() -> ClickHouseOutput.of(config).prepare())
                .isInstanceOf(ClickHouseFailure.class)
                .hasMessageContaining("refused user 'sink'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-Pa55"));
        assertThat(config.describe()).contains("clickhouse.password = ******").doesNotContain("wrong-Pa55");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SuperCandlesCli.run(new String[] {"migrate", "--clickhouse.url", server.httpUrl(),
                        "--clickhouse.user", USER, "--clickhouse.password", "not-it-Pa55"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(SuperCandlesCli.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refused user 'sink'").doesNotContain("not-it-Pa55");
    }

    @Test
    void migrateCommandCreatesTheTablesAndIsIdempotent() throws Exception {
        String[] args = {"migrate", "--clickhouse.url", server.httpUrl(), "--clickhouse.database", "cli"};
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        assertThat(SuperCandlesCli.run(args, new PrintStream(first, true, StandardCharsets.UTF_8), System.err)).isZero();
        assertThat(first.toString(StandardCharsets.UTF_8)).contains("applied     002_supercandles");
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        assertThat(SuperCandlesCli.run(args, new PrintStream(second, true, StandardCharsets.UTF_8), System.err)).isZero();
        assertThat(second.toString(StandardCharsets.UTF_8)).contains("up to date  002_supercandles")
                .doesNotContain("applied ");
    }

    @Test
    void replayCommandBackfillsRecordedDataIntoClickHouse(@TempDir Path dir) throws Exception {
        Path candles = dir.resolve("candles.jsonl");
        Path model = TestModels.demoModel(dir.resolve("model"), "5m");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = SuperCandlesCli.run(new String[] {"replay", "--input", dataset("coinbase-btcusd-2016-05-12").toString(),
                        "--out", candles.toString(), "--period", "5m", "--clickhouse.url", server.httpUrl(),
                        "--clickhouse.database", "backfill", "--clickhouse.migrate", "true",
                        "--watchdog.trade_corridor.threshold", "0.05", "--model", model.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("backfill.supercandles");
        assertSameRows(finalCandles("backfill"), CandleAssertions.readLines(candles));

        // the alerts land too, one final row per alert id, equal to the JSON lines
        List<JsonNode> alerts = CandleAssertions.readLines(dir.resolve("candles.alerts.jsonl"));
        assertThat(alerts).as("trade_corridor at 0.05 %").isNotEmpty();
        List<String> expectedAlerts = new ArrayList<>();
        for (JsonNode a : alerts) {
            expectedAlerts.add(a.get("alert_id").asText() + "|" + a.get("rule").asText() + "|" + a.get("state").asText()
                    + "|" + a.get("event_time").asLong() + "|" + a.get("message").asText());
        }
        List<String> alertRows = new ArrayList<>();
        for (JsonNode a : query("backfill", "SELECT alert_id, rule, state, event_time_ms, message FROM backfill.alerts FINAL")) {
            alertRows.add(a.get("alert_id").asText() + "|" + a.get("rule").asText() + "|" + a.get("state").asText()
                    + "|" + a.get("event_time_ms").asLong() + "|" + a.get("message").asText());
        }
        assertThat(alertRows).containsExactlyInAnyOrderElementsOf(expectedAlerts);

        // the execution model's records land too
        assertSameModelRows("backfill", dir.resolve("candles.models.jsonl"));

        // train reads candles back from the table: the day's 288 five-minute candles, too few to train on
        ByteArrayOutputStream trained = new ByteArrayOutputStream();
        assertThat(SuperCandlesCli.run(new String[] {"train", "--clickhouse-where", "symbol = 'BTCUSD'", "--period", "5m",
                "--clickhouse.url", server.httpUrl(), "--clickhouse.database", "backfill", "--out",
                dir.resolve("m").toString()}, new PrintStream(trained, true, StandardCharsets.UTF_8),
                new PrintStream(trained, true, StandardCharsets.UTF_8))).isEqualTo(SuperCandlesCli.USAGE);
        assertThat(trained.toString(StandardCharsets.UTF_8))
                .contains(String.format("too little data to train: %,d candles of 5m (1 symbols)",
                        CandleAssertions.readLines(candles).size()));

        // the model score's and the guard's records land too, every field equal to the JSON lines
        assertSameRecords("backfill.scores", List.of("symbol", "period", "model"), List.of("band"),
                List.of("band_changed", "phase_changed"), List.of("close", "p_up", "p_down", "score", "phase_error",
                        "phase_threshold"), dir.resolve("candles.scores.jsonl"));
        assertSameRecords("backfill.guard_decisions", List.of("symbol", "period", "strategy", "decision"), List.of("bars"),
                List.of("decision_changed", "phase_changed", "drifting"), List.of("phase_error", "phase_threshold",
                        "sharpe", "backtest_sharpe", "sharpe_se"), dir.resolve("candles.guard.jsonl"));

        // the paper strategies' records land too, every field equal to the JSON lines (doubles bit for bit)
        List<JsonNode> expected = CandleAssertions.readLines(dir.resolve("candles.signals.jsonl"));
        assertThat(expected).hasSizeGreaterThan(5);
        Map<String, JsonNode> rows = new TreeMap<>();
        for (JsonNode r : query("backfill", "SELECT *, toUInt64(toUnixTimestamp(window_start)) * 1000 AS start_ms,"
                + " toUInt64(toUnixTimestamp(window_end)) * 1000 AS end_ms FROM backfill.signals FINAL")) {
            rows.put(r.get("symbol").asText() + "|" + r.get("strategy").asText() + "|" + r.get("start_ms").asLong(), r);
        }
        assertThat(rows).hasSize(expected.size());
        for (JsonNode e : expected) {
            String key = e.get("symbol").asText() + "|" + e.get("strategy").asText() + "|" + e.get("window_start").asLong();
            JsonNode row = rows.get(key);
            assertThat(row).as(key).isNotNull();
            assertThat(row.get("end_ms").asLong()).isEqualTo(e.get("window_end").asLong());
            assertThat(row.get("period").asText()).isEqualTo(e.get("period").asText());
            for (String field : List.of("position", "trades", "n")) {
                assertThat(row.get(field).asLong()).as(key + " " + field).isEqualTo(e.get(field).asLong());
            }
            List<String> reals = new ArrayList<>(List.of("close", "ret", "equity"));
            reals.addAll(List.of(com.supercandles.signal.SignalFields.SCORES));
            for (String field : reals) {
                if (e.get(field).isNull()) {
                    assertThat(row.get(field).isNull()).as(key + " " + field).isTrue();
                } else {
                    assertThat(Double.doubleToLongBits(row.get(field).asDouble())).as(key + " " + field)
                            .isEqualTo(Double.doubleToLongBits(e.get(field).asDouble()));
                }
            }
        }
    }

    /**
     * {@code train --clickhouse-where} reads the candles of a backfill back from the table: the model it
     * writes is the one the candle file gives (the same trees, the same report), so ClickHouse holds
     * every value the features read, at full precision.
     */
    @Test
    void trainingFromClickHouseEqualsTrainingFromTheCandleFile(@TempDir Path dir) throws Exception {
        Path candles = dir.resolve("week.jsonl");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertThat(SuperCandlesCli.run(new String[] {"replay", "--input", dataset("bitstamp-btcusd-2013-11-25").toString(),
                "--out", candles.toString(), "--period", "1m", "--clickhouse.url", server.httpUrl(),
                "--clickhouse.database", "week", "--clickhouse.migrate", "true", "--watchdog.market_anomaly.enabled",
                "false"}, print, print)).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(SuperCandlesCli.run(new String[] {"train", "--candles", candles.toString(), "--out",
                dir.resolve("from-file").toString()}, print, print)).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(SuperCandlesCli.run(new String[] {"train", "--clickhouse-where", "symbol = 'BTCUSD'",
                "--clickhouse.url", server.httpUrl(), "--clickhouse.database", "week", "--out",
                dir.resolve("from-clickhouse").toString()}, print, print)).as(out.toString(StandardCharsets.UTF_8)).isZero();
        for (String file : new String[] {"up.xgboost.json", "down.xgboost.json"}) {
            assertThat(java.nio.file.Files.readAllBytes(dir.resolve("from-clickhouse").resolve(file))).as(file)
                    .isEqualTo(java.nio.file.Files.readAllBytes(dir.resolve("from-file").resolve(file)));
        }
        JsonNode fromFile = CandleAssertions.JSON_READER.readTree(dir.resolve("from-file").resolve("model.json").toFile());
        JsonNode fromClickHouse = CandleAssertions.JSON_READER.readTree(dir.resolve("from-clickhouse").resolve("model.json").toFile());
        assertThat(fromClickHouse.get("training").get("candles").asLong()).isEqualTo(9_399);
        for (String part : new String[] {"report", "models", "phase", "guard"}) {
            assertThat(fromClickHouse.get(part)).as(part).isEqualTo(fromFile.get(part));
        }
    }

    /**
     * Every record of the JSON lines is one final row of {@code table} (key: the texts and window_start),
     * integers, flags (0/1 for false/true) and doubles (bit for bit, null for null) equal.
     */
    private static void assertSameRecords(String table, List<String> texts, List<String> integers, List<String> flags,
                                          List<String> reals, Path jsonLines) throws IOException {
        List<JsonNode> expected = CandleAssertions.readLines(jsonLines);
        assertThat(expected).as(table).hasSizeGreaterThan(10);
        Map<String, JsonNode> rows = new TreeMap<>();
        for (JsonNode r : query(table.substring(0, table.indexOf('.')), "SELECT *, toUInt64(toUnixTimestamp(window_start))"
                + " * 1000 AS start_ms, toUInt64(toUnixTimestamp(window_end)) * 1000 AS end_ms FROM " + table + " FINAL")) {
            StringBuilder key = new StringBuilder();
            texts.forEach(t -> key.append(r.get(t).asText()).append('|'));
            rows.put(key.append(r.get("start_ms").asLong()).toString(), r);
        }
        assertThat(rows).as(table).hasSize(expected.size());
        for (JsonNode e : expected) {
            StringBuilder k = new StringBuilder();
            texts.forEach(t -> k.append(e.get(t).asText()).append('|'));
            String key = k.append(e.get("window_start").asLong()).toString();
            JsonNode row = rows.get(key);
            assertThat(row).as(key).isNotNull();
            assertThat(row.get("end_ms").asLong()).as(key).isEqualTo(e.get("window_end").asLong());
            for (String f : integers) {
                assertThat(row.get(f).asLong()).as(key + " " + f).isEqualTo(e.get(f).asLong());
            }
            for (String f : flags) {
                assertThat(row.get(f).asLong()).as(key + " " + f).isEqualTo(e.get(f).asBoolean() ? 1 : 0);
            }
            for (String f : reals) {
                assertSameReals(key + " " + f, row.get(f), e.get(f));
            }
        }
    }

    /** Every execution-model record of the JSON lines is one final row, each field equal (doubles bit for bit, arrays too). */
    private static void assertSameModelRows(String database, Path jsonLines) throws IOException {
        List<JsonNode> expected = CandleAssertions.readLines(jsonLines);
        assertThat(expected).hasSizeGreaterThan(10);
        Map<String, JsonNode> rows = new TreeMap<>();
        for (JsonNode r : query(database, "SELECT *, toUInt64(toUnixTimestamp(window_start)) * 1000 AS start_ms,"
                + " toUInt64(toUnixTimestamp(window_end)) * 1000 AS end_ms FROM " + database + ".execution_model FINAL")) {
            rows.put(r.get("symbol").asText() + "|" + r.get("side").asText() + "|" + r.get("period").asText() + "|"
                    + r.get("start_ms").asLong(), r);
        }
        assertThat(rows).hasSize(expected.size());
        for (JsonNode e : expected) {
            String key = e.get("symbol").asText() + "|" + e.get("side").asText() + "|" + e.get("period").asText() + "|"
                    + e.get("window_start").asLong();
            JsonNode row = rows.get(key);
            assertThat(row).as(key).isNotNull();
            assertThat(row.get("end_ms").asLong()).isEqualTo(e.get("window_end").asLong());
            for (String field : List.of("lookback_ms", "bucket_ms", "n", "impact_buckets", "tick_groups")) {
                assertThat(row.get(field).asLong()).as(key + " " + field).isEqualTo(e.get(field).asLong());
            }
            for (String field : List.of("m", "p_m", "alpha", "fit_error", "impact_a", "impact_b", "q_star", "g_star",
                    "depth_multiples", "fill_probability", "tick_fractions")) {
                assertSameReals(key + " " + field, row.get(field), e.get(field));
            }
        }
    }

    private static void assertSameReals(String what, JsonNode actual, JsonNode expected) {
        if (expected.isArray()) {
            assertThat(actual.size()).as(what).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertSameReals(what + "[" + i + "]", actual.get(i), expected.get(i));
            }
        } else if (expected.isNull()) {
            assertThat(actual.isNull()).as(what).isTrue();
        } else {
            assertThat(Double.doubleToLongBits(actual.asDouble())).as(what)
                    .isEqualTo(Double.doubleToLongBits(expected.asDouble()));
        }
    }

    /** Candles from ClickHouse with FINAL, as JSON objects with the contract's names and epoch-ms windows. */
    private static List<JsonNode> finalCandles(String database) throws IOException {
        return finalCandles(server.httpUrl(), database);
    }

    /** {@link #finalCandles(String)} of the server at {@code url}. */
    static List<JsonNode> finalCandles(String url, String database) throws IOException {
        StringBuilder select = new StringBuilder();
        for (SuperCandleFields.Field f : SuperCandleFields.ALL) {
            select.append(select.length() == 0 ? "" : ", ");
            select.append(f.name().startsWith("window_")
                    ? "toUInt64(toUnixTimestamp(" + f.name() + ")) * 1000 AS " + f.name() : f.name());
        }
        return query(url, database, "SELECT " + select + " FROM " + database + ".supercandles FINAL"
                + " ORDER BY period, symbol, window_start");
    }

    private static long rawCount(String database) throws IOException {
        return query(database, "SELECT count() AS n FROM " + database + ".supercandles").get(0).get("n").asLong();
    }

    private static List<JsonNode> query(String database, String sql) throws IOException {
        return query(server.httpUrl(), database, sql);
    }

    /** Rows of a query as the server's {@code default} user (JSONEachRow, 64-bit integers quoted). */
    static List<JsonNode> query(String url, String database, String sql) throws IOException {
        try (ClickHouseSql ch = new ClickHouseSql(com.supercandles.sinks.clickhouse.ClickHouseConnection.builder()
                .url(url).database(database).user("default").build())) {
            List<JsonNode> rows = new ArrayList<>();
            String answer = sql.startsWith("SYSTEM") ? ch.query(sql) : ch.query(sql + " FORMAT JSONEachRow");
            for (String line : answer.split("\n")) {
                if (!line.isBlank()) {
                    rows.add(JSON.readTree(line));
                }
            }
            return rows;
        }
    }

    /** Every candle, every field exactly equal (doubles bit for bit, nulls as nulls). */
    static void assertSameRows(List<JsonNode> actual, List<JsonNode> expectedUnordered) {
        Map<String, JsonNode> expected = new TreeMap<>();
        for (JsonNode c : expectedUnordered) {
            expected.put(key(c), c);
        }
        Map<String, JsonNode> byKey = new TreeMap<>();
        for (JsonNode c : actual) {
            assertThat(byKey.put(key(c), c)).as("one final row per candle: " + key(c)).isNull();
        }
        assertThat(byKey.keySet()).containsExactlyElementsOf(expected.keySet());
        for (Map.Entry<String, JsonNode> e : expected.entrySet()) {
            JsonNode row = byKey.get(e.getKey());
            for (SuperCandleFields.Field f : SuperCandleFields.ALL) {
                JsonNode want = e.getValue().get(f.name());
                JsonNode got = row.get(f.name());
                String what = e.getKey() + " " + f.name();
                switch (f.kind()) {
                    case TEXT:
                        assertThat(got.isNull()).as(what + " is null").isEqualTo(want.isNull());
                        assertThat(got.asText()).as(what).isEqualTo(want.asText());
                        break;
                    case INTEGER:
                        assertThat(got.asLong()).as(what).isEqualTo(want.asLong()); // UInt64 comes quoted
                        break;
                    case FLAG:
                        assertThat(want.isBoolean()).as(what + " is a JSON boolean").isTrue();
                        assertThat(got.asLong()).as(what).isEqualTo(want.asBoolean() ? 1 : 0); // UInt8 in the table
                        break;
                    default:
                        if (want.isNull()) {
                            assertThat(got.isNull()).as(what + " is null").isTrue();
                        } else {
                            assertThat(got.isNumber()).as(what + " is a number").isTrue();
                            assertThat(got.asDouble()).as(what).isEqualTo(want.asDouble());
                        }
                }
            }
        }
    }

    private static String key(JsonNode c) {
        return c.get("period").asText() + "|" + c.get("symbol").asText() + "|" + c.get("window_start").asLong();
    }

    /**
     * Passes candles to the wrapped sink and fails the job once, after a checkpoint and enough rows
     * that batches were inserted after it: the restore then writes those rows again. Slowed down a
     * little so that checkpoints happen during the short replay.
     */
    /**
     * Fails the job once, when it has written {@link #AFTER} candles (about half). The network buffers
     * are small and the writes slow, so checkpoints are usually taken before that and the job restores
     * from the last one; when none was, it restarts from the beginning. Either way the rows written
     * before the failure are written again, which is what the test is about; which one happened is
     * recorded, not required, so the test does not depend on how fast the job is.
     */
    static final class FailOnceMidway<T> implements Sink<T> {
        private static final long serialVersionUID = 1L;
        static final int AFTER = 150;
        static final AtomicBoolean FAILED = new AtomicBoolean();
        static final AtomicInteger CHECKPOINTS_BEFORE_FAILURE = new AtomicInteger();
        private static final AtomicInteger WRITTEN = new AtomicInteger();
        private final Sink<T> inner;

        FailOnceMidway(Sink<T> inner) {
            this.inner = inner;
        }

        static void reset() {
            FAILED.set(false);
            CHECKPOINTS_BEFORE_FAILURE.set(0);
            WRITTEN.set(0);
        }

        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
            SinkWriter<T> writer = inner.createWriter(context);
            return new SinkWriter<>() {
                @Override
                public void write(T element, Context ctx) throws IOException, InterruptedException {
                    Thread.sleep(2);
                    if (!FAILED.get() && WRITTEN.incrementAndGet() > AFTER) {
                        FAILED.set(true);
                        throw new IOException("injected failure midway");
                    }
                    writer.write(element, ctx);
                }

                @Override
                public void flush(boolean endOfInput) throws IOException, InterruptedException {
                    writer.flush(endOfInput);
                    if (!endOfInput && !FAILED.get()) {
                        CHECKPOINTS_BEFORE_FAILURE.incrementAndGet();
                    }
                }

                @Override
                public void close() throws Exception {
                    writer.close();
                }
            };
        }
    }
}
