package com.supercandles.jobs.commands;

import com.supercandles.jobs.cli.CommandOptions;
import com.supercandles.jobs.config.AlertReceiverKeys;
import com.supercandles.jobs.config.CheckpointLocator;
import com.supercandles.jobs.config.ConfigKey;
import com.supercandles.jobs.config.LiveConfig;
import com.supercandles.jobs.config.WatchdogKeys;
import com.supercandles.jobs.graph.LivePipeline;

import com.supercandles.jobs.cli.UserMessages;
import com.supercandles.jobs.kafka.GapsTopic;
import com.supercandles.jobs.kafka.BrokerCheck;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code bin/supercandles live}: the job against a Kafka cluster, until it is cancelled. */
public final class LiveCommand {
    private LiveCommand() {}

    static CommandOptions options(String command, String summary) {
        CommandOptions o = new CommandOptions(command, summary).checkUnknownWithSettings()
                .option("config", "FILE", "A properties file with any of the keys below (flags override it).", "");
        // No key is a required flag: the file may hold it. LiveConfig checks the merged keys and lists
        // every one missing.
        for (ConfigKey k : LiveConfig.KEYS) {
            o.option(k.name, "VALUE", k.defaultValue == null ? k.help + " Required, as a flag or in --config." : k.help,
                    k.defaultValue == null ? "" : k.defaultValue);
        }
        return o.passThrough(LiveConfig.KAFKA_PREFIX,
                "Passed to every Kafka client without the prefix, e.g. --kafka.security.protocol SASL_SSL; "
                        + "write secrets as ${env:NAME} or ${file:PATH}.")
                .passThrough(WatchdogKeys.PREFIX, WatchdogKeys.HELP)
                .passThrough(AlertReceiverKeys.PREFIX, "Alert receivers: alert.webhook.NAME.url (a secret: ${env:...}),"
                        + " .min-severity, .rules; alert.telegram.token (a secret), .chat-id, .api-url, .min-severity,"
                        + " .rules; alert.delivery.max-attempts, .initial-backoff, .max-backoff, .timeout, .queue.");
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        CommandOptions o = options("live",
                "Runs the SuperCandles job on Kafka: reads the trades, orders and book topics, writes candles and\n"
                        + "dead letters to Kafka exactly once, keeps state in RocksDB with retained incremental\n"
                        + "checkpoints. Locally it runs in an embedded Flink; submitted to a cluster, on the cluster.")
                .option("restore", "latest|latest-if-any|PATH",
                        "Resume from the newest retained checkpoint under checkpoint.dir, or from a given "
                                + "checkpoint/savepoint path, with its Kafka offsets and open windows; "
                                + "latest-if-any starts without state when there is none yet (for a "
                                + "container that is restarted after a crash).", "");
        if (!o.parse(args, out)) {
            return 0;
        }
        LiveConfig config = load(o);
        String restore = restorePath(o.text("restore"), config);
        List<String> created = BrokerCheck.requireTopics(config.kafkaClientProperties(), config.inputTopics(),
                config.outputTopicsInUse(), config.duration(LiveConfig.CHECK_TIMEOUT));
        if (!created.isEmpty()) {
            err.println("note: topics " + created + " do not exist yet: the brokers create them at the first record"
                    + " (auto.create.topics.enable), with the brokers' default partitions and retention");
        }
        out.println("SuperCandles live job, configuration (secrets hidden):");
        out.print(config.describe());
        out.println(restore == null ? "Starting without restored state." : "Restoring from " + restore);
        out.println("Candles go to topic '" + config.get("topic.candles") + "', dead letters to '"
                + config.get("topic.dead-letters") + "' (read them with isolation.level=read_committed)"
                + (config.get("clickhouse.url").isEmpty() ? "." : ", and to ClickHouse."));
        out.flush();
        LivePipeline.job(config, out::println, GapsTopic.exists(config, out::println)).execute(LivePipeline.environment(config, restore), "SuperCandles live");
        return 0;
    }

    /** The configuration from --config and the flags, or a usage error listing every problem. */
    static LiveConfig load(CommandOptions o) throws Exception {
        return load(o, false);
    }

    /** Like {@link #load(CommandOptions)}; {@code clickHouseOnly} checks only the clickhouse.* keys. */
    static LiveConfig load(CommandOptions o, boolean clickHouseOnly) throws Exception {
        Path file = o.text("config").isEmpty() ? null : Paths.get(o.text("config"));
        String unreadable = file == null ? null : UserMessages.unreadableFile(file);
        if (unreadable != null) {
            throw new CommandOptions.UsageException("--config: " + unreadable + "; name the properties file");
        }
        Map<String, String> flags = o.given();
        flags.remove("config");
        flags.remove("restore");
        try {
            return LiveConfig.load(file, flags, System::getenv, clickHouseOnly, o.deferred());
        } catch (IllegalArgumentException e) {
            throw new CommandOptions.UsageException(e.getMessage());
        }
    }

    public static String restorePath(String restore, LiveConfig config) throws IOException, CommandOptions.UsageException {
        if (restore.isEmpty()) {
            return null;
        }
        if (!restore.equals("latest") && !restore.equals("latest-if-any")) {
            return restore;
        }
        Optional<Path> latest = CheckpointLocator.latest(config.checkpointDir());
        if (latest.isEmpty() && restore.equals("latest-if-any")) {
            // the first start of a deployment that always asks for its newest checkpoint
            return null;
        }
        if (latest.isEmpty()) {
            throw new CommandOptions.UsageException("--restore latest: no completed checkpoint under "
                    + config.checkpointDir());
        }
        return latest.get().toUri().toString();
    }
}
