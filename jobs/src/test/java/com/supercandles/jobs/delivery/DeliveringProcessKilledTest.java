package com.supercandles.jobs.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.supercandles.jobs.config.CheckpointLocator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault test (issue 23, item 5): the process delivering alerts is SIGKILLed while a receiver refuses them
 * (503) and they are being retried. The job runs in a child JVM ({@link DeliveryDrill}: a local Flink,
 * JobManager and TaskManager in one process); the test kills it with SIGKILL once every alert of the
 * market is committed and the webhook has refused each, then starts a new process from the newest
 * retained checkpoint, as the JobManager restarts the job on a new TaskManager after losing one. The
 * webhook comes back only after the new process has retried. A second receiver (a fake Telegram API)
 * is refused too, and comes back just before the kill. Once without ClickHouse, as in the demo (nothing
 * outside the job remembers the deliveries), once with it (the {@code alert_deliveries} table, as the
 * on-call reads it).
 *
 * <p>Why a child JVM and not the standalone cluster ({@code bin/flink-cluster kill-taskmanager}): the kill
 * is the same SIGKILL of the process holding the retries, and the restore is the same restore from the
 * last completed checkpoint, but it needs no Kafka broker (the cluster runs the live job, which reads
 * Kafka), no cluster assembled from Maven artifacts, no REST ports and no 10-s heartbeat timeout: about
 * 40 s on two cores, and nothing else on the machine to clash with. A MiniCluster restart in the test's
 * JVM would not do: the old task's threads and the JVM's memory of deliveries would survive it.
 *
 * <p>Expected values come from outside the delivery code: the alerts the market's schedule must raise
 * ({@link GeneratedTrades#expected}), the alerts Flink committed ({@link CommittedLines}), and what the
 * receivers got.
 */
class DeliveringProcessKilledTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int JUMPS = 12;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"without ClickHouse", "with ClickHouse"})
    void aProcessKilledWhileRetryingLosesNoCommittedAlert(String variant, @TempDir Path work) throws Exception {
        Map<String, String> expected = GeneratedTrades.expected(JUMPS);
        try (DeliveryTable table = variant.startsWith("with ") ? DeliveryTable.start(work.resolve("clickhouse")) : null;
             LoopbackReceiver hook = new LoopbackReceiver().failing();
             LoopbackReceiver telegram = new LoopbackReceiver().failing()) {
            List<String> extra = table == null ? List.of() : table.drillArguments();
            Process first = drill(work, "first", hook, telegram, null, extra);
            try {
                boolean ready = await(90, first, work, "first", () -> committed(work).containsAll(expected.keySet())
                        && hook.attempted().containsAll(expected.keySet()) && telegram.attempted().containsAll(expected.keySet()));
                assertThat(ready).as("every alert committed and refused by both receivers within 90 s").isTrue();
                Thread.sleep(2_500); // checkpoints complete with the retries pending
                // Telegram comes back just before the kill: what it gets after the last checkpoint, the new
                // process sends again (a repeat, with the same alert id)
                telegram.up();
                Thread.sleep(700);
            } finally {
                first.destroyForcibly(); // SIGKILL: no close, no drain, nothing written on the way out
                first.waitFor(30, TimeUnit.SECONDS);
            }
            long killedAt = System.currentTimeMillis();
            int refusedBeforeKill = hook.requests().size();
            Set<String> telegramBeforeKill = telegram.delivered();
            Set<String> hookBeforeKill = hook.delivered();

            Path checkpoint = CheckpointLocator.latest(work.resolve("checkpoints").toUri()).orElseThrow();
            // what the on-call's query (sql/queries/alerts_not_delivered.sql) lists while nothing is delivering
            List<String> notDeliveredDuringOutage = table == null ? List.of() : table.notDelivered();
            Process second = drill(work, "second", hook, telegram, checkpoint, extra);
            long secondRetriedAt = -1;
            try {
                // the new process resumes the retries: the webhook refuses a few more, then is back
                if (await(30, second, work, "second", () -> hook.requests().stream().anyMatch(r -> r.atMillis > killedAt))) {
                    secondRetriedAt = System.currentTimeMillis();
                }
                Thread.sleep(2_000);
                hook.up();
                await(60, second, work, "second", () -> hook.delivered().containsAll(expected.keySet())
                        && telegram.delivered().containsAll(expected.keySet()));
                Thread.sleep(3_000); // anything more (a repeat) would arrive now
            } finally {
                second.destroyForcibly();
                second.waitFor(30, TimeUnit.SECONDS);
            }

            Set<String> committed = committed(work);
            List<String> outcomes = Files.exists(work.resolve("outcomes.log"))
                    ? Files.readAllLines(work.resolve("outcomes.log"), StandardCharsets.UTF_8) : List.of();
            long resumed = outcomes.stream().filter(l -> l.startsWith("second resumed ")).count();
            long deliveredAfterRestore = outcomes.stream().filter(l -> l.startsWith("second delivered ") && l.endsWith(" true"))
                    .count();
            String restoreLine = Files.readAllLines(work.resolve("second.out"), StandardCharsets.UTF_8).stream()
                    .filter(l -> l.contains("restored from checkpoint")).findFirst().orElse("(no restore line)");
            System.out.printf(Locale.ROOT, "process killed: %d alerts committed (schedule: %d); webhook refused %d requests"
                            + " before the kill (delivered %d), Telegram had %d; SIGKILL, restore from %s; the new process"
                            + " resumed %d deliveries, retried from %s after the kill%n",
                    committed.size(), expected.size(), refusedBeforeKill, hookBeforeKill.size(), telegramBeforeKill.size(),
                    work.relativize(checkpoint), resumed,
                    secondRetriedAt < 0 ? "(never)" : String.format(Locale.ROOT, "%.1f s", (secondRetriedAt - killedAt) / 1e3));
            for (LoopbackReceiver r : List.of(hook, telegram)) {
                Set<String> missing = new TreeSet<>(committed);
                missing.removeAll(r.delivered());
                System.out.printf(Locale.ROOT, "process killed: %s: %d of %d committed alerts delivered, %d undelivered,"
                                + " %d repeats (same alert_id twice)%n", r == hook ? "webhook" : "telegram",
                        committed.size() - missing.size(), committed.size(), missing.size(), r.repeats());
            }
            System.out.printf(Locale.ROOT, "process killed: deliveries after the restore that may repeat one of the lost"
                    + " process (alertsDeliveredAfterRestore): %d%n", deliveredAfterRestore);
            System.out.println("process killed: " + restoreLine.replaceFirst("^.*?restored", "restored"));
            List<String> states = table == null ? List.of() : table.latestStates();
            List<String> notDeliveredAfter = table == null ? List.of() : table.notDelivered();
            if (table != null) {
                System.out.printf(Locale.ROOT, "process killed: ClickHouse alert_deliveries: alerts_not_delivered listed %d"
                                + " (%s) after the kill, %d after recovery; latest states %s%n", notDeliveredDuringOutage.size(),
                        count(notDeliveredDuringOutage), notDeliveredAfter.size(), count(states));
            }

            assertThat(committed).as("the alerts Flink committed: the schedule's").isEqualTo(expected.keySet());
            assertThat(hookBeforeKill).as("the webhook refused everything before the kill").isEmpty();
            assertThat(hook.delivered()).as("committed alerts at the webhook after the kill and restore").isEqualTo(committed);
            assertThat(telegram.delivered()).as("committed alerts at Telegram").isEqualTo(committed);
            assertThat(secondRetriedAt).as("the new process retried what the killed one had pending").isPositive();
            // every repeat a receiver saw is one the sink counted as possibly repeated
            assertThat((long) hook.repeats() + telegram.repeats()).isLessThanOrEqualTo(deliveredAfterRestore);
            for (LoopbackReceiver.Request r : hook.requests()) {
                assertThat(r.body.path("alert_id").asText()).as("the payload's alert_id field").isEqualTo(r.alertId);
            }
            if (table != null) {
                // the table the on-call reads: what was pending after the kill, nothing after recovery
                assertThat(notDeliveredDuringOutage).as("not delivered at the kill").hasSizeGreaterThanOrEqualTo(committed.size());
                assertThat(notDeliveredAfter).as("not delivered after recovery").isEmpty();
                Set<String> rows = new TreeSet<>();
                for (String state : states) {
                    String[] f = state.split(" ");
                    if (f[2].equals("delivered")) {
                        rows.add(f[0] + " " + f[1]);
                    }
                }
                Set<String> wanted = new TreeSet<>();
                for (String id : committed) {
                    wanted.add("desk " + id);
                    wanted.add("telegram " + id);
                }
                assertThat(rows).as("a delivered row per committed alert and receiver").isEqualTo(wanted);
            }
        }
    }

    /** "delivery (reason)" of each line, counted. */
    private static Map<String, Long> count(List<String> states) {
        Map<String, Long> n = new java.util.TreeMap<>();
        for (String s : states) {
            String[] f = s.split(" ", 4);
            n.merge(f[0] + " " + f[2] + (f.length > 3 && !f[3].isEmpty() ? " (" + f[3] + ")" : ""), 1L, Long::sum);
        }
        return n;
    }

    private static Set<String> committed(Path work) {
        Set<String> ids = new TreeSet<>();
        try {
            for (String line : CommittedLines.read(work.resolve("alerts"))) {
                ids.add(JSON.readTree(line).get("alert_id").asText());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return ids;
    }

    /** Starts {@link DeliveryDrill} in a JVM of its own, its output in {@code WORK/RUN.out}. */
    private static Process drill(Path work, String run, LoopbackReceiver hook, LoopbackReceiver telegram, Path restore,
                                 List<String> extra) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx768m");
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports")) {
                cmd.add(arg);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        cmd.add(DeliveryDrill.class.getName());
        cmd.add("work=" + work);
        cmd.add("run=" + run);
        cmd.add("webhook=" + hook.url("/hooks/desk"));
        cmd.add("telegram=" + telegram.url(""));
        cmd.add("jumps=" + JUMPS);
        if (restore != null) {
            cmd.add("restore=" + restore);
        }
        cmd.addAll(extra);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(work.resolve(run + ".out").toFile()).start();
    }

    /**
     * Waits up to {@code seconds} for {@code done}; false when time ran out. Fails with the process's output
     * if it ended.
     */
    private static boolean await(int seconds, Process process, Path work, String run, BooleanSupplier done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean()) {
            if (!process.isAlive()) {
                String out = Files.readString(work.resolve(run + ".out"));
                throw new AssertionError("the " + run + " process ended; its output:\n"
                        + out.substring(Math.max(0, out.length() - 4000)));
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }
}
