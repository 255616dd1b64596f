package com.supercandles.jobs.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LiveConfigTest {

    private static Map<String, String> minimal(Path tmp) {
        Map<String, String> m = new HashMap<>();
        m.put("bootstrap.servers", "broker-1:9092,broker-2:9093");
        m.put("checkpoint.dir", tmp.resolve("chk").toString());
        return m;
    }

    @Test
    void everyProblemIsReportedWithWhatToFix(@TempDir Path tmp) {
        Map<String, String> m = new HashMap<>();
        m.put("bootstrap.servers", "localhost");
        m.put("topic.candles", "trades");
        m.put("periods", "5q");
        m.put("checkpoint.interval", "2m");
        m.put("transaction.timeout", "1m");
        m.put("startup.offsets", "yesterday");
        m.put("tpoic.book", "x");
        assertThatThrownBy(() -> LiveConfig.load(null, m, name -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing required key 'checkpoint.dir'")
                .hasMessageContaining("bootstrap.servers: 'localhost' is not host:port")
                .hasMessageContaining("topic.candles: topic 'trades' is already used")
                .hasMessageContaining("period '5q' is not valid")
                .hasMessageContaining("transaction.timeout must exceed checkpoint.interval")
                .hasMessageContaining("startup.offsets must be committed, earliest or latest")
                .hasMessageContaining("tpoic.book: unknown key; did you mean topic.book?");
    }

    /**
     * While ClickHouse is away the checkpoints wait for its sinks, and Kafka aborts a transaction older
     * than transaction.timeout, whose output is then lost (measured with the live job: 20 of 366 candles
     * for a 30 s outage with a 15 s transaction timeout and the 10 min retry).
     * The sinks must give up, failing the job, while its transactions can still be committed: 2 checkpoint
     * intervals and 30 s before the transaction timeout.
     */
    @Test
    void theClickHouseRetryMustEndWellBeforeKafkasTransactionTimeout(@TempDir Path tmp) throws Exception {
        Map<String, String> m = minimal(tmp);
        m.put("clickhouse.url", "http://localhost:8123");
        m.put("transaction.timeout", "60s");
        assertThatThrownBy(() -> LiveConfig.load(null, m, name -> null))
                .hasMessageContaining("clickhouse.retry.timeout (10m) must end 2 checkpoint intervals and 30s before"
                        + " transaction.timeout (60s)")
                .hasMessageContaining("lower clickhouse.retry.timeout or raise transaction.timeout");
        m.put("checkpoint.interval", "5s");
        m.put("clickhouse.retry.timeout", "21s"); // 60 - 2 * 5 - 30 = 20
        assertThatThrownBy(() -> LiveConfig.load(null, m, name -> null)).hasMessageContaining("clickhouse.retry.timeout (21s)");
        m.put("clickhouse.retry.timeout", "20s");
        assertThat(LiveConfig.load(null, m, name -> null).get("clickhouse.retry.timeout")).isEqualTo("20s");

        // the defaults fit together (15m - 2 * 10s - 30s leaves 14m10s for the 10m retry)
        Map<String, String> defaults = minimal(tmp);
        defaults.put("clickhouse.url", "http://localhost:8123");
        LiveConfig config = LiveConfig.load(null, defaults, name -> null);
        assertThat(config.get("transaction.timeout")).isEqualTo("15m");
        assertThat(config.get("clickhouse.retry.timeout")).isEqualTo("10m");
        // without ClickHouse nothing is checked: a short transaction timeout is the user's choice
        Map<String, String> noClickHouse = minimal(tmp);
        noClickHouse.put("transaction.timeout", "60s");
        assertThat(LiveConfig.load(null, noClickHouse, name -> null).get("transaction.timeout")).isEqualTo("60s");
    }

    /** The message of loading {@code file} with {@code flags}, which must fail. */
    private static String problemsOf(Path file, Map<String, String> flags) {
        try {
            LiveConfig.load(file, flags, name -> null);
        } catch (IllegalArgumentException | java.io.IOException e) {
            return e.getMessage();
        }
        throw new AssertionError("no problem found");
    }

    /** FILE:LINE of the line that sets {@code key}, found by reading the file as a person would. */
    private static String lineOf(Path file, String key) throws Exception {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(key + "=")) {
                return file + ":" + (i + 1);
            }
        }
        throw new AssertionError(key + " is not in " + file);
    }

    @Test
    void mistakesOfEveryKindComeBackInOneErrorEachWithItsFileLineAndNearMiss(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("live.properties");
        Files.writeString(file, String.join("\n",
                "# desk's live job",
                "bootstrap.server=broker-1:9092",
                "checkpoint.dir=" + tmp.resolve("chk"),
                "signal.strategies=disb,levls,momentum",
                "",
                "alert.webhok.desk.url=https://hooks.example.com/x",
                "watchdog.trade_coridor.threshold=2",
                "watchdog.feed_stale.severity=warn",
                "startup.offsets=latets",
                "periods=1m,7x"));
        String message = problemsOf(file, Map.of());

        List<String> lines = message.lines().toList();
        // the misspelt required key is one problem, its "did you mean", not also a missing key
        assertThat(lines.get(0)).isEqualTo("invalid configuration (8 problems):");
        assertThat(lines.subList(1, lines.size())).containsExactlyInAnyOrder(
                "  - " + lineOf(file, "bootstrap.server") + ": bootstrap.server: unknown key; did you mean bootstrap.servers?",
                "  - " + lineOf(file, "signal.strategies") + ": signal.strategies: unknown strategy 'levls'; did you mean levels?",
                "  - " + lineOf(file, "signal.strategies") + ": signal.strategies: unknown strategy 'momentum'"
                        + " (known: disb, levels, levels_trend, cancels, levels_cancels, none)",
                "  - " + lineOf(file, "alert.webhok.desk.url")
                        + ": alert.webhok.desk.url: unknown key; did you mean alert.webhook.desk.url?",
                "  - " + lineOf(file, "watchdog.trade_coridor.threshold")
                        + ": watchdog.trade_coridor.threshold: unknown rule 'trade_coridor'; did you mean trade_corridor?",
                "  - " + lineOf(file, "watchdog.feed_stale.severity") + ": watchdog.feed_stale.severity must be info,"
                        + " warning or critical, got 'warn'; did you mean warning?",
                "  - " + lineOf(file, "startup.offsets") + ": startup.offsets must be committed, earliest or latest,"
                        + " got 'latets'; did you mean latest?",
                "  - " + lineOf(file, "periods") + ": periods: period '7x' is not valid: write a whole number and a"
                        + " unit s, m, h or d, e.g. 30s, 1m, 5m, 1h, 1d");
    }

    @Test
    void aProblemIsReportedOnceThoughSeveralChecksReadItsKey(@TempDir Path tmp) {
        Map<String, String> m = minimal(tmp);
        m.put("periods", "7x");
        m.put("lot-size", "ten");
        m.put("signal.cancels.k", "x");
        m.put("signal.strategies", "momentum");
        String message = problemsOf(null, m);
        List<String> lines = message.lines().toList();
        assertThat(lines).doesNotHaveDuplicates();
        assertThat(lines.stream().filter(l -> l.contains("'7x'"))).hasSize(1);
        assertThat(lines.stream().filter(l -> l.contains("lot-size"))).hasSize(1);
        assertThat(lines.stream().filter(l -> l.contains("signal.cancels.k"))).hasSize(1);
        // an unknown strategy is the problem; "name at least one strategy" would only repeat it
        assertThat(lines.stream().filter(l -> l.contains("signal.strategies"))).hasSize(1);
        assertThat(lines.get(0)).isEqualTo("invalid configuration (4 problems):");
    }

    @Test
    void theDuplicateCheckRemembersAWholeNumberOfTrades(@TempDir Path tmp) {
        for (String bad : new String[] {"0", "2.5", "70000"}) {
            Map<String, String> m = minimal(tmp);
            m.put("watchdog.duplicate_trade.threshold", bad);
            assertThat(problemsOf(null, m)).contains("watchdog.duplicate_trade.threshold is how many trades per symbol"
                    + " the duplicate check remembers: a whole number from 1 to 65535, got '" + bad + "'");
        }
        Map<String, String> m = minimal(tmp);
        m.put("watchdog.duplicate_trade.threshold", "500");
        m.put("watchdog.big_order.threshold", "2.5"); // other rules' thresholds are any number >= 0
        assertThatCode(() -> LiveConfig.load(null, m, name -> null)).doesNotThrowAnyException();
    }

    @Test
    void aKeyNearAKnownOneGetsItAndOnlyKafkaLookalikesGetTheKafkaHint(@TempDir Path tmp) {
        Map<String, String> m = minimal(tmp);
        m.put("bootstrap.server", "localhost:9092");
        m.put("security.protocol", "SASL_SSL");
        m.put("securty.protocol", "SASL_SSL");
        m.put("kafka.securty.protocol", "SASL_SSL");
        m.put("kafka.my.interceptor.setting", "x"); // a plug-in's own setting: far from Kafka's, passed on
        m.put("frobnication.level", "3");
        m.put("watchdogs.latency.threshold", "1000");
        String message = problemsOf(null, m);

        assertThat(message)
                .contains("bootstrap.server: unknown key; did you mean bootstrap.servers?")
                .contains("security.protocol: unknown key; Kafka client settings start with 'kafka.';"
                        + " did you mean kafka.security.protocol?")
                .contains("securty.protocol: unknown key; Kafka client settings start with 'kafka.';"
                        + " did you mean kafka.security.protocol?")
                .contains("kafka.securty.protocol: not a Kafka client setting; did you mean kafka.security.protocol?")
                .contains("watchdogs.latency.threshold: unknown key; did you mean watchdog.latency.threshold?")
                .doesNotContain("kafka.my.interceptor.setting");
        String far = message.lines().filter(l -> l.contains("frobnication.level")).findFirst().orElseThrow();
        assertThat(far).doesNotContain("did you mean").doesNotContain("kafka.")
                .contains("bin/supercandles live --help").contains("docs/operations.md");
        assertThat(message.lines().filter(l -> l.contains("bootstrap.server:")).findFirst().orElseThrow())
                .doesNotContain("kafka.");
    }

    @Test
    void aValueGivenAsAFlagIsNotBlamedOnTheFileLineItOverrides(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("live.properties");
        Files.writeString(file, "periods=1m\nstartup.offsets=earliest\ngroup.id=desk\nbounded=ture\n");
        Map<String, String> flags = minimal(tmp);
        flags.put("startup.offsets", "yesterday");
        String message = problemsOf(file, flags);
        assertThat(message).contains("invalid configuration (2 problems)")
                .contains("\n  - startup.offsets must be committed, earliest or latest, got 'yesterday'")
                .contains("\n  - " + file + ":4: bounded must be true or false, got 'ture'; did you mean true?");
    }

    @Test
    void receiverMistakesAreListedTogetherAndASecretUrlIsNeverQuoted(@TempDir Path tmp) {
        Map<String, String> m = minimal(tmp);
        m.put("alert.webhook.desk.url", "https://hooks.example.com/desk");
        m.put("alert.webhook.desk.min-severity", "crit");
        m.put("alert.webhook.pager.url", "https://hooks.example.com/services/T0/secret-42 x"); // a space: no URI
        m.put("alert.webhook.ops.ulr", "https://hooks.example.com/ops");
        m.put("alert.webhook.ops.rules", "feed_stale,trade_coridor");
        m.put("alert.telegram.chat-id", "-100");
        m.put("alert.delivery.max-attempts", "0");
        String message = problemsOf(null, m);
        assertThat(message)
                .contains("alert.webhook.desk.min-severity must be info, warning or critical, got 'crit';"
                        + " did you mean critical?")
                .contains("alert.webhook.ops.ulr: unknown key; did you mean alert.webhook.ops.url?")
                .contains("alert.webhook.ops.rules: unknown rule 'trade_coridor'; did you mean trade_corridor?")
                .contains("the bot token is empty")
                .contains("alert.delivery.max-attempts must be a whole number >= 1, got '0'")
                .contains("alert.webhook.pager.url: ")
                .doesNotContain("secret-42")
                // ops is broken by its misspelt key: that its URL is missing would say nothing new
                .doesNotContain("alert.webhook.ops.url is missing");
    }

    @Test
    void secretsComeFromTheEnvironmentOrFilesAndAreNeverPrinted(@TempDir Path tmp) throws Exception {
        Path secretFile = tmp.resolve("truststore-password");
        Files.writeString(secretFile, "file-secret-123\n");
        Path file = tmp.resolve("live.properties");
        Files.writeString(file, String.join("\n",
                "kafka.security.protocol=SASL_SSL",
                "kafka.sasl.mechanism=PLAIN",
                "kafka.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"svc\" password=\"${env:KAFKA_PASSWORD}\";",
                "kafka.ssl.truststore.password=${file:" + secretFile + "}",
                "periods=1m"));
        LiveConfig c = LiveConfig.load(file, minimal(tmp), name -> name.equals("KAFKA_PASSWORD") ? "env-secret-456" : null);

        assertThat(c.kafkaClientProperties().getProperty("sasl.jaas.config")).contains("password=\"env-secret-456\"");
        assertThat(c.kafkaClientProperties().getProperty("ssl.truststore.password")).isEqualTo("file-secret-123");
        assertThat(c.kafkaClientProperties().getProperty("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(c.kafkaClientProperties().getProperty("bootstrap.servers")).isEqualTo("broker-1:9092,broker-2:9093");
        assertThat(c.describe()).doesNotContain("env-secret-456").doesNotContain("file-secret-123")
                .contains("kafka.sasl.jaas.config = ******").contains("kafka.security.protocol = SASL_SSL");
        assertThat(c.toString()).doesNotContain("secret-");
    }

    @Test
    void aMissingSecretIsNamedWithoutItsValue(@TempDir Path tmp) {
        Map<String, String> m = minimal(tmp);
        m.put("kafka.sasl.jaas.config", "password=\"${env:NOPE}\"");
        assertThatThrownBy(() -> LiveConfig.load(null, m, name -> null))
                .hasMessageContaining("kafka.sasl.jaas.config refers to environment variable NOPE, which is not set");
    }

    @Test
    void flagsOverrideTheFile(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("live.properties");
        Files.writeString(file, "periods=1m\ngroup.id=from-file\n");
        Map<String, String> flags = minimal(tmp);
        flags.put("group.id", "from-flag");
        LiveConfig c = LiveConfig.load(file, flags, name -> null);
        assertThat(c.get("group.id")).isEqualTo("from-flag");
        assertThat(c.get("periods")).isEqualTo("1m");
        assertThat(c.checkpointDir().getScheme()).isEqualTo("file");
        // loading makes nothing: a configuration that fails must leave nothing behind (Flink makes it later)
        assertThat(tmp.resolve("chk")).doesNotExist();
    }
}
