package com.supercandles.sinks.clickhouse;

import com.supercandles.candle.SuperCandle;
import com.supercandles.candle.SuperCandleFields;
import com.supercandles.event.DeadLetter;

import java.util.ArrayList;
import java.util.List;

/** The rows of the SuperCandles tables (sql/migrations), one encoder per table. */
public final class ClickHouseRows {
    public static final String CANDLES_TABLE = "supercandles";
    public static final String DEAD_LETTERS_TABLE = "dead_letters";

    private ClickHouseRows() {}

    /** A candle: every contract field under its name, window bounds as DateTime, plus the version. */
    public static ClickHouseRowEncoder<SuperCandle> candles() {
        return new CandleRows();
    }

    /** A dead letter; rejected_at as DateTime (seconds). */
    public static ClickHouseRowEncoder<DeadLetter> deadLetters() {
        return new DeadLetterRows();
    }

    private static final class CandleRows implements ClickHouseRowEncoder<SuperCandle> {
        private static final long serialVersionUID = 1L;

        @Override
        public List<String> columns() {
            List<String> columns = new ArrayList<>();
            for (SuperCandleFields.Field f : SuperCandleFields.ALL) {
                columns.add(f.name());
            }
            columns.add("version");
            return columns;
        }

        @Override
        public void write(SuperCandle candle, long version, RowBinaryOutput row) {
            for (SuperCandleFields.Field f : SuperCandleFields.ALL) {
                switch (f.kind()) {
                    case TEXT:
                        row.writeString(f.text(candle));
                        break;
                    case INTEGER:
                        if (SuperCandleFields.KEY.contains(f)) {
                            // Window bounds: epoch ms in the contract, whole seconds (periods are >= 1 s) in
                            // the table's DateTime columns.
                            row.writeDateTime(f.integer(candle) / 1000);
                        } else {
                            row.writeUInt64(f.integer(candle));
                        }
                        break;
                    default:
                        if (f.nullable()) {
                            row.writeNullableFloat64(f.real(candle));
                        } else {
                            row.writeFloat64(f.real(candle));
                        }
                }
            }
            row.writeUInt64(version);
        }
    }

    private static final class DeadLetterRows implements ClickHouseRowEncoder<DeadLetter> {
        private static final long serialVersionUID = 1L;

        @Override
        public List<String> columns() {
            return List.of("stream", "kind", "reason", "payload", "rejected_at");
        }

        @Override
        public void write(DeadLetter d, long version, RowBinaryOutput row) {
            row.writeString(d.stream);
            row.writeString(d.kind);
            row.writeString(d.reason);
            row.writeString(d.payload);
            row.writeDateTime(d.rejectedAt / 1000);
        }
    }
}
