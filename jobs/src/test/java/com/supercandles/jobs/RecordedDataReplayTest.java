package com.supercandles.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replay command on every recorded data set of {@code shared/data}, at 1m, 5m, 1h and 1d, against
 * {@link ReferenceSuperCandles}: every candle, every field. The 1h and 1d candles are the spec's
 * "longer periods": they must equal the candle computed directly over the longer window.
 */
class RecordedDataReplayTest {
    static Path sharedData() {
        return Paths.get(System.getProperty("supercandles.shared.dir", "../../shared"), "data");
    }

    @ParameterizedTest(name = "{0} with depth notional {1}")
    @CsvSource({
        "bitstamp-btcusd-2015-05-01, 10000",
        "bitstamp-btcusd-2013-11-25, 1000000",
        "coinbase-btcusd-2016-05-12, 1000000",
    })
    void replayMatchesAnIndependentComputationOfTheSpec(String dataset, double depthNotional, @TempDir Path tmp)
            throws Exception {
        Path input = sharedData().resolve(dataset);
        Path out = tmp.resolve("candles.jsonl");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("replay", "--input", input.toString(), "--period", "1m,5m,1h,1d",
                "--out", out.toString(), "--depth-notional", Double.toString(depthNotional)));
        int exit = SuperCandlesCli.run(args.toArray(new String[0]), new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        assertThat(exit).as(stderr.toString(StandardCharsets.UTF_8)).isZero();

        String summary = stdout.toString(StandardCharsets.UTF_8);
        List<String> forbidden = ReferenceSuperCandles.forbiddenLines(input);
        assertThat(summary).contains(String.format("rejected:     %,d", forbidden.size())).contains("late:         0");
        List<String> rejectedPayloads = new ArrayList<>();
        for (JsonNode d : CandleAssertions.readLines(tmp.resolve("candles.dead-letters.jsonl"))) {
            assertThat(d.get("kind").asText()).isEqualTo("invalid");
            assertThat(d.get("reason").asText()).contains("must be a finite number > 0");
            rejectedPayloads.add(d.get("payload").asText());
        }
        assertThat(rejectedPayloads).containsExactlyInAnyOrderElementsOf(forbidden);

        long total = 0;
        for (String[] period : new String[][] {{"1m", "60000"}, {"5m", "300000"}, {"1h", "3600000"}, {"1d", "86400000"}}) {
            Map<String, Map<String, Object>> expected = ReferenceSuperCandles.compute(input,
                    Long.parseLong(period[1]), period[0], 1.0, depthNotional);
            Map<String, JsonNode> actual = CandleAssertions.readCandles(out, period[0]);
            assertThat(expected).as("reference candles at " + period[0]).isNotEmpty();
            CandleAssertions.assertSameCandles(actual, expected);
            total += expected.size();
        }
        assertThat(Files.readAllLines(out)).hasSize((int) total);
        assertThat(summary).contains(String.format("candles:      %,d", total));
    }
}
