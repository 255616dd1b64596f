package com.supercandles.jobs.config;

import com.supercandles.jobs.cli.Durations;
import com.supercandles.jobs.cli.NearMiss;
import com.supercandles.jobs.cli.Problems;

import com.supercandles.event.EventType;
import com.supercandles.output.OutputKind;
import com.supercandles.output.Outputs;
import com.supercandles.alert.WatchdogSettings;
import com.supercandles.candle.Period;
import com.supercandles.instrument.InstrumentSpec;
import com.supercandles.instrument.Instruments;
import com.supercandles.model.ExecutionModelSettings;
import com.supercandles.score.ScoreModel;
import com.supercandles.signal.SignalSettings;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live job's configuration: one set of keys, written in a properties file ({@code --config}) or as
 * flags of the same name, validated at start with messages that say what to fix.
 *
 * <p>Keys starting with {@code kafka.} are passed, without the prefix, to every Kafka client (source,
 * sinks, admin): that is where SASL/TLS settings go. A value written {@code ${env:NAME}} or
 * {@code ${file:PATH}} is read from the environment or a file, so secrets need not sit in the file;
 * values of keys that look secret are never printed.
 */
public final class LiveConfig {
    public static final String KAFKA_PREFIX = "kafka.";
    /** How long a command waits for Kafka to answer at start. */
    public static final String CHECK_TIMEOUT = "bootstrap.check-timeout";

    /** The keys of every topic the job reads or writes: the input streams', then each output kind's. */
    /**
     * The feed's gaps topic, written by {@code bin/supercandles feed}: read by the job when {@code topic.gaps}
     * names it (off by default: reading it holds each candle back until its symbol's next one).
     */
    public static final String GAPS_TOPIC_KEY = "topic.gaps";
    public static final String GAPS_TOPIC = "supercandles-feed-gaps";
    public static final List<String> TOPIC_KEYS = topicKeys();


    /** Stands in {@link #KEYS} for the output kinds' topic keys, in the order of {@link Outputs#ALL}. */
    private static final ConfigKey OUTPUT_TOPICS = new ConfigKey("topic.*", null, null);

    public static final List<ConfigKey> KEYS = withSignalKeys(
            new ConfigKey("bootstrap.servers", null, "Kafka brokers, host:port[,host:port...]."),
            new ConfigKey(CHECK_TIMEOUT, "10s", "How long the job waits at start for the brokers to answer (and to list the"
                    + " topics, which must exist) before it stops with a message."),
            new ConfigKey("group.id", "supercandles", "Consumer group of the sources (offsets are also kept in checkpoints)."),
            new ConfigKey("topic.trades", "trades", "Input topic of trades."),
            new ConfigKey("topic.orders", "orders", "Input topic of the order log."),
            new ConfigKey("topic.book", "book", "Input topic of book snapshots."),
            new ConfigKey(GAPS_TOPIC_KEY, "", "Input topic of the live feed's gap records (bin/supercandles feed writes"
                    + " " + GAPS_TOPIC + "): feed_gap alerts and gap=true on the candles they touch. Empty (the default):"
                    + " off. On, the candles wait for their symbol's next candle (at most 2 min of event time) before"
                    + " the candle sinks, so set it only where such a feed writes the input topics."),
            OUTPUT_TOPICS,
            new ConfigKey("score.model", "", "A trained model directory (bin/supercandles train): scores each candle of its"
                    + " period, runs the market-phase guard; empty: no model score."),
            new ConfigKey("model.period", "", "Candle period at whose close the model runs (default: the shortest)."),
            new ConfigKey("model.lookback", "1h", "Rolling lookback of the execution model."),
            new ConfigKey("model.bucket", "1s", "Bucket size of the execution model."),
            new ConfigKey("model.depths", "0.5,1,2,3,5", "Depths at which P is reported, in multiples of m."),
            new ConfigKey("startup.offsets", "committed",
                    "Where sources start without a checkpoint: committed (else earliest), earliest or latest."),
            new ConfigKey("bounded", "false", "true: stop at the offsets that are the latest at start (a backfill)."),
            new ConfigKey("periods", "1m,5m", "Candle periods, comma-separated, 1s to 1d."),
            new ConfigKey("max-out-of-orderness", "5s", "How far behind its partition's newest event an event may arrive."),
            new ConfigKey("idleness", "30s", "A partition without events this long (or, at start, a source subtask "
                    + "without a partition yet) stops holding back the watermark."),
            new ConfigKey("allowed-lateness", "0", "How long a closed window still accepts late events."),
            new ConfigKey("max-future-skew", "1d", "Events stamped further ahead of the clock are rejected."),
            new ConfigKey("lot-size", "1", "Default lot size."),
            new ConfigKey("tick-size", "0.01", "Default tick size."),
            new ConfigKey("depth-notional", "1000000", "Default notional of the *_1mio book metrics."),
            new ConfigKey("instruments", "", "Per-symbol overrides (SYMBOL.lot_size=..., see docs/operations.md)."),
            new ConfigKey("checkpoint.dir", null, "Where checkpoints go: a path or a URI (file://, s3://, hdfs://)."),
            new ConfigKey("checkpoint.interval", "10s", "How often state is checkpointed and Kafka transactions commit."),
            // The broker aborts a transaction older than this, and a checkpoint that completes after that
            // cannot commit its output: it is lost, whether the job fails or not (Flink's Kafka committer drops
            // it with an error line). Whatever stalls checkpoints (an outage of Kafka or ClickHouse, back
            // pressure) must end, or fail the job, well before: the broker's default maximum gives most room.
            new ConfigKey("transaction.timeout", "15m", "Kafka transaction timeout: longer than any stall of the"
                    + " checkpoints (at most the broker's maximum, 15 min by default)."),
            new ConfigKey("transactional.id.prefix", "supercandles",
                    "Prefix of the sinks' transactional ids: unique per job on a Kafka cluster."),
            new ConfigKey("parallelism", "0", "Job parallelism; 0 leaves the cluster's default."),
            new ConfigKey("clickhouse.url", "",
                    "ClickHouse HTTP(S) endpoint, e.g. http://localhost:8123; empty: no ClickHouse output."),
            new ConfigKey("clickhouse.database", "supercandles", "ClickHouse database of the tables (sql/migrations)."),
            new ConfigKey("clickhouse.user", "default", "ClickHouse user."),
            new ConfigKey("clickhouse.password", "", "ClickHouse password: write ${env:NAME} or ${file:PATH}; never printed."),
            new ConfigKey("clickhouse.tls.ca-file", "",
                    "With an https:// url: PEM file of the CA that signed the server's certificate (default: the JVM's)."),
            new ConfigKey("clickhouse.migrate", "false", "true: apply the sql/ migrations at start (else the tables must exist)."),
            new ConfigKey("clickhouse.opt-in", "", "Opt-in migrations to apply too, comma-separated (e.g. dead_letters_ttl)."),
            new ConfigKey("clickhouse.batch.rows", "10000", "Rows per ClickHouse insert at most."),
            new ConfigKey("clickhouse.batch.interval", "1s", "How long a row waits for its batch to fill."),
            new ConfigKey("clickhouse.retry.timeout", "10m",
                    "How long an insert is retried (server down) before the job fails and restarts from a checkpoint."));

    /** The keys, each output kind's topic key where {@link #OUTPUT_TOPICS} stands, then the strategies' keys. */
    private static List<ConfigKey> withSignalKeys(ConfigKey... keys) {
        List<ConfigKey> all = new ArrayList<>();
        for (ConfigKey k : keys) {
            if (k != OUTPUT_TOPICS) {
                all.add(k);
                continue;
            }
            for (OutputKind<?> kind : Outputs.ALL) {
                all.add(new ConfigKey(kind.topicKey(), kind.defaultTopic(), kind.topicHelp()));
            }
        }
        all.addAll(SignalKeys.KEYS);
        return List.copyOf(all);
    }

    private static List<String> topicKeys() {
        List<String> keys = new ArrayList<>();
        for (EventType stream : EventType.values()) {
            keys.add("topic." + stream.streamName());
        }
        keys.add(GAPS_TOPIC_KEY);
        for (OutputKind<?> kind : Outputs.ALL) {
            keys.add(kind.topicKey());
        }
        return List.copyOf(keys);
    }

    private static final List<String> KEY_NAMES = KEYS.stream().map(k -> k.name).toList();
    /** Prefixes of keys that are not in {@link #KEYS}, for a near miss of the prefix itself. */
    private static final List<String> FAMILIES = List.of(KAFKA_PREFIX, WatchdogKeys.PREFIX, AlertReceiverKeys.PREFIX);

    private static final List<String> BOOLEANS = List.of("true", "false");

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]+)}");
    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9._\\-\\[\\]:]+:(\\d{1,5})");
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._\\-]{1,249}");

    private final Map<String, String> values;

    private LiveConfig(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Reads {@code file} (optional), applies {@code overrides} on top, resolves {@code ${env:}} and
     * {@code ${file:}} references and validates everything.
     *
     * @throws IllegalArgumentException with every problem found, one per line
     */
    public static LiveConfig load(Path file, Map<String, String> overrides, Function<String, String> env)
            throws IOException {
        return load(file, overrides, env, false, Problems.ofOptions());
    }

    /**
     * Like {@link #load(Path, Map, Function)}, but checks only the {@code clickhouse.*} keys (the other
     * keys of the same file are read, not required): for {@code migrate}.
     */
    public static LiveConfig loadClickHouseOnly(Path file, Map<String, String> overrides, Function<String, String> env)
            throws IOException {
        return load(file, overrides, env, true, Problems.ofOptions());
    }

    /** @param earlier problems of the command line (unknown options) reported with the configuration's */
    public static LiveConfig load(Path file, Map<String, String> overrides, Function<String, String> env,
                           boolean clickHouseOnly, Problems earlier) throws IOException {
        ConfigFile fromFile = file == null ? ConfigFile.NONE : ConfigFile.read(file);
        Map<String, String> raw = new LinkedHashMap<>();
        for (ConfigKey k : KEYS) {
            if (k.defaultValue != null) {
                raw.put(k.name, k.defaultValue);
            }
        }
        raw.putAll(fromFile.values());
        raw.putAll(overrides);

        // a flag overrides the file: a problem of its value is the flag's, not the file line's
        Problems problems = Problems.ofKeys(key -> overrides.containsKey(key) ? null : fromFile.where(key));
        problems.addAll(earlier);
        Map<String, String> resolved = new LinkedHashMap<>();
        // a required key the user misspelt is reported once, as the misspelling's "did you mean"
        Set<String> suggested = new java.util.HashSet<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String key = e.getKey();
            String unknown = unknownKey(key);
            if (unknown != null) {
                problems.add(key, unknown);
                if (!key.startsWith(KAFKA_PREFIX)) {
                    suggested.addAll(NearMiss.nearestKey(key, KEY_NAMES, FAMILIES));
                }
                continue;
            }
            String value = problems.check(key, () -> resolve(key, e.getValue(), env));
            if (value != null) {
                resolved.put(key, value);
            }
        }
        LiveConfig config = new LiveConfig(resolved);
        if (!clickHouseOnly) {
            config.validate(problems, suggested);
            AlertReceiverKeys.receivers(config.values, problems);
        }
        config.validateClickHouse(problems, clickHouseOnly);
        problems.throwIfAny("invalid configuration");
        return config;
    }

    /**
     * What is wrong with the name {@code key}, or null when it is one of the job's keys or of a family
     * whose names are checked with their values (watchdog.*, alert.*).
     */
    private static String unknownKey(String key) {
        if (key.startsWith(KAFKA_PREFIX)) {
            return KafkaKeys.problemOf(key);
        }
        if (KEY_NAMES.contains(key) || key.startsWith(WatchdogKeys.PREFIX) || key.startsWith(AlertReceiverKeys.PREFIX)) {
            return null;
        }
        List<String> near = NearMiss.nearestKey(key, KEY_NAMES, FAMILIES);
        if (!near.isEmpty()) {
            return "unknown key" + NearMiss.didYouMean(near);
        }
        String kafka = KafkaKeys.hintFor(key);
        return "unknown key" + (kafka != null ? "; " + kafka
                : " (the keys are listed by 'bin/supercandles live --help' and in docs/operations.md, section \"live\")");
    }

    private static String resolve(String key, String value, Function<String, String> env) {
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group(1).equals("env")) {
                replacement = env.apply(m.group(2));
                if (replacement == null) {
                    throw new IllegalArgumentException(key + " refers to environment variable " + m.group(2)
                            + ", which is not set");
                }
            } else {
                try {
                    replacement = Files.readString(Paths.get(m.group(2)), StandardCharsets.UTF_8).trim();
                } catch (IOException e) {
                    throw new IllegalArgumentException(key + " refers to file " + m.group(2) + ", which cannot be read");
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private void validate(Problems problems, Set<String> suggested) {
        for (ConfigKey k : KEYS) {
            if (k.defaultValue == null && get(k.name).isEmpty() && !suggested.contains(k.name)) {
                problems.add("missing required key '" + k.name + "' (" + k.help + ")");
            }
        }
        for (String server : get("bootstrap.servers").split(",")) {
            Matcher m = HOST_PORT.matcher(server.trim());
            if (!get("bootstrap.servers").isEmpty()
                    && (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > 65535)) {
                problems.add("bootstrap.servers", "'" + server.trim() + "' is not host:port");
            }
        }
        List<String> topics = new ArrayList<>();
        for (String t : TOPIC_KEYS) {
            if (t.equals(GAPS_TOPIC_KEY) && get(t).isEmpty()) {
                continue; // optional: off
            }
            if (!TOPIC.matcher(get(t)).matches()) {
                problems.add(t, "'" + get(t) + "' is not a valid topic name");
            } else if (topics.contains(get(t))) {
                problems.add(t, "topic '" + get(t) + "' is already used for another stream");
            }
            topics.add(get(t));
        }
        settings(problems); // every value the job's settings are made of, each read once
        oneOf(problems, "startup.offsets", List.of("committed", "earliest", "latest"));
        oneOf(problems, "bounded", BOOLEANS);
        Duration interval = problems.check("checkpoint.interval", () -> duration("checkpoint.interval"));
        Duration timeout = problems.check("transaction.timeout", () -> duration("transaction.timeout"));
        if (interval != null && interval.isZero()) {
            problems.add("checkpoint.interval", "checkpoint.interval must be positive");
        } else if (interval != null && timeout != null
                && (timeout.compareTo(interval) <= 0 || timeout.compareTo(Duration.ofMinutes(15)) > 0)) {
            problems.add("transaction.timeout", "transaction.timeout must exceed checkpoint.interval and be at most"
                    + " 15m (the broker's default maximum), got " + get("transaction.timeout"));
        } else if (interval != null && timeout != null && !get("clickhouse.url").isEmpty()) {
            retryWithinTransactions(problems, interval, timeout);
        }
        problems.check("checkpoint.dir", this::checkWritableCheckpointDir);
        problems.check(CHECK_TIMEOUT, () -> {
            if (duration(CHECK_TIMEOUT).isZero()) {
                throw new IllegalArgumentException(CHECK_TIMEOUT + " must be positive, e.g. 10s");
            }
            return null;
        });
        problems.check("parallelism", () -> {
            if (parallelism() < 0) {
                throw new IllegalArgumentException("parallelism must be 0 (cluster default) or more");
            }
            return null;
        });
    }

    /**
     * While ClickHouse is away its sinks hold the checkpoint, and the Kafka commits with it (they follow
     * the checkpoint's completion): a transaction opened a checkpoint interval before the outage (or two,
     * where a Kafka committer shares the waiting sink's task) must still be open when the sink gives up
     * and the restarted job commits it from its last checkpoint. A longer retry lets Kafka abort
     * transactions whose checkpoint later completes: their output is lost (measured: 20 of 366 candles
     * for a 30 s outage with a 15 s transaction timeout and the 10 min retry).
     */
    static final Duration RESTART_ALLOWANCE = Duration.ofSeconds(30);

    private void retryWithinTransactions(Problems problems, Duration interval, Duration timeout) {
        Duration retry;
        try {
            retry = duration("clickhouse.retry.timeout");
        } catch (IllegalArgumentException e) {
            return; // reported with the other clickhouse.* settings
        }
        Duration room = timeout.minus(interval.multipliedBy(2)).minus(RESTART_ALLOWANCE);
        if (retry.compareTo(room) > 0) {
            problems.add("clickhouse.retry.timeout", "clickhouse.retry.timeout (" + get("clickhouse.retry.timeout")
                    + ") must end 2 checkpoint intervals and " + RESTART_ALLOWANCE.toSeconds() + "s before"
                    + " transaction.timeout (" + get("transaction.timeout") + "): while ClickHouse is away the"
                    + " checkpoints wait, and Kafka aborts a transaction older than transaction.timeout, losing its"
                    + " output; lower clickhouse.retry.timeout or raise transaction.timeout (at most 15m)");
        }
    }

    private void validateClickHouse(Problems problems, boolean required) {
        if (get("clickhouse.url").isEmpty()) {
            if (required) {
                problems.add("missing required key 'clickhouse.url' (e.g. http://localhost:8123)");
            }
            return;
        }
        problems.check(null, () -> ClickHouseSettings.connection(this));
        problems.check(null, () -> ClickHouseSettings.sinkSettings(this));
        oneOf(problems, "clickhouse.migrate", BOOLEANS);
    }

    private void oneOf(Problems problems, String key, List<String> values) {
        String problem = NearMiss.notOneOf(key, get(key), values);
        if (problem != null) {
            problems.add(key, problem);
        }
    }

    public String get(String key) {
        return values.getOrDefault(key, "");
    }

    public Duration duration(String key) {
        return Durations.parse(get(key), key);
    }

    /** {@code key}'s value as a number > 0, or null with its problem added. */
    private Double positive(String key, Problems problems) {
        try {
            double v = Double.parseDouble(get(key));
            if (Double.isFinite(v) && v > 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(key, key + " must be a number > 0, got '" + get(key) + "'");
        return null;
    }

    private Instruments instruments(Problems problems) {
        Double lot = positive("lot-size", problems);
        Double tick = positive("tick-size", problems);
        Double depth = positive("depth-notional", problems);
        if (lot == null || tick == null || depth == null) {
            return null;
        }
        InstrumentSpec defaults = new InstrumentSpec(lot, tick, depth);
        return get("instruments").isEmpty() ? Instruments.withDefaults(defaults)
                : problems.check("instruments", () -> {
                    String unreadable = com.supercandles.jobs.cli.UserMessages.unreadableFile(Paths.get(get("instruments")));
                    if (unreadable != null) {
                        throw new IllegalArgumentException(unreadable);
                    }
                    return Instruments.load(Paths.get(get("instruments")), defaults);
                });
    }

    /**
     * The job's settings.
     *
     * @throws IllegalArgumentException listing every problem (none after {@link #load}, which checked them)
     */
    public SuperCandlesSettings settings() {
        Problems problems = Problems.ofKeys(key -> null);
        SuperCandlesSettings settings = settings(problems);
        problems.throwIfAny("invalid configuration");
        return settings;
    }

    /** The job's settings, each value read once with every problem added to {@code problems}; null if any. */
    private SuperCandlesSettings settings(Problems problems) {
        int before = problems.count();
        List<Period> periods = problems.check("periods", () -> Period.parseList(get("periods")));
        Period modelPeriod = !get("model.period").isEmpty()
                ? problems.check("model.period", () -> Period.parse(get("model.period")))
                : periods != null ? periods.get(0) : null;
        Duration lookback = problems.check("model.lookback", () -> duration("model.lookback"));
        Duration bucket = problems.check("model.bucket", () -> duration("model.bucket"));
        double[] depths = problems.check("model.depths", () -> ExecutionModelSettings.parseDepths(get("model.depths")));
        ExecutionModelSettings model = modelPeriod == null || lookback == null || bucket == null || depths == null ? null
                : problems.check(null, () -> new ExecutionModelSettings(modelPeriod, lookback, bucket, depths));
        Instruments instruments = instruments(problems);
        Duration outOfOrderness = problems.check("max-out-of-orderness", () -> duration("max-out-of-orderness"));
        Duration idleness = problems.check("idleness", () -> duration("idleness"));
        Duration lateness = problems.check("allowed-lateness", () -> duration("allowed-lateness"));
        Duration futureSkew = problems.check("max-future-skew", () -> duration("max-future-skew"));
        SignalSettings signals = SignalKeys.settings(values, periods, problems);
        WatchdogSettings watchdogs = WatchdogKeys.settings(values, problems);
        ScoreModel scoreModel = periods == null ? null : problems.check("score.model", () -> scoreModel(periods));
        if (problems.count() > before) {
            return null;
        }
        return new SuperCandlesSettings()
                .periods(periods)
                .executionModel(model)
                .instruments(instruments)
                .maxOutOfOrderness(outOfOrderness)
                .idleness(idleness)
                .allowedLateness(lateness)
                .maxFutureSkew(futureSkew)
                .signals(signals)
                .watchdogs(watchdogs)
                .scoreModel(scoreModel);
    }

    private ScoreModel scoreModel(List<Period> periods) throws IOException {
        return get("score.model").isEmpty() ? null
                : com.supercandles.score.ModelDirectory.readFor(Paths.get(get("score.model")), periods, "score.model");
    }

    /** The checkpoint directory as a URI; a plain path is a local directory. */
    public URI checkpointDir() {
        String dir = get("checkpoint.dir");
        return dir.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") ? URI.create(dir) : Paths.get(dir).toAbsolutePath().toUri();
    }

    /**
     * A local checkpoint directory must be one Flink can create or write to; it is not made here, so that a
     * configuration that fails leaves nothing behind (Flink makes it when it writes the first checkpoint).
     */
    private URI checkWritableCheckpointDir() {
        URI uri = checkpointDir();
        if ("file".equals(uri.getScheme())) {
            Path local = Paths.get(uri);
            Path existing = local;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null || !Files.isDirectory(existing)) {
                throw new IllegalArgumentException("checkpoint.dir: cannot create " + local + " ("
                        + (existing == null ? "no such path" : existing + " is a file") + ")");
            }
            if (!Files.isWritable(existing)) {
                throw new IllegalArgumentException("checkpoint.dir: " + existing + " is not writable");
            }
        }
        return uri;
    }

    public int parallelism() {
        try {
            return Integer.parseInt(get("parallelism"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parallelism must be a whole number, got '" + get("parallelism") + "'");
        }
    }

    public boolean bounded() {
        return Boolean.parseBoolean(get("bounded"));
    }

    /** The topics the job reads: they must exist before it starts (a source on a missing topic restarts forever). */
    public List<String> inputTopics() {
        return List.copyOf(LiveConfig.inputTopics(this::get).values());
    }

    /** The topics the job writes with this configuration: a layer that does not run writes nothing. */
    public List<String> outputTopicsInUse() {
        boolean strategies = !SignalKeys.settings(values, null, Problems.ofKeys(key -> null)).strategies.isEmpty();
        boolean model = !get("score.model").isEmpty();
        List<String> topics = new ArrayList<>();
        for (OutputKind<?> kind : Outputs.ALL) {
            if (SuperCandlesSettings.makes(kind, strategies, model)) {
                topics.add(get(kind.topicKey()));
            }
        }
        return topics;
    }

    /** bootstrap.servers and every {@code kafka.*} setting, for any Kafka client. */
    public Properties kafkaClientProperties() {
        Properties p = new Properties();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey().startsWith(KAFKA_PREFIX)) {
                p.setProperty(e.getKey().substring(KAFKA_PREFIX.length()), e.getValue());
            }
        }
        p.setProperty("bootstrap.servers", get("bootstrap.servers"));
        return p;
    }

    /** The alert receivers ({@code alert.*} keys): none when no key names one. */
    public java.util.List<com.supercandles.sinks.alert.AlertReceiver> alertReceivers() {
        return AlertReceiverKeys.receivers(values);
    }

    public com.supercandles.sinks.alert.DeliveryPolicy alertDelivery() {
        return AlertReceiverKeys.policy(values);
    }

    static boolean isSecret(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("jaas") || k.contains("token")
                || k.contains("credential") || k.endsWith(".key") || k.startsWith("alert.webhook.") && k.endsWith(".url");
    }

    /** Every setting, sorted, with secret values replaced by {@code ******}: safe to print or log. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
            b.append("  ").append(e.getKey()).append(" = ")
                    .append(isSecret(e.getKey()) ? "******" : e.getValue()).append('\n');
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "LiveConfig{\n" + describe() + "}";
    }

    /** The input topic of each stream, from the {@code topic.STREAM} keys as {@code valueOf} gives them. */
    public static Map<EventType, String> inputTopics(java.util.function.Function<String, String> valueOf) {
        Map<EventType, String> topics = new java.util.EnumMap<>(EventType.class);
        for (EventType t : EventType.values()) {
            topics.put(t, valueOf.apply("topic." + t.streamName()));
        }
        return topics;
    }
}
