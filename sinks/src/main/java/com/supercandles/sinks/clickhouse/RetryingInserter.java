package com.supercandles.sinks.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Inserts one batch, retrying what can pass with exponential backoff until a deadline. Blocking is
 * the point: while ClickHouse is away the writer holds one batch and the job slows down to wait.
 */
final class RetryingInserter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetryingInserter.class);

    private final ClickHouseConnection connection;
    private final String table;
    private final List<String> columns;
    private final long initialBackoffMs;
    private final long maxBackoffMs;
    private final long retryTimeoutMs;
    private final Client client;
    private final InsertSettings settings = new InsertSettings();
    private final Counter rowsWritten;
    private final Counter inserts;
    private final Counter retries;

    RetryingInserter(ClickHouseConnection connection, String table, List<String> columns, Duration initialBackoff,
                     Duration maxBackoff, Duration retryTimeout, MetricGroup metrics) {
        this.connection = connection;
        this.table = table;
        this.columns = columns;
        this.initialBackoffMs = initialBackoff.toMillis();
        this.maxBackoffMs = maxBackoff.toMillis();
        this.retryTimeoutMs = retryTimeout.toMillis();
        this.client = connection.newClient();
        this.rowsWritten = metrics.counter("clickhouseRowsWritten");
        this.inserts = metrics.counter("clickhouseInserts");
        this.retries = metrics.counter("clickhouseInsertRetries");
    }

    void insert(byte[] data, int length, int rows) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + retryTimeoutMs;
        long backoff = initialBackoffMs;
        String doing = "insert " + rows + " rows into " + table;
        for (int attempt = 1; ; attempt++) {
            try (InsertResponse ignored = client.insert(table, columns, new ByteArrayInputStream(data, 0, length),
                    ClickHouseFormat.RowBinary, settings).get(retryTimeoutMs, TimeUnit.MILLISECONDS)) {
                inserts.inc();
                rowsWritten.inc(rows);
                ClickHouseOutage.succeeded(connection, this, System.currentTimeMillis());
                if (attempt > 1) {
                    LOG.debug("ClickHouse insert into {} succeeded after {} attempts", table, attempt);
                }
                return;
            } catch (InterruptedException e) {
                ClickHouseOutage.abandoned(connection, this);
                throw e;
            } catch (Exception e) {
                ClickHouseFailure failure = ClickHouseFailure.of(e, doing, connection);
                if (!failure.retryable()) {
                    ClickHouseOutage.abandoned(connection, this);
                    throw failure;
                }
                if (System.currentTimeMillis() + backoff > deadline) {
                    ClickHouseOutage.abandoned(connection, this);
                    throw new IOException("gave up after " + attempt + " attempts in "
                            + ClickHouseOutage.words(Duration.ofMillis(retryTimeoutMs)) + " (the retry timeout): "
                            + failure.getMessage(), failure);
                }
                // One line when the outage starts and one when it ends, for all sinks of this process; the
                // attempts in between only at DEBUG (a warning each was pages per outage).
                ClickHouseOutage.failed(connection, this, table, rows, failure, Duration.ofMillis(retryTimeoutMs),
                        System.currentTimeMillis());
                LOG.debug("{}; attempt {} failed, retrying in {} ms", failure.getMessage(), attempt, backoff);
                retries.inc();
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, maxBackoffMs);
            }
        }
    }

    @Override
    public void close() {
        ClickHouseOutage.abandoned(connection, this);
        client.close();
    }
}
