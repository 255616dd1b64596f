package com.supercandles.event;

import com.supercandles.fields.JsonText;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/** Writes a {@link MarketEvent} in the canonical wire format of {@code events.md}. */
public final class EventJson {
    private EventJson() {}

    public static String toJson(MarketEvent e) {
        return JsonText.write(e.type == EventType.BOOK ? 512 : 128, g -> {
            g.writeStartObject();
            g.writeStringField("type", e.type == null ? null : e.type.wireName());
            g.writeStringField("symbol", e.symbol);
            g.writeNumberField("ts", e.ts);
            if (e.type == EventType.BOOK) {
                writeLevels(g, "bids", e.bidPrices, e.bidQtys);
                writeLevels(g, "asks", e.askPrices, e.askQtys);
            } else {
                if (e.type == EventType.TRADE) {
                    g.writeStringField("trade_id", e.id());
                } else {
                    g.writeStringField("order_id", e.id());
                    g.writeStringField("action", e.action == null ? null : e.action.wireName());
                }
                g.writeStringField("side", e.side == null ? null : e.side.name());
                g.writeNumberField("price", e.price);
                g.writeNumberField("qty", e.qty);
                if (e.derived) {
                    g.writeStringField("source", "derived");
                }
            }
            g.writeEndObject();
        });
    }

    private static void writeLevels(JsonGenerator g, String name, double[] prices, double[] qtys) throws IOException {
        g.writeArrayFieldStart(name);
        int n = prices == null ? 0 : prices.length;
        for (int i = 0; i < n; i++) {
            g.writeStartArray();
            g.writeNumber(prices[i]);
            g.writeNumber(qtys[i]);
            g.writeEndArray();
        }
        g.writeEndArray();
    }
}
