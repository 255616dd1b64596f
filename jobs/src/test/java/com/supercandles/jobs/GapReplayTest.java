package com.supercandles.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replay with a {@code gaps.jsonl} beside the stream files (recorded Bitstamp trades, part of its order
 * log with some orders marked derived): every candle, every field, the provenance fields included, equals
 * {@link ReferenceSuperCandles}, which reads the gaps and the orders' sources on its own; each gap raises
 * one feed_gap alert, and a line that is not a gap is a dead letter that names its line.
 */
class GapReplayTest {

    @Test
    void gapsAndOrderSourcesMarkTheCandlesAsAnIndependentComputationSays(@TempDir Path tmp) throws Exception {
        Path recorded = RecordedDataReplayTest.sharedData().resolve("bitstamp-btcusd-2015-05-01");
        Path in = Files.createDirectory(tmp.resolve("in"));
        Files.createSymbolicLink(in.resolve("trades.jsonl"), recorded.resolve("trades.jsonl"));
        List<String> orders = new ArrayList<>();
        List<String> recordedOrders = Files.readAllLines(recorded.resolve("orders.jsonl"));
        for (int i = 0; i < 4000; i++) {
            String line = recordedOrders.get(i);
            // every 40th order as a feed derives it; whole minutes stay pure venue log
            orders.add(i % 40 == 0 && i < 2000 ? line.substring(0, line.lastIndexOf('}')) + ",\"source\":\"derived\"}" : line);
        }
        Files.write(in.resolve("orders.jsonl"), orders);
        List<Long> ts = new ArrayList<>();
        for (String line : Files.readAllLines(recorded.resolve("trades.jsonl"))) {
            ts.add(CandleAssertions.JSON_READER.readTree(line).get("ts").asLong());
        }
        Files.write(in.resolve("gaps.jsonl"), List.of(
                gap("BTCUSD", ts.get(10), ts.get(40), "sequence_break"),
                gap("BTCUSD", null, ts.get(100), "disconnect"),
                gap("BTCUSD", ts.get(200), null, "stopped"),
                "{\"type\":\"feed_gap\",\"symbol\":\"BTCUSD\",\"from\":\"soon\",\"to\":1}",
                gap("ETHUSD", 0L, Long.MAX_VALUE / 2, "disconnect")));

        Path out = tmp.resolve("candles.jsonl");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int exit = SuperCandlesCli.run(new String[] {"replay", "--input", in.toString(), "--period", "1m,5m,1h",
                        "--out", out.toString()}, new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        assertThat(exit).as(stderr.toString(StandardCharsets.UTF_8)).isZero();

        Set<Object> gapValues = new HashSet<>();
        Set<Object> sources = new HashSet<>();
        for (String[] period : new String[][] {{"1m", "60000"}, {"5m", "300000"}, {"1h", "3600000"}}) {
            Map<String, Map<String, Object>> expected = ReferenceSuperCandles.compute(in, Long.parseLong(period[1]),
                    period[0], 1.0, 1_000_000);
            CandleAssertions.assertSameCandles(CandleAssertions.readCandles(out, period[0]), expected);
            for (Map<String, Object> c : expected.values()) {
                gapValues.add(c.get("gap"));
                sources.add(c.get("orders_source"));
            }
        }
        assertThat(gapValues).as("some candles in a gap, some not").containsExactlyInAnyOrder(true, false);
        assertThat(sources).as("derived, log and none").containsExactlyInAnyOrder("derived", "log", null);
        assertLongerPeriodsCombineShorterOnes(out);

        List<String> reasons = new ArrayList<>();
        for (JsonNode d : CandleAssertions.readLines(tmp.resolve("candles.dead-letters.jsonl"))) {
            if (d.get("stream").asText().equals("gaps")) {
                reasons.add(d.get("reason").asText());
            }
        }
        assertThat(reasons).singleElement().asString().startsWith("gaps.jsonl:4: 'from' must be epoch milliseconds");
        List<JsonNode> gapAlerts = new ArrayList<>();
        for (JsonNode a : CandleAssertions.readLines(tmp.resolve("candles.alerts.jsonl"))) {
            if (a.get("rule").asText().equals("feed_gap")) {
                gapAlerts.add(a);
            }
        }
        assertThat(gapAlerts).hasSize(4);
        assertThat(gapAlerts.stream().map(a -> a.get("alert_id").asText()).distinct()).hasSize(4);
        assertThat(gapAlerts).allMatch(a -> a.get("severity").asText().equals("warning") && a.get("state").asText().equals("FIRING"));
        assertThat(gapAlerts).anyMatch(a -> a.get("value").asLong() == ts.get(40) - ts.get(10)
                && a.get("event_time").asLong() == ts.get(10));
    }

    /** extended.md's rule seen from the outside: a 1h candle's gap is the OR of its 1m candles', derived wins over log. */
    private static void assertLongerPeriodsCombineShorterOnes(Path out) throws Exception {
        Map<String, JsonNode> minutes = CandleAssertions.readCandles(out, "1m");
        for (JsonNode hour : CandleAssertions.readCandles(out, "1h").values()) {
            boolean gap = false;
            String source = null;
            for (JsonNode m : minutes.values()) {
                long start = m.get("window_start").asLong();
                if (start >= hour.get("window_start").asLong() && start < hour.get("window_end").asLong()) {
                    gap |= m.get("gap").booleanValue();
                    String s = m.get("orders_source").isNull() ? null : m.get("orders_source").asText();
                    source = "derived".equals(source) || "derived".equals(s) ? "derived" : source != null ? source : s;
                }
            }
            assertThat(hour.get("gap").booleanValue()).as("gap of " + hour.get("window_start")).isEqualTo(gap);
            assertThat(hour.get("orders_source").isNull() ? null : hour.get("orders_source").asText())
                    .as("orders_source of " + hour.get("window_start")).isEqualTo(source);
        }
    }

    private static String gap(String symbol, Long from, Long to, String reason) {
        return "{\"type\":\"feed_gap\",\"venue\":\"binance\",\"symbol\":\"" + symbol + "\",\"stream\":\"all\",\"from\":"
                + from + ",\"to\":" + to + ",\"reason\":\"" + reason + "\",\"detail\":\"test\",\"detected_at\":1,"
                + "\"resumed_at\":2,\"snapshots\":1,\"dropped\":0}";
    }
}
