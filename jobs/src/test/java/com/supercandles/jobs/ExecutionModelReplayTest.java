package com.supercandles.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The execution-model records of a replay of recorded trades against {@link ReferenceExecutionModel}. */
class ExecutionModelReplayTest {

    @ParameterizedTest(name = "{0} at {1} closes, {2} lookback")
    @CsvSource({
        "bitstamp-btcusd-2013-11-25, 5m, 1h, 300000, 3600000",
        "bitstamp-btcusd-2015-05-01, 1m, 1h, 60000, 3600000",
    })
    void modelRecordsMatchAnIndependentComputation(String dataset, String period, String lookback, long periodMs,
                                                   long lookbackMs, @TempDir Path tmp) throws Exception {
        Path input = RecordedDataReplayTest.sharedData().resolve(dataset);
        Path models = tmp.resolve("models.jsonl");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = SuperCandlesCli.run(new String[] {"replay", "--input", input.toString(), "--period", period,
                        "--out", tmp.resolve("c.jsonl").toString(), "--models-out", models.toString(),
                        "--model-lookback", lookback, "--depth-notional", "10000"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();

        Map<String, Map<String, Object>> expected = ReferenceExecutionModel.compute(input, periodMs, period,
                lookbackMs, 1000, 0.01, new double[] {0.5, 1, 2, 3, 5});
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> actual = new TreeMap<>();
        for (String line : Files.readAllLines(models)) {
            JsonNode r = json.readTree(line);
            actual.put(r.get("symbol").asText() + "|" + r.get("side").asText() + "|" + r.get("window_start").asLong(), r);
        }
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        long defined = 0;
        long fitted = 0;
        for (Map.Entry<String, Map<String, Object>> e : expected.entrySet()) {
            JsonNode record = actual.get(e.getKey());
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = record.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            assertThat(names).containsExactlyElementsOf(e.getValue().keySet());
            for (Map.Entry<String, Object> f : e.getValue().entrySet()) {
                String what = e.getKey() + " " + f.getKey();
                if (f.getValue() instanceof List) {
                    List<?> values = (List<?>) f.getValue();
                    assertThat(record.get(f.getKey()).size()).as(what).isEqualTo(values.size());
                    for (int i = 0; i < values.size(); i++) {
                        CandleAssertions.assertValue(what + "[" + i + "]", record.get(f.getKey()).get(i), values.get(i));
                    }
                } else {
                    CandleAssertions.assertValue(what, record.get(f.getKey()), f.getValue());
                }
            }
            defined += e.getValue().get("alpha") != null ? 1 : 0;
            fitted += e.getValue().get("impact_b") != null ? 1 : 0;
        }
        // The comparison must cover real figures, not only nulls.
        assertThat(defined).isGreaterThan(90);
        assertThat(fitted).isGreaterThan(10);
    }
}
