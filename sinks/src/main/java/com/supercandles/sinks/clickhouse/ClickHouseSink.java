package com.supercandles.sinks.clickhouse;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Flink sink that inserts rows into a ClickHouse table in batches, at least once, and is meant for
 * tables that make rewrites harmless (ReplacingMergeTree keyed by the row's identity, see sql/).
 *
 * <ul>
 *   <li>A batch goes out when it has {@code batchRows} rows or its first row is {@code flushInterval}
 *       old, and at every checkpoint: a completed checkpoint means its rows are in ClickHouse, so a
 *       restore never loses rows, and only rows after the checkpoint are written again.</li>
 *   <li>A failed insert is retried with exponential backoff while the error can pass (server down,
 *       restarting, overloaded), for at most {@code retryTimeout}; the writer holds its one batch and
 *       blocks meanwhile, so upstream operators are back-pressured instead of buffering without bound.
 *       After the timeout, or at once for errors that waiting cannot fix (credentials, missing table),
 *       the job fails with a message that says what to fix, and restarts from its last checkpoint.</li>
 * </ul>
 */
public final class ClickHouseSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    private final ClickHouseConnection connection;
    private final String table;
    private final ClickHouseRowEncoder<T> encoder;
    private final int batchRows;
    private final Duration flushInterval;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration retryTimeout;

    private ClickHouseSink(Builder<T> b) {
        this.connection = b.connection;
        this.table = b.table;
        this.encoder = b.encoder;
        this.batchRows = b.batchRows;
        this.flushInterval = b.flushInterval;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.retryTimeout = b.retryTimeout;
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        RetryingInserter inserter = new RetryingInserter(connection, connection.qualified(table), encoder.columns(),
                initialBackoff, maxBackoff, retryTimeout, context.metricGroup());
        return new ClickHouseSinkWriter<>(encoder, batchRows, flushInterval, inserter,
                context.getProcessingTimeService());
    }

    @Override
    public String toString() {
        return "ClickHouseSink{" + connection.qualified(table) + " at " + connection + ", " + batchRows + " rows / "
                + flushInterval + "}";
    }

    /** Builder in the style of Flink's connectors; {@link #build()} names every missing or wrong setting. */
    public static final class Builder<T> {
        private ClickHouseConnection connection;
        private String table;
        private ClickHouseRowEncoder<T> encoder;
        private int batchRows = 10_000;
        private Duration flushInterval = Duration.ofSeconds(1);
        private Duration initialBackoff = Duration.ofMillis(500);
        /**
         * While it retries, a writer holds the checkpoint, and with it every Kafka commit of the job (whose
         * transactions the broker aborts after the transaction timeout): once ClickHouse is back, the
         * writer should notice within seconds, not up to half a minute later.
         */
        private Duration maxBackoff = Duration.ofSeconds(5);
        private Duration retryTimeout = Duration.ofMinutes(10);

        public Builder<T> connection(ClickHouseConnection connection) {
            this.connection = connection;
            return this;
        }

        /** The table, without database (the connection's database is used). */
        public Builder<T> table(String table) {
            this.table = table;
            return this;
        }

        public Builder<T> encoder(ClickHouseRowEncoder<T> encoder) {
            this.encoder = encoder;
            return this;
        }

        /** Rows per insert at most (default 10,000); also the most rows a writer holds. */
        public Builder<T> batchRows(int rows) {
            this.batchRows = rows;
            return this;
        }

        /** How long a row may wait for its batch to fill (default 1 s). */
        public Builder<T> flushInterval(Duration interval) {
            this.flushInterval = interval;
            return this;
        }

        /** First wait after a failed insert (default 500 ms); doubles up to {@code max} (default 5 s). */
        public Builder<T> retryBackoff(Duration initial, Duration max) {
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /** How long one batch is retried before the job fails (default 10 min). */
        public Builder<T> retryTimeout(Duration timeout) {
            this.retryTimeout = timeout;
            return this;
        }

        public ClickHouseSink<T> build() {
            List<String> problems = new ArrayList<>();
            if (connection == null) {
                problems.add("a connection is required");
            }
            if (table == null || !table.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                problems.add("table must be a plain identifier, got '" + table + "'");
            }
            if (encoder == null) {
                problems.add("a row encoder is required");
            }
            if (batchRows < 1) {
                problems.add("batch rows must be at least 1, got " + batchRows);
            }
            for (Duration d : new Duration[] {flushInterval, initialBackoff, maxBackoff, retryTimeout}) {
                if (d == null || d.isNegative() || d.isZero()) {
                    problems.add("flush interval, retry backoffs and retry timeout must be positive");
                    break;
                }
            }
            if (problems.isEmpty() && maxBackoff.compareTo(initialBackoff) < 0) {
                problems.add("the maximum retry backoff must not be below the initial one");
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("invalid ClickHouse sink settings:\n  - " + String.join("\n  - ", problems));
            }
            Objects.requireNonNull(connection);
            return new ClickHouseSink<>(this);
        }
    }
}
