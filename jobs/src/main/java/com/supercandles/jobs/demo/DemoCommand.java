package com.supercandles.jobs.demo;

import com.supercandles.jobs.cli.CommandOptions;
import com.supercandles.jobs.config.ClickHouseSettings;
import com.supercandles.jobs.config.LiveConfig;
import com.supercandles.jobs.config.SignalKeys;
import com.supercandles.jobs.config.SimulatorOptions;
import com.supercandles.jobs.graph.LivePipeline;
import com.supercandles.jobs.graph.Replay;
import com.supercandles.jobs.kafka.GapsTopic;
import com.supercandles.jobs.kafka.MarketFeed;
import com.supercandles.jobs.feed.FeedCommand;
import com.supercandles.jobs.feed.DemoBinanceFeed;

import com.supercandles.score.DemoModel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.supercandles.event.EventType;
import com.supercandles.jobs.kafka.CommittedReader;
import com.supercandles.jobs.kafka.EmbeddedKafkaBroker;
import com.supercandles.jobs.kafka.KafkaTopics;
import com.supercandles.sinks.clickhouse.ClickHouseConnection;
import com.supercandles.sinks.clickhouse.ClickHouseSql;
import com.supercandles.sinks.clickhouse.LocalClickHouseServer;
import com.supercandles.simulator.MarketSimulator;
import com.supercandles.simulator.SimulatorConfig;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bin/supercandles demo}: the embedded default, in full. Starts a Kafka broker in this process,
 * runs the live job in a local Flink environment, produces the simulator's market (or a recorded
 * directory, sped up) into the topics, and prints the candles as they are committed. Stops cleanly on
 * Ctrl-C or after {@code --duration}, leaving nothing running.
 */
public final class DemoCommand {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private DemoCommand() {}

    public static int run(String[] args, PrintStream out) throws Exception {
        CommandOptions o = SimulatorOptions.withSimulatorOptions(new CommandOptions("demo",
                "Starts a local Kafka broker and the live SuperCandles job, produces a simulated market (or a\n"
                        + "recorded directory) into the topics and prints the candles as they are committed.\n"
                        + "Ctrl-C stops everything.")
                .option("input", "DIR", "Produce this recorded directory instead of the simulator.", "")
                .option("feed", "simulator|binance", "The market: the simulator, or Binance spot live (needs internet;"
                        + " bin/supercandles feed with --feed.symbols, gaps on " + FeedCommand.GAPS_TOPIC + ").", "simulator")
                .option("feed.symbols", "LIST", "With --feed binance: the symbols.", "BTCUSDT,ETHUSDT")
                .option("speedup", "X", "With --input: market seconds per wall-clock second.", "60")
                .option("period", "LIST", "Candle periods.", "10s,1m")
                .option("depth-notional", "N", "Notional of the *_1mio book metrics.", "10000")
                .option("duration", "DURATION", "Stop after this long; 0 runs until Ctrl-C.", "0")
                .option("clickhouse", "auto|off|URL", "Also write candles and dead letters to ClickHouse: auto starts a"
                        + " private server (data under --out) when clickhouse-server is installed; a URL uses that server"
                        + " (user --clickhouse-user, password from $CLICKHOUSE_PASSWORD).", "auto")
                .option("clickhouse-user", "USER", "User for --clickhouse URL.", "default")
                .option("out", "DIR", "Where checkpoints (and the private ClickHouse's data) are kept.", "demo-output")
                .option("incidents", "true|false", "With the simulator: pause SIM0001's book feed 20-50 s after the"
                        + " start and flood SIM0002's order log 60-70 s after it, so the watchdogs have something to"
                        + " say.", "true")
                .option("webhook", "URL", "Also deliver the alerts to this incoming webhook (Mattermost, Slack).", "")
                .option("model", "demo|none|DIR", "The model score: demo (trained on the simulator's market, 10 s"
                        + " candles, shipped), none, or a model directory (bin/supercandles train).", "demo"));
        if (!o.parse(args, out)) {
            return 0;
        }
        Duration duration = o.duration("duration");
        Path input = o.text("input").isEmpty() ? null : Paths.get(o.text("input"));
        if (input != null) {
            Replay.inputFiles(input);
        }
        boolean live = o.text("feed").equals("binance");
        if (!live && !o.text("feed").equals("simulator")) {
            throw new CommandOptions.UsageException("--feed must be simulator or binance, got '" + o.text("feed") + "'");
        }
        if (live && input != null) {
            throw new CommandOptions.UsageException("give either --input DIR or --feed binance (not both)");
        }
        List<String> feedSymbols = live ? FeedCommand.symbols(o.text("feed.symbols")) : List.of();
        SimulatorConfig sim = SimulatorOptions.simulatorConfig(o, System.currentTimeMillis());
        double speedup = input == null ? 1 : o.positiveNumber("speedup");
        Path dir = Paths.get(o.text("out")).toAbsolutePath();
        Files.createDirectories(dir);
        String clickHouse = o.text("clickhouse");
        if (!clickHouse.equals("auto") && !clickHouse.equals("off") && !clickHouse.matches("https?://.*")) {
            throw new CommandOptions.UsageException("--clickhouse must be auto, off or an http(s):// URL, got '"
                    + clickHouse + "'");
        }

        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                stopped.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "supercandles-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        out.println("Starting a Kafka broker in this process...");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
             LocalClickHouseServer localClickHouse = startLocalClickHouse(o.text("clickhouse"), dir, out)) {
            Map<String, String> settings = new HashMap<>();
            settings.put("bootstrap.servers", broker.bootstrapServers());
            settings.put("checkpoint.dir", dir.resolve("checkpoints").toString());
            settings.put("checkpoint.interval", "2s");
            settings.put("periods", o.text("period"));
            settings.put("max-out-of-orderness", "1s");
            settings.put("idleness", "5s");
            settings.put("depth-notional", o.text("depth-notional"));
            settings.put("startup.offsets", "earliest");
            settings.putAll(clickHouseSettings(o, localClickHouse));
            settings.put("watchdog.feed_stale.threshold", "10000"); // a demo's patience: 10 s, not 30
            if (live) {
                settings.put(LiveConfig.GAPS_TOPIC_KEY, LiveConfig.GAPS_TOPIC); // the feed's gaps reach the candles
            }
            String model = o.text("model");
            if (!model.equals("none")) {
                settings.put("score.model", model.equals("demo") ? DemoModel.extract(dir.resolve("demo-model")).toString()
                        : model);
            }
            if (!o.text("webhook").isEmpty()) {
                settings.put("alert.webhook.demo.url", o.text("webhook"));
                settings.put("alert.webhook.demo.min-severity", "info");
            }
            LiveConfig config;
            try {
                config = LiveConfig.load(null, settings, System::getenv);
            } catch (IllegalArgumentException e) {
                throw new CommandOptions.UsageException(e.getMessage());
            }
            Properties kafka = config.kafkaClientProperties();
            Map<EventType, String> topics = LiveConfig.inputTopics(config::get);
            List<String> allTopics = new java.util.ArrayList<>();
            LiveConfig.TOPIC_KEYS.stream().map(config::get).filter(t -> !t.isEmpty()).forEach(allTopics::add);
            KafkaTopics.ensure(kafka, allTopics, 1);
            out.println("Kafka broker on " + broker.bootstrapServers() + "; topics " + topics.values() + " -> "
                    + config.get("topic.candles") + ", " + config.get("topic.dead-letters"));

            StreamExecutionEnvironment env = LivePipeline.environment(config, null);
            LivePipeline.job(config, out::println, GapsTopic.exists(config, out::println)).build(env);
            JobClient job = env.executeAsync("SuperCandles demo");
            out.println("SuperCandles job " + job.getJobID() + " running in a local Flink environment; checkpoints in "
                    + dir.resolve("checkpoints"));

            AtomicLong produced = new AtomicLong();
            boolean incidents = input == null && !live && o.bool("incidents") && sim.symbols() >= 3;
            Iterator<MarketFeed.Line> market = input == null
                    // the market starts now, not when the command started: its events are stamped as they are
                    // produced, as an exchange's are (else the latency watchdog sees the broker's start-up)
                    ? MarketFeed.simulated(new MarketSimulator(sim.startTs(System.currentTimeMillis())))
                    : MarketFeed.recorded(input);
            Iterator<MarketFeed.Line> lines = incidents ? new DemoIncidents(market, "SIM0001", "SIM0002") : market;
            if (incidents) {
                out.println("Incidents on purpose: SIM0001's book feed pauses 20-50 s after the start (feed_stale), "
                        + "SIM0002's order log is flooded 60-70 s after it (put_rate_1s).");
            }
            DemoBinanceFeed binance = live ? DemoBinanceFeed.start(kafka, topics, feedSymbols) : null;
            Thread producer = new Thread(() -> {
                try {
                    if (binance != null) {
                        while (!stop.get()) {
                            Thread.sleep(100);
                        }
                        produced.set(binance.stop());
                        return;
                    }
                    produced.set(MarketFeed.produce(kafka, topics, lines, speedup, stop::get));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "supercandles-demo-producer");
            producer.setDaemon(true);
            producer.start();
            out.println(live ? "Feeding Binance spot " + String.join(",", feedSymbols) + " live (gaps on "
                    + FeedCommand.GAPS_TOPIC + ")" : input == null
                    ? "Producing a simulated market of " + sim.symbols() + " symbols at " + o.text("rate") + " events/s"
                    : "Producing " + input + " at " + speedup + "x");
            out.println("Candles as they are committed (Ctrl-C to stop):");

            long deadline = duration.isZero() ? Long.MAX_VALUE : System.currentTimeMillis() + duration.toMillis();
            out.println("Paper strategies (" + SignalKeys.strategyNames(config.settings().signals()) + ") on "
                    + config.settings().signals().periodsOf(config.settings().periods())
                    + ": a line when a position changes.");
            com.supercandles.score.ScoreModel scoreModel = config.settings().scoreModel();
            if (scoreModel != null) {
                out.println("Model score " + scoreModel.id + " on " + scoreModel.period + " candles: a line per candle"
                        + " (p_up - p_down, its band beyond +-" + scoreModel.bands.threshold + ", the phase guard's error);"
                        + " band changes and the market-phase guard's decisions per strategy (a line a minute and on change) come as"
                        + " alerts; the phase is judged once a symbol has " + com.supercandles.score.CandleFeatures.WARM_UP
                        + " candles (every feature defined) and " + (scoreModel.phase == null ? 0 : scoreModel.phase.window)
                        + " more.");
            }
            long candles = showCommittedResults(kafka, config, out, stop, deadline);

            stop.set(true);
            producer.join(10_000);
            out.println("Stopping: cancelling the job, stopping the broker...");
            job.cancel().get(60, TimeUnit.SECONDS);
            out.printf("Done: %,d events produced, %,d candles shown.%n", produced.get(), candles);
            if (!config.get("clickhouse.url").isEmpty()) {
                out.println(clickHouseSummary(config));
            }
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for the latch released above.
            }
        }
        return 0;
    }

    /** The private ClickHouse server of {@code --clickhouse auto}, or null (off, a URL, or none installed). */
    private static LocalClickHouseServer startLocalClickHouse(String mode, Path dir, PrintStream out) throws Exception {
        if (!mode.equals("auto")) {
            return null;
        }
        if (LocalClickHouseServer.findBinary().isEmpty()) {
            out.println("ClickHouse: not installed, candles go to Kafka only (" + LocalClickHouseServer.INSTALL_HINT
                    + " to have the demo write there too).");
            return null;
        }
        LocalClickHouseServer server = LocalClickHouseServer.start(dir.resolve("clickhouse"), null, null);
        out.println("ClickHouse: started a private server on " + server.httpUrl() + " (data in " + dir.resolve("clickhouse")
                + "); while the demo runs, try:");
        out.println("  curl '" + server.httpUrl() + "/' --data-binary 'SELECT period, symbol, window_start, pr_close, vol"
                + " FROM supercandles.supercandles FINAL ORDER BY window_start DESC LIMIT 5 FORMAT PrettyCompact'");
        return server;
    }

    private static Map<String, String> clickHouseSettings(CommandOptions o, LocalClickHouseServer local) {
        Map<String, String> settings = new HashMap<>();
        String mode = o.text("clickhouse");
        String url = local != null ? local.httpUrl() : mode.startsWith("http") ? mode : "";
        if (!url.isEmpty()) {
            settings.put("clickhouse.url", url);
            settings.put("clickhouse.migrate", "true");
            settings.put("clickhouse.batch.interval", "500ms");
            if (local == null) {
                settings.put("clickhouse.user", o.text("clickhouse-user"));
                if (System.getenv("CLICKHOUSE_PASSWORD") != null) {
                    settings.put("clickhouse.password", "${env:CLICKHOUSE_PASSWORD}");
                }
            }
        }
        return settings;
    }

    private static String clickHouseSummary(LiveConfig config) {
        ClickHouseConnection connection = ClickHouseSettings.connection(config);
        try (ClickHouseSql sql = new ClickHouseSql(connection)) {
            String counts = sql.query("SELECT (SELECT count() FROM " + connection.qualified("supercandles") + " FINAL),"
                    + " (SELECT count() FROM " + connection.qualified("dead_letters") + " FINAL),"
                    + " (SELECT count() FROM " + connection.qualified("signals") + " FINAL),"
                    + " (SELECT count() FROM " + connection.qualified("alerts") + " FINAL),"
                    + " (SELECT count() FROM " + connection.qualified("alert_deliveries") + " FINAL WHERE delivery = 'delivered'),"
                    + " (SELECT count() FROM " + connection.qualified("alert_deliveries") + " FINAL WHERE delivery != 'delivered')"
                    + " FORMAT TabSeparated").trim();
            String[] n = counts.split("\t");
            return "ClickHouse " + connection.url() + ": " + n[0] + " candles in " + connection.qualified("supercandles")
                    + ", " + n[1] + " dead letters in " + connection.qualified("dead_letters") + ", " + n[2]
                    + " signal records in " + connection.qualified("signals") + ", " + n[3] + " alerts in "
                    + connection.qualified("alerts") + (n[4].equals("0") && n[5].equals("0") ? ""
                    : " (" + n[4] + " delivered, " + n[5] + " not delivered: see " + connection.qualified("alert_deliveries")
                    + ")");
        } catch (Exception e) {
            return "ClickHouse: cannot count the rows: " + e.getMessage();
        }
    }

    /**
     * Prints committed candles, dead letters marked as such, and a strategy's record when its position
     * changes; returns how many candles were shown.
     */
    private static long showCommittedResults(Properties kafka, LiveConfig config, PrintStream out, AtomicBoolean stop,
                                             long deadline) {
        String candleTopic = config.get("topic.candles");
        String signalTopic = config.get("topic.signals");
        String alertTopic = config.get("topic.alerts");
        String scoreTopic = config.get("topic.scores");
        String guardTopic = config.get("topic.guard");
        Map<String, java.util.TreeMap<String, String>> guard = new HashMap<>();
        Map<String, Long> guardMinutes = new HashMap<>();
        Properties p = CommittedReader.properties(kafka, "supercandles-demo-viewer");
        ObjectMapper json = new ObjectMapper();
        Map<String, Integer> positions = new HashMap<>();
        long shown = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(candleTopic, config.get("topic.dead-letters"), signalTopic, alertTopic, scoreTopic,
                    guardTopic));
            while (!stop.get() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.topic().equals(candleTopic)) {
                        out.println(line(json, r.value()));
                        shown++;
                    } else if (r.topic().equals(alertTopic)) {
                        out.println(alertLine(json, r.value()));
                    } else if (r.topic().equals(scoreTopic)) {
                        out.println(scoreLine(json, r.value()));
                    } else if (r.topic().equals(guardTopic)) {
                        String table = guardChange(json, r.value(), guard, guardMinutes);
                        if (table != null) {
                            out.println(table);
                        }
                    } else if (r.topic().equals(signalTopic)) {
                        String change = positionChange(json, r.value(), positions);
                        if (change != null) {
                            out.println(change);
                        }
                    } else {
                        out.println("dead letter: " + r.value());
                    }
                }
            }
        }
        return shown;
    }

    /**
     * The guard's decisions of a symbol as one line: when one of them changes, and at the first record of
     * each new minute of window time (the table so far); null otherwise.
     */
    private static String guardChange(ObjectMapper json, String record, Map<String, java.util.TreeMap<String, String>> shown,
                                      Map<String, Long> shownMinute) {
        try {
            JsonNode g = json.readTree(record);
            String symbol = g.get("symbol").asText();
            java.util.TreeMap<String, String> decisions = shown.computeIfAbsent(symbol, k -> new java.util.TreeMap<>());
            String now = g.get("decision").asText();
            String before = decisions.put(g.get("strategy").asText(), now);
            long minute = g.get("window_end").asLong() / 60_000;
            Long lastMinute = shownMinute.put(symbol, minute);
            boolean changed = before != null ? !now.equals(before) : !now.equals("keep");
            if (!changed && lastMinute != null && lastMinute == minute) {
                return null;
            }
            StringBuilder line = new StringBuilder(String.format("  guard %-8s at %s:", symbol,
                    CLOCK.format(Instant.ofEpochMilli(g.get("window_end").asLong()))));
            decisions.forEach((strategy, decision) -> line.append(' ').append(strategy).append('=').append(decision));
            return line.append(g.get("phase_error").isNull() ? " (phase: warming up)"
                    : String.format(" (phase error %.3f / %.3f)", g.get("phase_error").asDouble(),
                            g.get("phase_threshold").asDouble())).toString();
        } catch (Exception e) {
            return null;
        }
    }

    private static String scoreLine(ObjectMapper json, String score) {
        try {
            JsonNode s = json.readTree(score);
            return String.format("  score %-4s %-8s at %s %+.2f (up %.2f, down %.2f) band %+d, phase error %s / %s%s",
                    s.get("period").asText(), s.get("symbol").asText(),
                    CLOCK.format(Instant.ofEpochMilli(s.get("window_end").asLong())), s.get("score").asDouble(),
                    s.get("p_up").asDouble(), s.get("p_down").asDouble(), s.get("band").asInt(),
                    num(s, "phase_error", 5, 3).trim(), num(s, "phase_threshold", 5, 3).trim(),
                    s.get("phase_changed").asBoolean() ? " PHASE CHANGED" : "");
        } catch (Exception e) {
            return "score " + score;
        }
    }

    private static String alertLine(ObjectMapper json, String alert) {
        try {
            JsonNode a = json.readTree(alert);
            return String.format("ALERT [%s %s] %s: %s", a.get("severity").asText(), a.get("state").asText(),
                    a.get("rule").asText(), a.get("message").asText());
        } catch (Exception e) {
            return "ALERT " + alert;
        }
    }

    /** A line when a strategy's position differs from the last one shown for it; null otherwise. */
    private static String positionChange(ObjectMapper json, String record, Map<String, Integer> positions) {
        try {
            JsonNode s = json.readTree(record);
            String key = s.get("symbol").asText() + " " + s.get("period").asText() + " " + s.get("strategy").asText();
            int position = s.get("position").asInt();
            Integer before = positions.put(key, position);
            if (before == null && position == 0 || before != null && before == position) {
                return null;
            }
            return String.format("  strategy %-4s %-8s %-15s %-5s at %s equity=%.6f trades=%d sharpe=%s",
                    s.get("period").asText(), s.get("symbol").asText(), s.get("strategy").asText(),
                    position > 0 ? "LONG" : position < 0 ? "SHORT" : "FLAT",
                    CLOCK.format(Instant.ofEpochMilli(s.get("window_end").asLong())), s.get("equity").asDouble(),
                    s.get("trades").asLong(), num(s, "sharpe", 8, 2).trim());
        } catch (Exception e) {
            return null;
        }
    }

    private static String line(ObjectMapper json, String candle) {
        try {
            JsonNode c = json.readTree(candle);
            return String.format("%-4s %-8s %s-%s trades=%5d close=%s vwap=%s disb=%s spread_bbo=%s levels=%s/%s",
                    c.get("period").asText(), c.get("symbol").asText(),
                    CLOCK.format(Instant.ofEpochMilli(c.get("window_start").asLong())),
                    CLOCK.format(Instant.ofEpochMilli(c.get("window_end").asLong())),
                    c.get("trades").asLong(), num(c, "pr_close", 9, 2), num(c, "pr_vwap", 9, 2), num(c, "disb", 6, 3),
                    num(c, "spread_bbo", 6, 2), num(c, "levels_b", 4, 1), num(c, "levels_s", 4, 1));
        } catch (Exception e) {
            return candle;
        }
    }

    private static String num(JsonNode c, String field, int width, int decimals) {
        JsonNode v = c.get(field);
        return v == null || v.isNull() ? String.format("%" + width + "s", "null")
                : String.format("%" + width + "." + decimals + "f", v.asDouble());
    }
}
