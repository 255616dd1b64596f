package com.supercandles.sinks.clickhouse;

import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;

import java.io.IOException;
import java.time.Duration;

/**
 * Collects rows as RowBinary bytes and hands full, old or checkpoint-time batches to the inserter.
 * Runs in the task's mailbox thread (timers too), so the batch needs no locking.
 */
final class ClickHouseSinkWriter<T> implements SinkWriter<T> {
    private final ClickHouseRowEncoder<T> encoder;
    private final int batchRows;
    private final long flushIntervalMs;
    private final RetryingInserter inserter;
    private final ProcessingTimeService time;
    private final RowBinaryOutput batch = new RowBinaryOutput(1 << 16);
    private int rows;
    private boolean timerPending;

    ClickHouseSinkWriter(ClickHouseRowEncoder<T> encoder, int batchRows, Duration flushInterval,
                         RetryingInserter inserter, ProcessingTimeService time) throws IOException {
        this.encoder = encoder;
        this.batchRows = batchRows;
        this.flushIntervalMs = flushInterval.toMillis();
        this.inserter = inserter;
        this.time = time;
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
        encoder.write(element, time.getCurrentProcessingTime(), batch);
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
        inserter.insert(batch.buffer(), batch.size(), rows);
        batch.reset();
        rows = 0;
    }

    @Override
    public void close() throws Exception {
        inserter.close();
    }
}
