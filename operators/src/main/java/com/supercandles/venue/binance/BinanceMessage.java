package com.supercandles.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;


/**
 * A message of Binance's combined public stream ({@code {"stream":"...","data":{...}}}) or a raw
 * one: a depth increment ({@code e = depthUpdate}: {@code E,s,U,u,pu,b,a}), a trade ({@code e =
 * trade}: {@code t,p,q,T,m}; {@code e = aggTrade}: {@code a,p,q,T,m}) or something the feed does not
 * use (a subscription answer, another stream).
 */
public sealed interface BinanceMessage {
    ObjectMapper JSON = new ObjectMapper();

    /** A depth increment. */
    record Depth(DepthUpdate update) implements BinanceMessage {}

    /**
     * A trade. {@code buyerIsMaker} true means the buyer's order was resting: the aggressor sold.
     */
    record Trade(String symbol, String tradeId, double price, double qty, boolean buyerIsMaker, long tradeTime)
            implements BinanceMessage {}

    /** A message the feed does not use, with what it was. */
    record Other(String what) implements BinanceMessage {}

    /** A message that cannot be read, with the reason. */
    final class Unreadable extends Exception {
        public Unreadable(String reason) {
            super(reason);
        }
    }

    static BinanceMessage parse(String text) throws Unreadable {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Unreadable("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new Unreadable("not a JSON object");
        }
        JsonNode data = root.has("data") ? root.get("data") : root;
        String type = data.path("e").asText("");
        switch (type) {
            case "depthUpdate":
                return new Depth(new DepthUpdate(text(data, "s"), number(data, "E"), number(data, "U"), number(data, "u"),
                        data.has("pu") ? number(data, "pu") : DepthUpdate.NO_PREVIOUS, levels(data, "b"), levels(data, "a")));
            case "trade":
            case "aggTrade":
                String id = type.equals("trade") ? "t" : "a";
                return new Trade(text(data, "s"), Long.toString(number(data, id)), decimal(data.get("p"), "p"),
                        decimal(data.get("q"), "q"), flag(data, "m"), number(data, "T"));
            default:
                return new Other(root.has("result") ? "subscription answer" : "event type '" + type + "'");
        }
    }

    /** The REST depth snapshot's body. */
    static DepthSnapshot snapshot(String symbol, String body) throws Unreadable {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Unreadable("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.has("lastUpdateId")) {
            throw new Unreadable("no lastUpdateId" + (root != null && root.has("msg") ? ": " + root.get("msg").asText() : ""));
        }
        return new DepthSnapshot(symbol, number(root, "lastUpdateId"), levels(root, "bids"), levels(root, "asks"));
    }

    private static String text(JsonNode n, String field) throws Unreadable {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new Unreadable("field '" + field + "' missing or not a string");
        }
        return v.asText();
    }

    private static long number(JsonNode n, String field) throws Unreadable {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber()) {
            throw new Unreadable("field '" + field + "' missing or not an integer");
        }
        return v.asLong();
    }

    private static boolean flag(JsonNode n, String field) throws Unreadable {
        JsonNode v = n.get(field);
        if (v == null || !v.isBoolean()) {
            throw new Unreadable("field '" + field + "' missing or not true/false");
        }
        return v.asBoolean();
    }

    private static double decimal(JsonNode v, String field) throws Unreadable {
        if (v == null || !v.isTextual()) {
            throw new Unreadable("field '" + field + "' missing or not a decimal string");
        }
        try {
            double d = Double.parseDouble(v.asText());
            if (!Double.isFinite(d) || d < 0) {
                throw new Unreadable("field '" + field + "' is " + v.asText() + ", not a non-negative number");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new Unreadable("field '" + field + "' is '" + v.asText() + "', not a decimal");
        }
    }

    private static double[][] levels(JsonNode n, String field) throws Unreadable {
        JsonNode v = n.get(field);
        if (v == null || !v.isArray()) {
            throw new Unreadable("field '" + field + "' missing or not a list of [price, qty]");
        }
        double[][] out = new double[v.size()][];
        for (int i = 0; i < out.length; i++) {
            JsonNode level = v.get(i);
            if (!level.isArray() || level.size() < 2) {
                throw new Unreadable("field '" + field + "' level " + i + " is not [price, qty]");
            }
            out[i] = new double[] {decimal(level.get(0), field + " price"), decimal(level.get(1), field + " qty")};
        }
        return out;
    }
}
