package com.supercandles.sinks.clickhouse;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.Serializable;

/**
 * Writes one element as one JSONEachRow object: keys are the table's column names, times as epoch
 * seconds (what a DateTime column reads on every ClickHouse version), no-data values as null.
 */
@FunctionalInterface
public interface ClickHouseRowEncoder<T> extends Serializable {
    /** Writes {@code element}; {@code version} is the row's version for ReplacingMergeTree tables. */
    void write(T element, long version, JsonGenerator json) throws IOException;
}
