package com.supercandles.sinks.clickhouse;

import com.supercandles.fields.FieldTable;
import com.supercandles.fields.RecordField;
import com.supercandles.output.OutputKind;
import com.supercandles.sinks.alert.AlertDeliveryFields;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * A table's rows from its record's {@link FieldTable}: every field in its column, then the version
 * column the table's versioning asks for. One encoder for every table, so a record's JSON keys and
 * its columns come from the same declaration.
 */
public final class ClickHouseRows<T> implements ClickHouseRowEncoder<T> {
    private static final long serialVersionUID = 1L;

    /** Where the encoder finds its table in each JVM (field tables are built once, not serialized). */
    public interface TableSource<T> extends Supplier<FieldTable<T>>, Serializable {}

    private final TableSource<T> source;
    private transient FieldTable<T> table;
    private transient List<RecordField<T>> fields;

    private ClickHouseRows(TableSource<T> source) {
        this.source = source;
    }

    /** The rows of an output kind's table. */
    public static <T> ClickHouseRows<T> of(OutputKind<T> kind) {
        return new ClickHouseRows<>(new KindTable<>(kind));
    }

    /** A kind's table, found by the kind (a class: see {@link OutputKind#json()} on method references). */
    private static final class KindTable<T> implements TableSource<T> {
        private static final long serialVersionUID = 1L;
        private final OutputKind<T> kind;

        KindTable(OutputKind<T> kind) {
            this.kind = kind;
        }

        @Override
        public FieldTable<T> get() {
            return kind.fields();
        }
    }

    private static <T> ClickHouseRows<T> of(TableSource<T> table) {
        return new ClickHouseRows<>(table);
    }

    /** The delivery states of the alert receivers (sql/migrations/006_alert_deliveries.sql). */
    public static ClickHouseRows<com.supercandles.sinks.alert.AlertDelivery> alertDeliveries() {
        return of(() -> AlertDeliveryFields.TABLE);
    }

    private FieldTable<T> table() {
        if (table == null) {
            table = source.get();
            fields = table.fields();
        }
        return table;
    }

    @Override
    public List<String> columns() {
        List<String> columns = new ArrayList<>();
        for (RecordField<T> f : table().fields()) {
            columns.add(f.name());
        }
        if (table.versioning() != FieldTable.Versioning.NONE) {
            columns.add("version");
        }
        return Collections.unmodifiableList(columns);
    }

    @Override
    public void write(T r, long version, RowBinaryOutput row) {
        FieldTable<T> t = table();
        for (RecordField<T> f : fields) {
            switch (f.kind()) {
                case TEXT:
                    if (f.nullable()) {
                        row.writeNullableString(f.text(r));
                    } else {
                        row.writeString(f.text(r));
                    }
                    break;
                case TIME:
                    row.writeDateTime(f.whole(r) / 1000);
                    break;
                case COUNT:
                    row.writeUInt64(f.whole(r));
                    break;
                case SMALL:
                    row.writeInt8((int) f.whole(r));
                    break;
                case FLAG:
                    row.writeInt8(f.flag(r) ? 1 : 0);
                    break;
                case REAL:
                    if (f.nullable()) {
                        row.writeNullableFloat64(f.real(r));
                    } else {
                        row.writeFloat64(f.real(r));
                    }
                    break;
                case REALS:
                    if (f.nullable()) {
                        row.writeNullableFloat64Array(f.reals(r));
                    } else {
                        row.writeFloat64Array(f.reals(r));
                    }
                    break;
                default:
                    throw new IllegalStateException(f.kind().toString());
            }
        }
        switch (t.versioning()) {
            case SINK:
                row.writeUInt64(version);
                break;
            case RECORD:
                row.writeUInt64(t.versionOf(r));
                break;
            default:
                break;
        }
    }
}
