package com.supercandles.jobs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
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
                .hasMessageContaining("unknown key 'tpoic.book'");
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
        assertThat(Files.isDirectory(tmp.resolve("chk"))).isTrue();
    }
}
