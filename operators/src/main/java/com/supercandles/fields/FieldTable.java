package com.supercandles.fields;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A record kind's fields in the order of its JSON object, each with how it is written, and how its
 * ClickHouse rows are versioned. The one schema of a record: {@link #toJson} writes it, the sinks'
 * row encoder writes its columns, tests read its names.
 */
public final class FieldTable<T> {

    /** How a table's {@code version} column (ReplacingMergeTree's) is filled. */
    public enum Versioning {
        /** No version column (an append-only table). */
        NONE,
        /** The sink's version: the time of the write. */
        SINK,
        /** A field of the record ({@link #versionOf}). */
        RECORD
    }

    private final List<RecordField<T>> fields;
    private final List<RecordField<T>> jsonFields;
    private final Versioning versioning;
    private final RecordField.Whole<T> version;
    private final int jsonLength;

    private FieldTable(Builder<T> b) {
        this.fields = Collections.unmodifiableList(new ArrayList<>(b.fields));
        List<RecordField<T>> json = new ArrayList<>();
        for (RecordField<T> f : fields) {
            if (f.inJson()) {
                json.add(f);
            }
        }
        this.jsonFields = Collections.unmodifiableList(json);
        this.versioning = b.versioning;
        this.version = b.version;
        this.jsonLength = b.jsonLength;
    }

    /** A table of {@code expectedJsonLength} characters a record or so (the JSON buffer's first size). */
    public static <T> Builder<T> builder(int expectedJsonLength) {
        return new Builder<>(expectedJsonLength);
    }

    /** Every field: the JSON ones in their order, table-only ones where the table has them. */
    public List<RecordField<T>> fields() {
        return fields;
    }

    public Versioning versioning() {
        return versioning;
    }

    /** The version of a {@link Versioning#RECORD} table's row. */
    public long versionOf(T r) {
        return version.applyAsLong(r);
    }

    /** One record as one JSON object: its fields in order, doubles at full precision, NaN as null. */
    public String toJson(T r) {
        return JsonText.write(jsonLength, g -> write(g, r));
    }

    private void write(JsonGenerator g, T r) throws IOException {
        g.writeStartObject();
        for (RecordField<T> f : jsonFields) {
            g.writeFieldName(f.name());
            switch (f.kind()) {
                case TEXT:
                    g.writeString(f.text(r));
                    break;
                case TIME:
                case COUNT:
                case SMALL:
                    g.writeNumber(f.whole(r));
                    break;
                case FLAG:
                    g.writeBoolean(f.flag(r));
                    break;
                case REAL:
                    JsonText.writeReal(g, f.real(r));
                    break;
                case REALS:
                    g.writeStartArray();
                    for (double v : f.reals(r)) {
                        JsonText.writeReal(g, v);
                    }
                    g.writeEndArray();
                    break;
                default:
                    throw new IllegalStateException(f.kind().toString());
            }
        }
        g.writeEndObject();
    }

    /** The fields in order; each method adds one. */
    public static final class Builder<T> {
        private final List<RecordField<T>> fields = new ArrayList<>();
        private final int jsonLength;
        private Versioning versioning = Versioning.SINK;
        private RecordField.Whole<T> version;

        private Builder(int jsonLength) {
            this.jsonLength = jsonLength;
        }

        private Builder<T> add(String name, FieldKind kind, boolean nullable, RecordField.Text<T> text,
                               RecordField.Whole<T> whole, RecordField.Real<T> real, RecordField.Flag<T> flag,
                               RecordField.Reals<T> reals) {
            for (RecordField<T> f : fields) {
                if (f.name().equals(name)) {
                    throw new IllegalArgumentException("field " + name + " twice");
                }
            }
            fields.add(new RecordField<>(name, kind, nullable, RecordField.Where.BOTH, text, whole, real, flag, reals));
            return this;
        }

        public Builder<T> text(String name, RecordField.Text<T> get) {
            return add(name, FieldKind.TEXT, false, get, null, null, null, null);
        }

        /** A string that may be null (JSON null, a {@code Nullable(String)} column). */
        public Builder<T> optionalText(String name, RecordField.Text<T> get) {
            return add(name, FieldKind.TEXT, true, get, null, null, null, null);
        }

        public Builder<T> time(String name, RecordField.Whole<T> epochMillis) {
            return add(name, FieldKind.TIME, false, null, epochMillis, null, null, null);
        }

        public Builder<T> count(String name, RecordField.Whole<T> get) {
            return add(name, FieldKind.COUNT, false, null, get, null, null, null);
        }

        public Builder<T> small(String name, RecordField.Whole<T> get) {
            return add(name, FieldKind.SMALL, false, null, get, null, null, null);
        }

        public Builder<T> flag(String name, RecordField.Flag<T> get) {
            return add(name, FieldKind.FLAG, false, null, null, null, get, null);
        }

        /** A double whose NaN means "no value" (JSON null, a {@code Nullable(Float64)} column). */
        public Builder<T> real(String name, RecordField.Real<T> get) {
            return add(name, FieldKind.REAL, true, null, null, get, null, null);
        }

        /** A double that always has a value (a {@code Float64} column; a NaN still writes JSON null). */
        public Builder<T> definedReal(String name, RecordField.Real<T> get) {
            return add(name, FieldKind.REAL, false, null, null, get, null, null);
        }

        /** Doubles, each NaN for "no value" ({@code Array(Nullable(Float64))}). */
        public Builder<T> reals(String name, RecordField.Reals<T> get) {
            return add(name, FieldKind.REALS, true, null, null, null, null, get);
        }

        /** Doubles that always have values ({@code Array(Float64)}). */
        public Builder<T> definedReals(String name, RecordField.Reals<T> get) {
            return add(name, FieldKind.REALS, false, null, null, null, null, get);
        }

        /** Makes the field added last a column of the table only, not a key of the JSON object. */
        public Builder<T> tableOnly() {
            fields.set(fields.size() - 1, fields.get(fields.size() - 1).tableOnly());
            return this;
        }

        /** The table has no version column. */
        public Builder<T> unversioned() {
            versioning = Versioning.NONE;
            return this;
        }

        /** The table's version column holds this field of the record instead of the sink's version. */
        public Builder<T> versionedBy(RecordField.Whole<T> get) {
            versioning = Versioning.RECORD;
            version = get;
            return this;
        }

        public FieldTable<T> build() {
            return new FieldTable<>(this);
        }
    }
}
