package com.supercandles.fields;

/** How a field's value is represented: in JSON, and in its ClickHouse column. */
public enum FieldKind {
    /** A string: JSON string (null when nullable), {@code String} or {@code Nullable(String)}. */
    TEXT,
    /** Epoch milliseconds: a JSON number, a {@code DateTime} column (whole seconds). */
    TIME,
    /** A whole number: a JSON number, a {@code UInt64} column. */
    COUNT,
    /** A small signed number (a position, a band): a JSON number, an {@code Int8} column (one byte). */
    SMALL,
    /** A yes/no: a JSON boolean, a one-byte column ({@code UInt8} in the migrations) of 0 or 1. */
    FLAG,
    /** A double, NaN for "no value": a JSON number or null, {@code Float64} or {@code Nullable(Float64)}. */
    REAL,
    /** Doubles: a JSON array of numbers or nulls, {@code Array(Float64)} or {@code Array(Nullable(Float64))}. */
    REALS
}
