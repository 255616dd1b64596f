package com.supercandles.sinks.clickhouse;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;

/**
 * Collects rows as JSONEachRow bytes and hands full, old or checkpoint-time batches to the inserter.
 * Runs in the task's mailbox thread (timers too), so the batch needs no locking.
 */
final class ClickHouseSinkWriter<T> implements SinkWriter<T> {
    private static final JsonFactory JSON = new JsonFactory();

    private final ClickHouseRowEncoder<T> encoder;
    private final int batchRows;
    private final long flushIntervalMs;
    private final RetryingInserter inserter;
    private final ProcessingTimeService time;
    private final Batch batch = new Batch();
    private final JsonGenerator json;
    private int rows;
    private boolean timerPending;

    ClickHouseSinkWriter(ClickHouseRowEncoder<T> encoder, int batchRows, Duration flushInterval,
                         RetryingInserter inserter, ProcessingTimeService time) throws IOException {
        this.encoder = encoder;
        this.batchRows = batchRows;
        this.flushIntervalMs = flushInterval.toMillis();
        this.inserter = inserter;
        this.time = time;
        this.json = JSON.createGenerator(batch, JsonEncoding.UTF8);
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
        encoder.write(element, time.getCurrentProcessingTime(), json);
        json.flush();
        batch.write('\n');
        rows++;
        if (rows >= batchRows) {
            insertBatch();
        } else if (!timerPending) {
            timerPending = true;
            time.registerTimer(time.getCurrentProcessingTime() + flushIntervalMs, t -> {
                timerPending = false;
                insertBatch();
            });
        }
    }

    /** Called at every checkpoint (and at the end of input): the checkpoint waits for the insert. */
    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        insertBatch();
    }

    private void insertBatch() throws IOException, InterruptedException {
        if (rows == 0) {
            return;
        }
        inserter.insert(batch.bytes(), batch.size(), rows);
        batch.reset();
        rows = 0;
    }

    @Override
    public void close() throws Exception {
        json.close();
        inserter.close();
    }

    /** A byte buffer whose array the inserter can read without a copy. */
    private static final class Batch extends ByteArrayOutputStream {
        Batch() {
            super(1 << 16);
        }

        byte[] bytes() {
            return buf;
        }
    }
}
