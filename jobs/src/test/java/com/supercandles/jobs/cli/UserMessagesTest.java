package com.supercandles.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Exceptions become sentences: no class names, no parser internals, the file and line where it went wrong. */
class UserMessagesTest {

    @Test
    void fileErrorsSayWhatHappenedToWhichFile() {
        assertThat(UserMessages.of(new NoSuchFileException("/data/x"))).isEqualTo("no such file or directory: /data/x");
        assertThat(UserMessages.of(new AccessDeniedException("/proc/x"))).isEqualTo("permission denied: /proc/x");
        // the JDK's FileSystemException message is the bare path: "supercandles replay: /proc/x" said nothing
        assertThat(UserMessages.of(new FileSystemException("/proc/x", null, "Read-only file system")))
                .isEqualTo("/proc/x: read-only file system");
    }

    @Test
    void theFirstOwnMessageLeadsAndTheRootCauseFollowsWhenItAddsSomething() {
        Exception kafka = new org.apache.flink.util.FlinkRuntimeException("Failed to list subscribed topic partitions due to ",
                new RuntimeException("Failed to get metadata for topics [trades].",
                        new ExecutionException(new IllegalStateException("Timed out waiting for a node assignment."))));
        assertThat(UserMessages.of(kafka))
                .isEqualTo("Failed to get metadata for topics [trades]: Timed out waiting for a node assignment.");
        Exception crafted = new IOException("ClickHouse at http://h:8123 refused user 'sink': check clickhouse.password",
                new RuntimeException("Code: 193, Wrong password for user sink"));
        assertThat(UserMessages.of(crafted)).isEqualTo("ClickHouse at http://h:8123 refused user 'sink': check"
                + " clickhouse.password: Code: 193, Wrong password for user sink");
        Exception wrapped = new IOException("candles.jsonl line 3: not a candle: missing 'symbol'",
                new IllegalArgumentException("missing 'symbol'"));
        assertThat(UserMessages.of(wrapped)).isEqualTo("candles.jsonl line 3: not a candle: missing 'symbol'");
        Exception job = new org.apache.flink.runtime.client.JobExecutionException(null, "Job execution failed.",
                new NoSuchFileException("/data/x"));
        assertThat(UserMessages.of(job)).isEqualTo("no such file or directory: /data/x");
        assertThat(UserMessages.of(new IndexOutOfBoundsException())).doesNotContain("Exception")
                .contains("index out of bounds").contains("--verbose");
        // a failure without words under wrappers with some: the wrappers' words must not hide it
        Exception silentRoot = new org.apache.flink.runtime.JobException("Recovery is suppressed by NoRestartBackoffTimeStrategy",
                new NullPointerException());
        assertThat(UserMessages.of(silentRoot)).isEqualTo("Recovery is suppressed by NoRestartBackoffTimeStrategy:"
                + " an internal error (null pointer); run again with --verbose for the details");
    }

    @Test
    void jacksonMessagesLoseTheirSourceExcerptAndGainTheColumn() {
        assertThatThrownBy(() -> new ObjectMapper().readTree("{\"symbol\": \"X\", oops}"))
                .satisfies(e -> {
                    String m = UserMessages.of(e);
                    assertThat(m).startsWith("column 17: ").doesNotContain("Source").doesNotContain("REDACTED")
                            .doesNotContain("Exception");
                });
    }

    @Test
    void badLinesAreCountedListedAndReported(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("c.jsonl"), "ok\n\nbad 1\nok\n" + "bad\n".repeat(12));
        BadLines bad = new BadLines(false);
        int[] good = {0};
        bad.read(f, Progress.none(), (text, line) -> {
            if (!text.equals("ok")) {
                throw new IllegalArgumentException("not ok at " + line);
            }
            good[0]++;
        });
        assertThat(good[0]).isEqualTo(2);
        assertThat(bad.count()).isEqualTo(13);
        assertThat(bad.linesRead()).isEqualTo(16);
        assertThat(bad.report()).hasSize(1 + 10 + 1);
        assertThat(bad.report().get(1)).isEqualTo("  " + f + " line 3: not ok at 3");
        assertThat(bad.report().get(11)).isEqualTo("  ... and 3 more");

        BadLines strict = new BadLines(true);
        assertThatThrownBy(() -> strict.read(f, Progress.none(), (text, line) -> {
            if (!text.equals("ok")) {
                throw new IllegalArgumentException("not ok");
            }
        })).isInstanceOf(IOException.class).hasMessageStartingWith(f + " line 3: not ok (--strict");
    }

    @Test
    void theConsoleShowsOneLinePerRestartWithItsCause() {
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
        ConsoleLogging.Lines lines = new ConsoleLogging.Lines(now::get);
        String graph = ConsoleLogging.JOB_STATES;
        Exception failure = new IOException("Could not perform checkpoint 2 for operator alerts",
                new RuntimeException("Checkpoint was declined.",
                        new IllegalStateException("Timeout expired after 60000ms while awaiting InitProducerId")));
        assertThat(lines.line(graph, Level.INFO, "alerts: Writer (1/2) (ab_0) switched from RUNNING to FAILED on x @ localhost.",
                failure)).isNull();
        assertThat(lines.line(graph, Level.INFO, "source (1/2) switched from CREATED to SCHEDULED.", null)).isNull();
        assertThat(lines.line(graph, Level.INFO,
                "Job SuperCandles live (010f3aa54f8874f36ef95dea6c2df8c6) switched from state RUNNING to RESTARTING.", null))
                .isEqualTo("the job 'SuperCandles live' failed and restarts (restart 1): Could not perform checkpoint 2"
                        + " for operator alerts: Timeout expired after 60000ms while awaiting InitProducerId"
                        + " (--verbose shows the traces)");
        assertThat(lines.line(graph, Level.INFO,
                "Job SuperCandles live (010f3aa54f8874f36ef95dea6c2df8c6) switched from state RUNNING to RESTARTING.", null))
                .isEqualTo("the job 'SuperCandles live' failed and restarts (restart 2) (--verbose shows the traces)");
        // a source's failover (three 35-line traces per restart) is told by the restart's line alone
        assertThat(lines.line("org.apache.flink.runtime.source.coordinator.SourceCoordinatorContext", Level.ERROR,
                "Exception while handling result from async call in SourceCoordinator-Source: source: trades."
                        + " Triggering job failover.", failure)).isNull();
        // other errors of a library: one line, a repeat at most once a minute; its warnings stay out
        String kafka = "org.apache.kafka.clients.producer.internals.Sender";
        assertThat(lines.line(kafka, Level.ERROR, "Uncaught error in producer", new IOException("fenced")))
                .isEqualTo("error: Uncaught error in producer: fenced (Sender)");
        now.addAndGet(59_000);
        assertThat(lines.line(kafka, Level.ERROR, "Uncaught error in producer", new IOException("fenced"))).isNull();
        now.addAndGet(1_000);
        assertThat(lines.line(kafka, Level.ERROR, "Uncaught error in producer", new IOException("fenced"))).isNotNull();
        assertThat(lines.line(kafka, Level.WARN, "Connection to node -1 could not be established", null)).isNull();
        assertThat(lines.line("com.supercandles.sinks.alert.AlertDelivery", Level.WARN, "webhook ops: giving up",
                new IOException("connection refused"))).isEqualTo("warn: webhook ops: giving up: connection refused");
        assertThat(lines.line("com.supercandles.x", Level.INFO, "fine", null)).isNull();
    }
}
