/**
 * Field tables: a record kind's fields, each named once with how it is written. The JSON writer and
 * the ClickHouse row encoder both follow a {@link com.supercandles.fields.FieldTable}, so a record's
 * JSON keys and its table's columns cannot drift apart. The tables themselves sit beside their records
 * (e.g. {@code SignalFields} in the signal package); {@code com.supercandles.output} registers them.
 */
package com.supercandles.fields;
