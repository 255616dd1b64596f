package com.supercandles.jobs.feed;

import com.supercandles.venue.binance.SyncRule;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The venues {@code feed} reads: their default endpoints, the REST path of the depth snapshot, the
 * trade stream's name and the book's synchronisation rule.
 */
public enum FeedVenue {
    BINANCE("binance", "wss://stream.binance.com:9443", "https://api.binance.com", "/api/v3/depth", "trade", SyncRule.SPOT),
    // USD-M futures document the aggregate trade stream; its "a" is the trade id written
    BINANCE_FUTURES("binance-futures", "wss://fstream.binance.com", "https://fapi.binance.com", "/fapi/v1/depth", "aggTrade",
            SyncRule.FUTURES);

    public final String wireName;
    public final String wsUrl;
    public final String restUrl;
    public final String depthPath;
    public final String tradeStream;
    public final SyncRule rule;

    FeedVenue(String wireName, String wsUrl, String restUrl, String depthPath, String tradeStream, SyncRule rule) {
        this.wireName = wireName;
        this.wsUrl = wsUrl;
        this.restUrl = restUrl;
        this.depthPath = depthPath;
        this.tradeStream = tradeStream;
        this.rule = rule;
    }

    public static FeedVenue of(String name) {
        for (FeedVenue v : values()) {
            if (v.wireName.equals(name)) {
                return v;
            }
        }
        return null;
    }

    public static String names() {
        return java.util.Arrays.stream(values()).map(v -> v.wireName).collect(Collectors.joining(", "));
    }

    /** The combined stream's path: each symbol's trades and 100 ms depth increments (symbols in lower case). */
    public String streamPath(List<String> symbols) {
        return "/stream?streams=" + symbols.stream().map(s -> s.toLowerCase(Locale.ROOT))
                .map(s -> s + "@" + tradeStream + "/" + s + "@depth@100ms").collect(Collectors.joining("/"));
    }

    public String depthQuery(String symbol, int limit) {
        return depthPath + "?symbol=" + symbol + "&limit=" + limit;
    }
}
