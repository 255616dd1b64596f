package com.supercandles.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark on a small market: it runs every way it compares (it fails by itself when they count
 * different trades, puts, cancels, snapshots or traded value), and reports what it promises. Speed is
 * not asserted: this machine's figures are noise at this size.
 */
class BenchmarkTest {
    @Test
    void aSmallRunComparesTheWaysAndReportsEveryFigure(@TempDir Path out) throws Exception {
        BenchmarkPlan plan = new BenchmarkPlan();
        plan.symbols = 40;
        plan.rate = 4_000;
        plan.seconds = 12;
        plan.parallelisms = List.of(1, 2);
        plan.streams = List.of("trades", "all");
        plan.clickhouse = "off";
        plan.latency = false;
        plan.layers = List.of("watchdogs");
        plan.layerStreams = List.of("orders", "all");
        plan.pairs = 2;
        // Wider than the whole market, so that no event can be late whatever the order in which the
        // source readers get their splits under load (see "Start-up" in the README): this test is
        // about the ways agreeing, and every way must still count the same events.
        plan.maxOutOfOrderness = Duration.ofSeconds(30);
        plan.out = out;

        ObjectNode r = new Benchmark(plan, new PrintStream(OutputStream.nullOutputStream())).run();

        JsonNode events = r.path("events");
        long recorded = events.path("trades").path("count").asLong() + events.path("orders").path("count").asLong()
                + events.path("book").path("count").asLong();
        assertThat(recorded).isBetween(40_000L, 48_000L);
        for (String p : List.of("parallelism_1", "parallelism_2")) {
            JsonNode all = r.path("job").path(p).path("all");
            assertThat(all.path("events").asLong()).as(p).isEqualTo(recorded);
            assertThat(r.path("job").path(p).path("trades").path("events").asLong()).as(p)
                    .isEqualTo(events.path("trades").path("count").asLong());
            assertThat(r.path("job").path(p).has("orders")).as("--streams leaves orders out").isFalse();
            assertThat(all.path("repetitions_steady_events_per_cpu_s")).hasSize(3);
            double allThreads = all.path("steady_events_per_cpu_s").asDouble();
            assertThat(allThreads).isPositive();
            // less CPU counted, more events per CPU-second; NaN only when a run is too short to tell
            double withoutJit = all.path("steady_events_per_cpu_s_without_jit").asDouble();
            assertThat(Double.isNaN(withoutJit) || withoutJit >= allThreads).as("%s: %s vs %s", p, withoutJit, allThreads)
                    .isTrue();
        }
        assertThat(r.path("plain_loop").path("all").path("events").asLong()).isEqualTo(recorded);
        // the layers asked for, on the streams asked for, in the pairs asked for
        assertThat(r.path("job_with_watchdogs_orders").path("events").asLong())
                .isEqualTo(events.path("orders").path("count").asLong());
        assertThat(r.path("job_with_watchdogs").path("events").asLong()).isEqualTo(recorded);
        assertThat(r.path("job_with_watchdogs").path("pair_ratios")).hasSize(2);
        assertThat(r.has("job_with_strategies")).as("--layers leaves the strategies out").isFalse();
        assertThat(r.path("job_vs_plain_loop").path("trades").asDouble()).isPositive();
        assertThat(r.path("environment").path("cores").asInt()).isPositive();

        String report = Files.readString(out.resolve("report.md"));
        assertThat(report).contains("## Three ways over the same events", "## Targets", "## Watchdogs (orders)", "Where the CPU of the steady part went",
                "job within 2x of the plain loop per core, trades", "ClickHouse: skipped (--clickhouse off)");
        assertThat(Files.readString(out.resolve("results.json"))).contains("\"steady_events_per_cpu_s_without_jit\"");
    }
}
