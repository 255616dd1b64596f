package com.supercandles.venue.binance;

/**
 * The REST depth snapshot ({@code /api/v3/depth}, {@code /fapi/v1/depth}): the book as of update id
 * {@code lastUpdateId}. Bids best first, asks best first, as the venue sends them.
 */
public record DepthSnapshot(String symbol, long lastUpdateId, double[][] bids, double[][] asks) {}
