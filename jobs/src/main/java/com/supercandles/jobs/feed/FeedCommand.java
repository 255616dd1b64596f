package com.supercandles.jobs.feed;

import com.supercandles.event.EventType;
import com.supercandles.jobs.cli.CommandOptions;
import com.supercandles.jobs.config.LiveConfig;
import com.supercandles.jobs.kafka.BrokerCheck;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/** {@code bin/supercandles feed binance|binance-futures}: a live venue into the input topics. */
public final class FeedCommand {
    public static final String GAPS_TOPIC = LiveConfig.GAPS_TOPIC;

    private FeedCommand() {}

    static CommandOptions options() {
        return new CommandOptions("feed",
                "feed VENUE (" + FeedVenue.names() + "): the venue's public trade and depth streams into the input\n"
                        + "topics, keyed by symbol: trades, book snapshots of the book kept by the venue's synchronisation\n"
                        + "rules, and an order log derived from the level changes (marked \"source\":\"derived\"). Every gap\n"
                        + "(sequence break, disconnect, stall, output backlog) is a record on --topic.gaps; the book is then\n"
                        + "rebuilt from a fresh snapshot and nothing is produced for the symbol until it is. Needs internet\n"
                        + "(or --ws.url/--rest.url of a reachable endpoint). Ctrl-C stops it.")
                .option("symbols", "LIST", "The venue's symbols, comma-separated (e.g. BTCUSDT,ETHUSDT).", null)
                .option("bootstrap.servers", "HOST:PORT", "Kafka brokers.", null)
                .option(LiveConfig.CHECK_TIMEOUT, "DURATION", "How long to wait for the brokers to answer at start.", "10s")
                .option("topic.trades", "NAME", "Trades topic.", "trades")
                .option("topic.orders", "NAME", "Order-log topic (the derived order log).", "orders")
                .option("topic.book", "NAME", "Book topic.", "book")
                .option("topic.gaps", "NAME", "Feed gaps topic.", GAPS_TOPIC)
                .option("depth", "N", "Levels per side in each book snapshot.", "20")
                .option("book-interval", "DURATION", "At most one book snapshot per symbol per this much receive time"
                        + " (the last book of the interval); 0 writes one after every increment.", "100ms")
                .option("ws.url", "URL", "The websocket endpoint (default: the venue's, wss://stream.binance.com:9443"
                        + " or wss://fstream.binance.com).", "")
                .option("rest.url", "URL", "The REST endpoint of the depth snapshot (default: the venue's,"
                        + " https://api.binance.com or https://fapi.binance.com).", "")
                .option("snapshot-limit", "N", "Levels asked of the REST depth snapshot.", "1000")
                .option("stall-timeout", "DURATION", "No message for this long (and no close) is a stall: reconnect.", "30s")
                .option("ws.max-age", "DURATION", "Renew the connection after this long (the venue ends it at 24 h).", "23h")
                .option("reconnect.min", "DURATION", "First wait before a reconnect; doubled at each failure.", "1s")
                .option("reconnect.max", "DURATION", "Longest wait between reconnects.", "60s")
                .option("queue", "N", "Records the output queue holds while the broker is slow; beyond it records are"
                        + " dropped, counted and recorded as gaps.", "100000")
                .option("duration", "DURATION", "Stop after this long; 0 runs until stopped.", "0s")
                .passThrough(LiveConfig.KAFKA_PREFIX, "Passed to the Kafka producer without the prefix.");
    }

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        CommandOptions o = options();
        boolean venueGiven = args.length > 0 && !args[0].startsWith("-");
        if (!o.parse(venueGiven ? Arrays.copyOfRange(args, 1, args.length) : args, out)) {
            return 0;
        }
        if (!venueGiven) {
            throw new CommandOptions.UsageException("give the venue first: 'feed binance' or 'feed binance-futures'");
        }
        FeedVenue venue = FeedVenue.of(args[0]);
        if (venue == null) {
            throw new CommandOptions.UsageException("unknown venue '" + args[0] + "': the venues are " + FeedVenue.names());
        }
        List<String> symbols = symbols(o.text("symbols"));
        BinanceFeed.Settings settings = settings(o, venue);
        Map<FeedRecord.Role, String> topics = topics(o);
        Properties kafka = o.passedThrough();
        kafka.put("bootstrap.servers", o.text("bootstrap.servers"));
        Duration checkTimeout = o.duration(LiveConfig.CHECK_TIMEOUT);
        int queue = o.positiveInt("queue");
        long duration = o.duration("duration").toMillis();
        BrokerCheck.requireTopics(kafka, topics.values(), checkTimeout);
        FeedCounters counters = new FeedCounters();
        try (KafkaFeedOutput output = new KafkaFeedOutput(kafka, topics, queue);
             BinanceFeed feed = new BinanceFeed(venue, symbols, settings, output, counters)) {
            out.printf("Feeding %s %s into %s (%s, %s, %s; gaps on %s)%s%n", venue.wireName, String.join(",", symbols),
                    o.text("bootstrap.servers"), topics.get(FeedRecord.Role.TRADES), topics.get(FeedRecord.Role.ORDERS),
                    topics.get(FeedRecord.Role.BOOK), topics.get(FeedRecord.Role.GAPS),
                    duration == 0 ? "; Ctrl-C stops" : " for " + o.text("duration"));
            Thread main = Thread.currentThread();
            Thread hook = new Thread(main::interrupt);
            Runtime.getRuntime().addShutdownHook(hook);
            feed.start();
            long until = duration == 0 ? Long.MAX_VALUE : System.currentTimeMillis() + duration;
            try {
                while (System.currentTimeMillis() < until) {
                    Thread.sleep(Math.min(1000, Math.max(1, until - System.currentTimeMillis())));
                }
            } catch (InterruptedException stop) {
                // Ctrl-C: stop and flush
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is exiting already
                }
            }
            feed.close();
            output.close(5_000);
            out.println("Fed " + counters.summary());
            if (counters.books.get() == 0 && !feed.lastProblem().isEmpty()) {
                err.println("supercandles feed: no book was produced; the last problem: " + feed.lastProblem());
                return 1;
            }
        }
        return 0;
    }

    public static List<String> symbols(String list) throws CommandOptions.UsageException {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String s : list.split(",")) {
            String symbol = s.trim().toUpperCase(Locale.ROOT);
            if (symbol.isEmpty()) {
                continue;
            }
            if (!symbol.matches("[A-Z0-9_]{1,64}")) {
                throw new CommandOptions.UsageException("--symbols: '" + s.trim() + "' is not a venue symbol (letters,"
                        + " digits and _, e.g. BTCUSDT)");
            }
            out.add(symbol);
        }
        if (out.isEmpty()) {
            throw new CommandOptions.UsageException("--symbols is empty: give at least one, e.g. --symbols BTCUSDT");
        }
        return new ArrayList<>(out);
    }

    static BinanceFeed.Settings settings(CommandOptions o, FeedVenue venue) throws CommandOptions.UsageException {
        String ws = o.text("ws.url").isEmpty() ? venue.wsUrl : stripSlash(o.text("ws.url"));
        String rest = o.text("rest.url").isEmpty() ? venue.restUrl : stripSlash(o.text("rest.url"));
        if (!ws.startsWith("ws://") && !ws.startsWith("wss://")) {
            throw new CommandOptions.UsageException("--ws.url must start with ws:// or wss:// (it is '" + ws + "')");
        }
        if (!rest.startsWith("http://") && !rest.startsWith("https://")) {
            throw new CommandOptions.UsageException("--rest.url must start with http:// or https:// (it is '" + rest + "')");
        }
        Duration stall = positive(o, "stall-timeout");
        Duration maxAge = positive(o, "ws.max-age");
        Duration min = positive(o, "reconnect.min");
        Duration max = positive(o, "reconnect.max");
        if (max.compareTo(min) < 0) {
            throw new CommandOptions.UsageException("--reconnect.max (" + o.text("reconnect.max")
                    + ") is shorter than --reconnect.min (" + o.text("reconnect.min") + ")");
        }
        return new BinanceFeed.Settings(ws, rest, o.positiveInt("depth"), o.duration("book-interval"), stall, maxAge,
                min, max, o.positiveInt("snapshot-limit"), 10_000);
    }

    private static Duration positive(CommandOptions o, String name) throws CommandOptions.UsageException {
        Duration d = o.duration(name);
        if (d.isZero()) {
            throw new CommandOptions.UsageException("--" + name + " must be positive, e.g. " + o.text(name).replace("0", "1"));
        }
        return d;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static Map<FeedRecord.Role, String> topics(CommandOptions o) {
        return topics(LiveConfig.inputTopics(o::text), o.text("topic.gaps"));
    }

    /** The input topics by the feed's roles, and the gaps topic. */
    static Map<FeedRecord.Role, String> topics(Map<EventType, String> inputs, String gaps) {
        Map<FeedRecord.Role, String> topics = new EnumMap<>(FeedRecord.Role.class);
        topics.put(FeedRecord.Role.TRADES, inputs.get(EventType.TRADE));
        topics.put(FeedRecord.Role.ORDERS, inputs.get(EventType.ORDER));
        topics.put(FeedRecord.Role.BOOK, inputs.get(EventType.BOOK));
        topics.put(FeedRecord.Role.GAPS, gaps);
        return topics;
    }
}
