package com.supercandles.sinks.clickhouse;

import com.supercandles.candle.SuperCandleFields;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sql/ migrations on a real ClickHouse 18.16 server. */
class ClickHouseMigrationsTest {
    private static LocalClickHouseServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = ClickHouseTestServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void theJarCarriesExactlyTheFilesOfTheSqlFolder() throws IOException {
        ClickHouseMigrations fromJar = ClickHouseMigrations.fromClasspath();
        ClickHouseMigrations fromFolder = ClickHouseMigrations.fromDirectory(ClickHouseTestServer.sqlDirectory());
        assertThat(checksums(fromJar)).isEqualTo(checksums(fromFolder)).isNotEmpty();
        assertThat(fromJar.optIns().keySet()).isEqualTo(fromFolder.optIns().keySet()).contains("dead_letters_ttl");
    }

    @Test
    void applyingTwiceCreatesTheTablesOnceAndThenReportsUpToDate() throws IOException {
        ClickHouseMigrations migrations = ClickHouseMigrations.fromClasspath();
        try (ClickHouseSql sql = new ClickHouseSql(ClickHouseTestServer.admin(server, "twice"))) {
            List<String> first = migrations.apply(sql, Set.of());
            assertThat(first).hasSize(migrations.regular().size()).allMatch(l -> l.startsWith("applied"));
            List<String> second = migrations.apply(sql, Set.of());
            assertThat(second).hasSize(migrations.regular().size()).allMatch(l -> l.startsWith("up to date"));
            assertThat(sql.tableExists("supercandles")).isTrue();
            assertThat(sql.tableExists("dead_letters")).isTrue();
            // Each file is idempotent by itself too: running its statements again changes nothing (an ADD
            // COLUMN through the migrator's statement runner: 18.16 has no ADD COLUMN IF NOT EXISTS).
            for (ClickHouseMigrations.Migration m : migrations.regular()) {
                for (String statement : m.statements("twice")) {
                    ClickHouseMigrations.run(sql, statement);
                }
            }
            assertThat(ClickHouseTestServer.count(server,
                    "SELECT count() FROM twice.schema_migrations")).isEqualTo(migrations.regular().size());
        }
    }

    @Test
    void theCandleTableHasEveryContractFieldWithItsNullability() throws IOException {
        try (ClickHouseSql sql = new ClickHouseSql(ClickHouseTestServer.admin(server, "columns"))) {
            ClickHouseMigrations.fromClasspath().apply(sql, Set.of());
            Map<String, String> columns = new LinkedHashMap<>();
            for (String line : sql.query("SELECT name, type FROM system.columns WHERE database = 'columns'"
                    + " AND table = 'supercandles' FORMAT TabSeparated").split("\n")) {
                String[] nt = line.split("\t");
                columns.put(nt[0], nt[1].replace("\\'", "'")); // TabSeparated escapes quotes
            }
            List<String> expectedNames = new ArrayList<>();
            for (SuperCandleFields.Field f : SuperCandleFields.ALL) {
                expectedNames.add(f.name());
                String type = columns.get(f.name());
                switch (f.kind()) {
                    case TEXT:
                        assertThat(type).as(f.name()).isEqualTo(f.nullable() ? "Nullable(String)" : "String");
                        break;
                    case FLAG:
                        assertThat(type).as(f.name()).isEqualTo("UInt8");
                        break;
                    case INTEGER:
                        assertThat(type).as(f.name()).isIn("UInt64", "DateTime('UTC')");
                        break;
                    default:
                        assertThat(type).as(f.name()).isEqualTo(f.nullable() ? "Nullable(Float64)" : "Float64");
                }
            }
            expectedNames.add("version");
            assertThat(new ArrayList<>(columns.keySet())).isEqualTo(expectedNames);
            assertThat(columns.get("window_start")).isEqualTo("DateTime('UTC')");
            assertThat(sql.query("SELECT sorting_key, partition_key FROM system.tables WHERE database = 'columns'"
                    + " AND name = 'supercandles' FORMAT TabSeparated").trim())
                    .isEqualTo("symbol, period, window_start\ttoYYYYMM(window_start)");
        }
    }

    /**
     * 011 adds the provenance columns to a table that already holds candles: the rows written before it
     * read back with gap 0 and orders_source NULL, rows written after it with what they were given.
     */
    @Test
    void theProvenanceColumnsJoinATableHoldingCandles(@TempDir Path dir) throws IOException {
        Path sqlDir = copy(ClickHouseTestServer.sqlDirectory(), dir);
        Path provenance = sqlDir.resolve("migrations/011_candle_provenance.sql");
        String provenanceSql = Files.readString(provenance);
        Files.delete(provenance);
        try (ClickHouseSql sql = new ClickHouseSql(ClickHouseTestServer.admin(server, "provenance"))) {
            ClickHouseMigrations.fromDirectory(sqlDir).apply(sql, Set.of());
            assertThat(sql.query("SELECT count() FROM system.columns WHERE database = 'provenance'"
                    + " AND table = 'supercandles' AND name IN ('gap', 'orders_source') FORMAT TabSeparated").trim())
                    .isEqualTo("0");
            sql.execute("INSERT INTO provenance.supercandles (symbol, period, window_start, window_end, version)"
                    + " VALUES ('OLD', '1m', toDateTime(60, 'UTC'), toDateTime(120, 'UTC'), 1)");
            Files.writeString(provenance, provenanceSql);
            List<String> applied = ClickHouseMigrations.fromDirectory(sqlDir).apply(sql, Set.of());
            assertThat(applied).filteredOn(l -> l.startsWith("applied")).hasSize(1)
                    .allMatch(l -> l.contains("011_candle_provenance"));
            sql.execute("INSERT INTO provenance.supercandles (symbol, period, window_start, window_end, gap,"
                    + " orders_source, version) VALUES ('NEW', '1m', toDateTime(60, 'UTC'), toDateTime(120, 'UTC'), 1,"
                    + " 'derived', 2), ('NEW', '1m', toDateTime(120, 'UTC'), toDateTime(180, 'UTC'), 0, 'log', 2)");
            assertThat(sql.query("SELECT symbol, toUnixTimestamp(window_start), gap, orders_source FROM"
                    + " provenance.supercandles FINAL ORDER BY symbol DESC, window_start FORMAT TabSeparated").trim())
                    .isEqualTo("OLD\t60\t0\t\\N\nNEW\t60\t1\tderived\nNEW\t120\t0\tlog");
        }
    }

    @Test
    void aMigrationChangedAfterItWasAppliedStopsTheMigration(@TempDir Path dir) throws IOException {
        Path sqlDir = copy(ClickHouseTestServer.sqlDirectory(), dir);
        try (ClickHouseSql sql = new ClickHouseSql(ClickHouseTestServer.admin(server, "changed"))) {
            ClickHouseMigrations.fromDirectory(sqlDir).apply(sql, Set.of());
            Path file = sqlDir.resolve("migrations/003_dead_letters.sql");
            Files.writeString(file, Files.readString(file).replace("payload     String", "payload     String,\n    extra String"));
            assertThatThrownBy(() -> ClickHouseMigrations.fromDirectory(sqlDir).apply(sql, Set.of()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("'003_dead_letters' was changed after it was applied")
                    .hasMessageContaining("add a new migration");
        }
    }

    @Test
    void anOptInMigrationForANewerServerIsRefusedWithTheVersions() throws IOException {
        try (ClickHouseSql sql = new ClickHouseSql(ClickHouseTestServer.admin(server, "ttl"))) {
            assertThatThrownBy(() -> ClickHouseMigrations.fromClasspath().apply(sql, Set.of("dead_letters_ttl")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("needs ClickHouse 19.6 or newer")
                    .hasMessageContaining("is 18.16");
            assertThat(sql.query("SELECT count() FROM system.databases WHERE name = 'ttl' FORMAT TabSeparated").trim())
                    .as("nothing is applied when an opt-in cannot be").isEqualTo("0");
            assertThatThrownBy(() -> ClickHouseMigrations.fromClasspath().apply(sql, Set.of("no_such")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unknown opt-in migration 'no_such'")
                    .hasMessageContaining("dead_letters_ttl");
        }
    }

    @Test
    void statementsAreSplitAtSemicolonsEndingALineAndCommentsDropped() {
        ClickHouseMigrations.Migration m = new ClickHouseMigrations.Migration("001_x", false,
                "-- a comment; with a semicolon\nCREATE DATABASE IF NOT EXISTS ${database};\n\n"
                        + "CREATE TABLE ${database}.t (s String DEFAULT 'a;b')\nENGINE = Log;\n");
        assertThat(m.statements("db")).containsExactly("CREATE DATABASE IF NOT EXISTS db",
                "CREATE TABLE db.t (s String DEFAULT 'a;b')\nENGINE = Log");
        assertThat(m.requiresServer).isNull();
    }

    @Test
    void theDocumentedReadQueriesRunAndSeeARewrittenCandleOnce() throws IOException {
        try (ClickHouseSql sql = new ClickHouseSql(ClickHouseTestServer.admin(server, "queries"))) {
            ClickHouseMigrations.fromClasspath().apply(sql, Set.of());
            for (int version : new int[] {1, 2}) {
                for (String period : List.of("5m", "1m")) {
                    sql.execute("INSERT INTO queries.supercandles (symbol, period, window_start, window_end, trades, vol,"
                            + " val, pr_close, version) VALUES ('BTCUSD', '" + period + "', toDateTime('2015-05-01 00:05:00',"
                            + " 'UTC'), toDateTime('2015-05-01 00:10:00', 'UTC'), 3, 1.5, 351.0, 234." + version + ", "
                            + version + ")");
                }
            }
            sql.execute("INSERT INTO queries.dead_letters (stream, kind, reason, payload, rejected_at)"
                    + " VALUES ('trades', 'invalid', 'qty must be > 0', '{\"qty\":0}', now())");
            for (int version : new int[] {1, 2}) {
                sql.execute("INSERT INTO queries.signals (symbol, period, strategy, window_start, window_end, position,"
                        + " close, ret, equity, trades, n, sharpe, version) VALUES ('BTCUSD', '1m', 'disb',"
                        + " toDateTime('2015-05-01 00:05:00', 'UTC'), toDateTime('2015-05-01 00:06:00', 'UTC'), 1, 234.5,"
                        + " -0.00015, 0.99985, 1, 6, NULL, " + version + ")");
                sql.execute("INSERT INTO queries.alerts (alert_id, rule, symbol, stream, severity, state, value, threshold,"
                        + " event_time, event_time_ms, emitted_at, message, version) VALUES ('a1', 'ts_backwards', 'BTCUSD',"
                        + " 'trades', 'warning', 'FIRING', 2000, 1000, toDateTime('2015-05-01 00:05:00', 'UTC'),"
                        + " 1430438700000, now(), 'ts went back', " + version + ")");
                sql.execute("INSERT INTO queries.alert_deliveries (alert_id, receiver, rule, symbol, stream, state,"
                        + " event_time, delivery, attempts, reason, updated_at, version) VALUES ('a1', 'webhook ops',"
                        + " 'ts_backwards', 'BTCUSD', 'trades', 'FIRING', toDateTime('2015-05-01 00:05:00', 'UTC'), '"
                        + (version == 1 ? "retrying" : "given_up") + "', " + version + ", 'HTTP 503', now(), " + version + ")");
            }
            for (int version : new int[] {1, 2}) {
                sql.execute("INSERT INTO queries.execution_model (symbol, side, period, window_start, window_end, lookback_ms,"
                        + " bucket_ms, n, m, p_m, alpha, depth_multiples, fill_probability, fit_error, impact_buckets, impact_a,"
                        + " impact_b, q_star, g_star, tick_groups, tick_fractions, version) VALUES ('BTCUSD', 'B', '5m',"
                        + " toDateTime('2015-05-01 00:05:00', 'UTC'), toDateTime('2015-05-01 00:10:00', 'UTC'), 3600000, 1000,"
                        + " 120, 0.8, 0.3, 1.7, [0.5, 1, 2], [0.9, 0.3, NULL], 0.01, 40, 0.002, 0.5, 1.2, 0.0004, 100,"
                        + " [0.7, 0.2, 0.1, 0, NULL], " + version + ")");
            }
            for (int version : new int[] {1, 2}) {
                sql.execute("INSERT INTO queries.anomaly_follow_ups (alert_id, minutes, rule, symbol, alert_time, close_then,"
                        + " close_now, move_pct, version) VALUES ('a2', 5, 'anomaly_vol', 'BTCUSD', toDateTime('2015-05-01"
                        + " 00:05:00', 'UTC'), 234.5, 235.0, 0.2132, " + version + ")");
            }
            sql.execute("INSERT INTO queries.alert_deliveries (alert_id, receiver, rule, symbol, stream, state, event_time,"
                    + " delivery, attempts, reason, updated_at, version) VALUES ('a1', 'telegram', 'ts_backwards', 'BTCUSD',"
                    + " 'trades', 'FIRING', toDateTime('2015-05-01 00:05:00', 'UTC'), 'delivered', 1, '', now(), 3)");
            List<String> files;
            try (var list = Files.list(ClickHouseTestServer.sqlDirectory().resolve("queries"))) {
                files = list.map(Path::toString).filter(n -> n.endsWith(".sql")).sorted().collect(Collectors.toList());
            }
            assertThat(files).hasSizeGreaterThanOrEqualTo(4);
            for (String file : files) {
                List<String> statements = new ClickHouseMigrations.Migration(file, false,
                        Files.readString(Path.of(file))).statements("queries");
                assertThat(statements).as(file).hasSize(1);
                String rows = sql.query(statements.get(0) + " FORMAT JSONEachRow");
                assertThat(rows.trim().split("\n")).as(file + ": one row each (the candle written twice counts once)")
                        .hasSize(1);
                if (file.endsWith("alerts_not_delivered.sql")) {
                    assertThat(rows).contains("\"delivery\":\"given_up\"").contains("\"receiver\":\"webhook ops\"");
                }
                if (file.endsWith("candles_final.sql")) {
                    assertThat(rows).contains("\"pr_close\":234.2").contains("\"version\":\"2\"");
                }
            }
        }
    }

    private static Map<String, String> checksums(ClickHouseMigrations m) {
        return m.regular().stream().collect(Collectors.toMap(x -> x.name, x -> x.checksum));
    }

    private static Path copy(Path from, Path to) throws IOException {
        for (String folder : List.of("migrations", "opt-in")) {
            Files.createDirectories(to.resolve(folder));
            try (var files = Files.list(from.resolve(folder))) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.copy(f, to.resolve(folder).resolve(f.getFileName()));
                }
            }
        }
        return to;
    }
}
