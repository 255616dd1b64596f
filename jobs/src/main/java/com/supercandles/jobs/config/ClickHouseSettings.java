package com.supercandles.jobs.config;

import com.supercandles.sinks.clickhouse.ClickHouseConnection;
import com.supercandles.sinks.clickhouse.ClickHouseSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code clickhouse.*} settings, checked: the connection, and the sinks' batch and retry settings.
 * The configuration checks them at load; the ClickHouse output builds its connection and sinks from them.
 */
public final class ClickHouseSettings {
    private ClickHouseSettings() {}

    public static ClickHouseConnection connection(LiveConfig config) {
        ClickHouseConnection.Builder b = ClickHouseConnection.builder()
                .url(config.get("clickhouse.url"))
                .database(config.get("clickhouse.database"))
                .user(config.get("clickhouse.user"))
                .password(config.get("clickhouse.password"))
                .caCertificate(config.get("clickhouse.tls.ca-file"));
        List<String> problems = new ArrayList<>();
        for (String problem : b.problems()) {
            // The builder names its settings (url, database, user): name them as keys of this configuration.
            problems.add(problem.matches("^(url|database|user) .*") ? "clickhouse." + problem : problem);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n  - ", problems));
        }
        return b.build();
    }

    /** Batch and retry settings of the sinks. */
    public static final class SinkSettings {
        final int rows;
        public final Duration interval;
        public final Duration retryTimeout;

        SinkSettings(int rows, Duration interval, Duration retryTimeout) {
            this.rows = rows;
            this.interval = interval;
            this.retryTimeout = retryTimeout;
        }

        public <T> ClickHouseSink.Builder<T> builder() {
            return ClickHouseSink.<T>builder().batchRows(rows).flushInterval(interval).retryTimeout(retryTimeout);
        }
    }

    /** Batch and retry settings, checked. */
    public static SinkSettings sinkSettings(LiveConfig config) {
        int rows;
        try {
            rows = Integer.parseInt(config.get("clickhouse.batch.rows"));
        } catch (NumberFormatException e) {
            rows = 0;
        }
        if (rows < 1) {
            throw new IllegalArgumentException("clickhouse.batch.rows must be a whole number >= 1, got '"
                    + config.get("clickhouse.batch.rows") + "'");
        }
        for (String key : List.of("clickhouse.batch.interval", "clickhouse.retry.timeout")) {
            if (config.duration(key).isZero()) {
                throw new IllegalArgumentException(key + " must be positive");
            }
        }
        return new SinkSettings(rows, config.duration("clickhouse.batch.interval"),
                config.duration("clickhouse.retry.timeout"));
    }
}
