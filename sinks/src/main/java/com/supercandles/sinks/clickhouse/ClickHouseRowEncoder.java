package com.supercandles.sinks.clickhouse;

import java.io.Serializable;
import java.util.List;

/**
 * Writes elements as rows of one table in ClickHouse's RowBinary format, column by column in the
 * order of {@link #columns()}.
 */
public interface ClickHouseRowEncoder<T> extends Serializable {
    /** The columns written, in order (the insert names them, so the table may have more). */
    List<String> columns();

    /** Writes {@code element}; {@code version} is the row's version for ReplacingMergeTree tables. */
    void write(T element, long version, RowBinaryOutput row);
}
