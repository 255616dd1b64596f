package com.supercandles.candle;

import com.supercandles.event.JsonText;

/**
 * One candle as one JSON object: keys exactly the contract's field names, doubles at full precision
 * (the shortest text that reads back to the same double), no-data values as JSON null.
 */
public final class SuperCandleJson {
    private SuperCandleJson() {}

    public static String toJson(SuperCandle candle) {
        return JsonText.write(2048, g -> {
            g.writeStartObject();
            for (SuperCandleFields.Field f : SuperCandleFields.ALL) {
                g.writeFieldName(f.name());
                switch (f.kind()) {
                    case TEXT:
                        g.writeString(f.text(candle));
                        break;
                    case INTEGER:
                        g.writeNumber(f.integer(candle));
                        break;
                    default:
                        JsonText.writeReal(g, f.real(candle));
                }
            }
            g.writeEndObject();
        });
    }
}
