package com.supercandles.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Deterministic alert ids: the first 128 bits of SHA-256 over the rule, the key (symbol and stream),
 * the state and the state change's event time, in hex. A replay or a restore computes the same id for
 * the same state change, so Kafka readers, ClickHouse and receivers can drop repeats.
 */
public final class AlertIds {
    private AlertIds() {}

    public static String of(String rule, String symbol, String stream, String state, long eventTime) {
        String key = rule + '\u0000' + (symbol == null ? "" : symbol) + '\u0000' + (stream == null ? "" : stream)
                + '\u0000' + state + '\u0000' + eventTime;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(32);
            for (int i = 0; i < 16; i++) {
                hex.append(Character.forDigit((digest[i] >> 4) & 0xF, 16)).append(Character.forDigit(digest[i] & 0xF, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
