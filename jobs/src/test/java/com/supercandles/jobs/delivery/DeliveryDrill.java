package com.supercandles.jobs.delivery;

import com.supercandles.output.Outputs;

import com.supercandles.alert.Alert;
import com.supercandles.alert.Severity;
import com.supercandles.candle.Period;
import com.supercandles.event.EventType;
import com.supercandles.jobs.graph.Replay;
import com.supercandles.jobs.graph.SuperCandlesJob;
import com.supercandles.jobs.config.SuperCandlesSettings;
import com.supercandles.sinks.alert.AlertDeliverySink;
import com.supercandles.sinks.alert.AlertReceiver;
import com.supercandles.sinks.alert.DeliveryLog;
import com.supercandles.sinks.alert.DeliveryPolicy;
import com.supercandles.sinks.alert.TelegramReceiver;
import com.supercandles.sinks.alert.WebhookReceiver;
import com.supercandles.sinks.clickhouse.ClickHouseConnection;
import com.supercandles.sinks.clickhouse.ClickHouseDeliveryLog;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The process a fault test kills: the SuperCandles job on {@link GeneratedTrades} in a local Flink (its
 * own JobManager and TaskManager, in this JVM), alerts committed to {@code WORK/alerts} and delivered to a
 * webhook and a Telegram API, checkpoints every second into {@code WORK/checkpoints}, retained. With
 * {@code restore=PATH} it resumes from that checkpoint, as a new TaskManager does after the JobManager
 * noticed the old one's loss. Every delivery outcome is appended to {@code WORK/outcomes.log}
 * ({@code run outcome receiver alert_id attempts after_restore}) and, with {@code clickhouse=URL}, to the
 * {@code alert_deliveries} table of {@code database=NAME} as the live job writes it. Runs until killed.
 *
 * <p>Arguments: {@code work=DIR run=NAME webhook=URL telegram=API_BASE [restore=CHECKPOINT] [jumps=N]
 * [rate=TRADES_PER_S] [clickhouse=URL database=NAME]}.
 */
public final class DeliveryDrill {
    static final String TELEGRAM_TOKEN = "123456:drill-token";
    static final String TELEGRAM_CHAT = "-100777";

    private DeliveryDrill() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        Configurator.setLevel("com.supercandles.sinks.alert", Level.INFO); // the restore's summary line
        Path work = Paths.get(a.get("work"));
        int jumps = Integer.parseInt(a.getOrDefault("jumps", "12"));
        double rate = Double.parseDouble(a.getOrDefault("rate", "1000"));

        Configuration conf = Replay.localConfiguration();
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, work.resolve("checkpoints").toUri().toString());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(1));
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (a.containsKey("restore")) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, a.get("restore"));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);

        // quick retries that never give up within the test: the drill is about what survives the kill
        DeliveryPolicy policy = new DeliveryPolicy();
        policy.initialBackoff = Duration.ofMillis(250);
        policy.maxBackoff = Duration.ofSeconds(2);
        policy.maxAttempts = 1_000;
        List<AlertReceiver> receivers = List.of(
                new WebhookReceiver("desk", a.get("webhook"), Severity.INFO, Set.of(), Duration.ofSeconds(5)),
                new TelegramReceiver(a.get("telegram"), TELEGRAM_TOKEN, TELEGRAM_CHAT, Severity.INFO, Set.of(),
                        Duration.ofSeconds(5)));
        SuperCandlesSettings settings = new SuperCandlesSettings().periods(Period.parseList("10s"))
                .maxOutOfOrderness(Duration.ofSeconds(1));
        SuperCandlesJob.builder().settings(settings)
                .source(EventType.TRADE, GeneratedTrades.source(jumps, rate, settings.maxOutOfOrderness()))
                .sink(Outputs.CANDLES, new CommittedLines<>(work.resolve("candles"), Outputs.CANDLES.json()))
                .sink(Outputs.DEAD_LETTERS, new CommittedLines<>(work.resolve("dead-letters"), Outputs.DEAD_LETTERS.json()))
                .sink(Outputs.ALERTS, new CommittedLines<>(work.resolve("alerts"), Outputs.ALERTS.json()))
                .sink(Outputs.ALERTS, "receivers", new AlertDeliverySink(receivers, policy,
                        outcomes(work.resolve("outcomes.log").toString(), a.get("run"), clickHouse(a))))
                .build().build(env);
        env.execute("alert delivery drill " + a.get("run"));
    }

    private static ClickHouseConnection clickHouse(Map<String, String> a) {
        return a.containsKey("clickhouse")
                ? ClickHouseConnection.builder().url(a.get("clickhouse")).database(a.get("database")).build() : null;
    }

    private static SerializableFunction<MetricGroup, DeliveryLog> outcomes(String file, String run, ClickHouseConnection ch) {
        SerializableFunction<MetricGroup, DeliveryLog> table = ch == null ? null
                : ClickHouseDeliveryLog.factory(ch, Duration.ofMillis(200), Duration.ofSeconds(20));
        return metrics -> new OutcomeFile(Paths.get(file), run, table == null ? null : table.apply(metrics));
    }

    /** Appends every outcome as a line, for the test to read after the process is gone; then to the table, if any. */
    private static final class OutcomeFile implements DeliveryLog, AutoCloseable {
        private final Path file;
        private final String run;
        private final DeliveryLog table;

        OutcomeFile(Path file, String run, DeliveryLog table) {
            this.file = file;
            this.run = run;
            this.table = table;
        }

        @Override
        public Set<String> deliveredBefore() {
            return table == null ? Set.of() : table.deliveredBefore();
        }

        @Override
        public void close() throws Exception {
            if (table instanceof AutoCloseable) {
                ((AutoCloseable) table).close();
            }
        }

        private synchronized void line(String outcome, Alert alert, AlertReceiver receiver, int attempts, boolean restored) {
            try {
                Files.write(file, List.of(run + " " + outcome + " " + receiver.name() + " " + alert.alertId + " "
                                + attempts + " " + restored), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void delivered(Alert alert, AlertReceiver receiver, int attempts) {
            delivered(alert, receiver, attempts, false);
        }

        @Override
        public void delivered(Alert alert, AlertReceiver receiver, int attempts, boolean afterRestore) {
            line("delivered", alert, receiver, attempts, afterRestore);
            if (table != null) {
                table.delivered(alert, receiver, attempts, afterRestore);
            }
        }

        @Override
        public void retrying(Alert alert, AlertReceiver receiver, int attempt, String reason) {
            line("retrying", alert, receiver, attempt, false);
            if (table != null) {
                table.retrying(alert, receiver, attempt, reason);
            }
        }

        @Override
        public void givenUp(Alert alert, AlertReceiver receiver, int attempts, String reason) {
            line("given_up", alert, receiver, attempts, false);
            if (table != null) {
                table.givenUp(alert, receiver, attempts, reason);
            }
        }

        @Override
        public void resumed(Alert alert, AlertReceiver receiver, int attemptsBefore) {
            line("resumed", alert, receiver, attemptsBefore, true);
            if (table != null) {
                table.resumed(alert, receiver, attemptsBefore);
            }
        }
    }
}
