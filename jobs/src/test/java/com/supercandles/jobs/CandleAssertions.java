package com.supercandles.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Reading the job's JSON Lines output and comparing it with expected candles field by field. */
public final class CandleAssertions {
    static final double RELATIVE_TOLERANCE = 1e-9;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A reader for tests that compare JSON documents. */
    static final ObjectMapper JSON_READER = JSON;

    private CandleAssertions() {}

    /** The candles of one period in a JSONL file, keyed by {@code symbol|window_start}. */
    public static Map<String, JsonNode> readCandles(Path file, String period) throws IOException {
        Map<String, JsonNode> out = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode c = JSON.readTree(line);
            if (c.get("period").asText().equals(period)) {
                String key = c.get("symbol").asText() + "|" + c.get("window_start").asLong();
                if (out.put(key, c) != null) {
                    fail("two candles for " + period + " " + key);
                }
            }
        }
        return out;
    }

    public static List<JsonNode> readLines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    /** Same candles, same keys in the same order, every value equal (doubles to 1e-9 relative). */
    public static void assertSameCandles(Map<String, JsonNode> actual, Map<String, Map<String, Object>> expected) {
        assertThat(actual.keySet()).as("candle windows").containsExactlyElementsOf(expected.keySet());
        for (Map.Entry<String, Map<String, Object>> e : expected.entrySet()) {
            JsonNode candle = actual.get(e.getKey());
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = candle.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            assertThat(names).as("fields of " + e.getKey()).containsExactlyElementsOf(e.getValue().keySet());
            for (Map.Entry<String, Object> f : e.getValue().entrySet()) {
                assertValue(e.getKey() + " " + f.getKey(), candle.get(f.getKey()), f.getValue());
            }
        }
    }

    static void assertValue(String what, JsonNode actual, Object expected) {
        if (expected == null) {
            assertThat(actual.isNull()).as(what + " should be null but is " + actual).isTrue();
        } else if (expected instanceof Boolean) {
            assertThat(actual.isBoolean()).as(what + " is a boolean: " + actual).isTrue();
            assertThat(actual.booleanValue()).as(what).isEqualTo(expected);
        } else if (expected instanceof String) {
            assertThat(actual.asText()).as(what).isEqualTo(expected);
        } else if (expected instanceof Long) {
            assertThat(actual.isIntegralNumber()).as(what + " is an integer: " + actual).isTrue();
            assertThat(actual.asLong()).as(what).isEqualTo(expected);
        } else {
            double e = (Double) expected;
            assertThat(actual.isNumber()).as(what + " should be " + e + " but is " + actual).isTrue();
            double a = actual.asDouble();
            double tolerance = RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(e)) + 1e-12;
            if (Math.abs(a - e) > tolerance) {
                fail(what + ": expected " + e + " but the job wrote " + a);
            }
        }
    }
}
