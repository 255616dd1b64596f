package com.supercandles.sinks.clickhouse;

import com.fasterxml.jackson.core.JsonGenerator;
import com.supercandles.candle.SuperCandle;
import com.supercandles.candle.SuperCandleFields;
import com.supercandles.event.DeadLetter;
import com.supercandles.event.JsonText;

import java.io.IOException;

/** The rows of the SuperCandles tables (sql/migrations), one encoder per table. */
public final class ClickHouseRows {
    public static final String CANDLES_TABLE = "supercandles";
    public static final String DEAD_LETTERS_TABLE = "dead_letters";

    private ClickHouseRows() {}

    /** A candle: every contract field under its name, window bounds as DateTime, plus the version. */
    public static ClickHouseRowEncoder<SuperCandle> candles() {
        return ClickHouseRows::writeCandle;
    }

    /** A dead letter; rejected_at as DateTime (seconds). */
    public static ClickHouseRowEncoder<DeadLetter> deadLetters() {
        return ClickHouseRows::writeDeadLetter;
    }

    private static void writeCandle(SuperCandle candle, long version, JsonGenerator g) throws IOException {
        g.writeStartObject();
        for (SuperCandleFields.Field f : SuperCandleFields.ALL) {
            g.writeFieldName(f.name());
            switch (f.kind()) {
                case TEXT:
                    g.writeString(f.text(candle));
                    break;
                case INTEGER:
                    // Window bounds are epoch ms in the contract and whole seconds (periods are >= 1 s)
                    // in the table's DateTime columns.
                    g.writeNumber(isTime(f) ? f.integer(candle) / 1000 : f.integer(candle));
                    break;
                default:
                    JsonText.writeReal(g, f.real(candle));
            }
        }
        g.writeNumberField("version", version);
        g.writeEndObject();
    }

    private static boolean isTime(SuperCandleFields.Field f) {
        return f.name().equals("window_start") || f.name().equals("window_end");
    }

    private static void writeDeadLetter(DeadLetter d, long version, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("stream", d.stream);
        g.writeStringField("kind", d.kind);
        g.writeStringField("reason", d.reason);
        g.writeStringField("payload", d.payload);
        g.writeNumberField("rejected_at", d.rejectedAt / 1000);
        g.writeEndObject();
    }
}
