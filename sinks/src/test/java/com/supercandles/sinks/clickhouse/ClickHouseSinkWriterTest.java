package com.supercandles.sinks.clickhouse;

import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sink's writer against a real ClickHouse 18.16 server: batching, outages, credentials. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClickHouseSinkWriterTest {
    private static final String DB = "writer_test";
    private static LocalClickHouseServer server;

    /** A row of the test table: an id and a text that needs JSON escaping. */
    static final class Row {
        final long id;
        final String text;

        Row(long id, String text) {
            this.id = id;
            this.text = text;
        }
    }

    private static final ClickHouseRowEncoder<Row> ENCODER = new ClickHouseRowEncoder<>() {
        @Override
        public List<String> columns() {
            return List.of("id", "text", "version");
        }

        @Override
        public void write(Row row, long version, RowBinaryOutput out) {
            out.writeUInt64(row.id);
            out.writeString(row.text);
            out.writeUInt64(version);
        }
    };

    @BeforeAll
    static void startServer() throws IOException {
        server = ClickHouseTestServer.start();
        try (ClickHouseSql admin = new ClickHouseSql(ClickHouseTestServer.admin(server, "default"))) {
            admin.execute("CREATE DATABASE " + DB);
        }
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static String table(String name) throws IOException {
        try (ClickHouseSql admin = new ClickHouseSql(ClickHouseTestServer.admin(server, DB))) {
            admin.execute("CREATE TABLE " + DB + "." + name + " (id UInt64, text String, version UInt64)"
                    + " ENGINE = ReplacingMergeTree(version) ORDER BY id");
        }
        return name;
    }

    private static long rows(String table) throws IOException {
        return ClickHouseTestServer.count(server, "SELECT count() FROM " + DB + "." + table);
    }

    private static ClickHouseSinkWriter<Row> writer(ClickHouseConnection connection, String table, int batchRows,
                                                    Duration retryTimeout, ManualTime time) throws IOException {
        RetryingInserter inserter = new RetryingInserter(connection, connection.qualified(table), ENCODER.columns(),
                Duration.ofMillis(100), Duration.ofMillis(400), retryTimeout, new UnregisteredMetricsGroup());
        return new ClickHouseSinkWriter<>(ENCODER, batchRows, Duration.ofSeconds(1), inserter, time);
    }

    @Test
    void rowsGoOutInFullBatchesAfterTheIntervalAndAtCheckpoints() throws Exception {
        String table = table("batches");
        ManualTime time = new ManualTime();
        try (ClickHouseSinkWriter<Row> w = writer(ClickHouseTestServer.writer(server, DB), table, 3,
                Duration.ofSeconds(30), time)) {
            for (int i = 1; i <= 2; i++) {
                w.write(new Row(i, "row " + i), null);
            }
            assertThat(rows(table)).as("below the batch size nothing is sent").isZero();
            w.write(new Row(3, "row 3"), null);
            assertThat(rows(table)).as("a full batch is sent at once").isEqualTo(3);

            w.write(new Row(4, "quote \" backslash \\ newline \n tab \t unicode ü"), null);
            assertThat(rows(table)).isEqualTo(3);
            time.advance(999);
            assertThat(rows(table)).as("not yet a second old").isEqualTo(3);
            time.advance(1);
            assertThat(rows(table)).as("sent once the first row is a second old").isEqualTo(4);

            w.write(new Row(5, "row 5 " + "x".repeat(300)), null);
            w.flush(false);
            assertThat(rows(table)).as("a checkpoint sends what is pending").isEqualTo(5);
        }
        assertThat(ClickHouseTestServer.count(server, "SELECT length(text) FROM " + DB + "." + table + " WHERE id = 5"))
                .as("a string longer than 127 bytes (two-byte length prefix)").isEqualTo(306);
        assertThat(ClickHouseTestServer.count(server, "SELECT count() FROM " + DB + "." + table
                + " WHERE id = 4 AND text = 'quote \" backslash \\\\ newline \\n tab \\t unicode ü'")).isEqualTo(1);
    }

    @Test
    void aServerOutageBlocksTheWriterAndLosesNothing() throws Exception {
        String table = table("outage");
        ManualTime time = new ManualTime();
        try (ClickHouseSinkWriter<Row> w = writer(ClickHouseTestServer.writer(server, DB), table, 10,
                Duration.ofMinutes(2), time)) {
            server.stop();
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 1; i <= 25; i++) {
                        w.write(new Row(i, "row " + i), null);
                    }
                    w.flush(true);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(3000);
            assertThat(writing).as("the writer waits for the server instead of dropping or buffering").isNotDone();
            server.start();
            writing.get(60, TimeUnit.SECONDS);
        } finally {
            server.start();
        }
        assertThat(ClickHouseTestServer.count(server, "SELECT count() FROM " + DB + "." + table + " FINAL")).isEqualTo(25);
        assertThat(ClickHouseTestServer.count(server, "SELECT uniqExact(id) FROM " + DB + "." + table)).isEqualTo(25);
    }

    @Test
    void anOutageLongerThanTheRetryTimeoutFailsWithTheReason() throws Exception {
        String table = table("timeout");
        try (ClickHouseSinkWriter<Row> w = writer(ClickHouseTestServer.writer(server, DB), table, 1,
                Duration.ofSeconds(1), new ManualTime())) {
            server.stop();
            assertThatThrownBy(() -> w.write(new Row(1, "x"), null))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("gave up after")
                    .hasMessageContaining("retry timeout")
                    .hasMessageContaining("insert 1 rows into " + DB + "." + table)
                    .hasMessageContaining(server.httpUrl());
        } finally {
            server.start();
        }
    }

    @Test
    void wrongCredentialsFailAtOnceWithAMessageThatNamesTheUserNotThePassword() throws Exception {
        String table = table("credentials");
        ClickHouseConnection wrong = ClickHouseConnection.builder().url(server.httpUrl()).database(DB)
                .user(ClickHouseTestServer.USER).password("not-the-Pa55word").build();
        long start = System.nanoTime();
        try (ClickHouseSinkWriter<Row> w = writer(wrong, table, 1, Duration.ofMinutes(5), new ManualTime())) {
            assertThatThrownBy(() -> w.write(new Row(1, "x"), null))
                    .isInstanceOf(ClickHouseFailure.class)
                    .hasMessageContaining("refused user 'writer'")
                    .hasMessageContaining("password")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-Pa55word"));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not retried").isLessThan(Duration.ofMinutes(1));
        try (ClickHouseSql sql = new ClickHouseSql(wrong)) {
            assertThatThrownBy(sql::serverVersion).hasMessageContaining("refused user 'writer'");
        }
        assertThat(wrong.toString()).doesNotContain("not-the-Pa55word").contains("******");
    }

    @Test
    void aMissingTableIsNotRetriedAndPointsAtMigrate() throws Exception {
        try (ClickHouseSinkWriter<Row> w = writer(ClickHouseTestServer.writer(server, DB), "no_such_table", 1,
                Duration.ofMinutes(5), new ManualTime())) {
            assertThatThrownBy(() -> w.write(new Row(1, "x"), null))
                    .isInstanceOf(ClickHouseFailure.class)
                    .hasMessageContaining("bin/supercandles migrate");
        }
    }

    @Test
    void connectionSettingsAreCheckedWithMessagesThatSayWhatToFix() {
        assertThatThrownBy(() -> ClickHouseConnection.builder().url("localhost:8123").database("bad-name").user("").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("url must start with http:// or https://")
                .hasMessageContaining("database must be a plain identifier")
                .hasMessageContaining("user is required");
        assertThatThrownBy(() -> ClickHouseConnection.builder().url("http://u:pw@host:8123/db").build())
                .hasMessageContaining("url must be only scheme://host:port")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pw@"));
        assertThatThrownBy(() -> ClickHouseConnection.builder().url("http://host:8123").caCertificate("/no/ca.pem").build())
                .hasMessageContaining("not https://")
                .hasMessageContaining("/no/ca.pem cannot be read");
        assertThatThrownBy(() -> ClickHouseSink.<Row>builder().table("x-y").batchRows(0).build())
                .hasMessageContaining("a connection is required")
                .hasMessageContaining("table must be a plain identifier")
                .hasMessageContaining("a row encoder is required")
                .hasMessageContaining("batch rows must be at least 1");
    }

    /** Processing time that moves only when the test says; due timers run in the caller's thread. */
    static final class ManualTime implements ProcessingTimeService {
        private long now = 1_000_000;
        private final List<long[]> due = new ArrayList<>();
        private final List<ProcessingTimeCallback> callbacks = new ArrayList<>();

        @Override
        public long getCurrentProcessingTime() {
            return now;
        }

        @Override
        public ScheduledFuture<?> registerTimer(long time, ProcessingTimeCallback callback) {
            due.add(new long[] {time});
            callbacks.add(callback);
            return null;
        }

        void advance(long ms) throws Exception {
            now += ms;
            for (int i = 0; i < due.size(); ) {
                if (due.get(i)[0] <= now) {
                    due.remove(i);
                    callbacks.remove(i).onProcessingTime(now);
                } else {
                    i++;
                }
            }
        }
    }
}
