package com.supercandles.venue.binance;

/**
 * One message of Binance's diff. depth stream ({@code <symbol>@depth@100ms}): the levels that changed
 * between update ids {@code firstId} ({@code U}) and {@code finalId} ({@code u}), each with its new
 * absolute quantity (0 removes the level). {@code previousFinalId} is the futures' {@code pu} (the
 * previous message's {@code u}); spot messages have none ({@link #NO_PREVIOUS}).
 *
 * @param bids {@code [price, qty]} pairs, in the message's order
 * @param asks {@code [price, qty]} pairs, in the message's order
 */
public record DepthUpdate(String symbol, long eventTime, long firstId, long finalId, long previousFinalId,
                          double[][] bids, double[][] asks) {
    public static final long NO_PREVIOUS = Long.MIN_VALUE;
}
