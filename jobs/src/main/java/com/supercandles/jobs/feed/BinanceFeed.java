package com.supercandles.jobs.feed;

import com.supercandles.venue.binance.BinanceMessage;
import com.supercandles.venue.binance.BookSync;
import com.supercandles.venue.binance.DepthSnapshot;
import com.supercandles.venue.binance.LevelBook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Binance's public market data into the feed's output: one combined websocket stream (trades and depth
 * increments of every symbol) and the REST depth snapshot per symbol, kept by {@link SymbolFeed}.
 *
 * <p>The connection is watched: a close or an error is a disconnect, no message for
 * {@link Settings#stallTimeout} is a stall (the socket is aborted); both drop every book and reconnect
 * with exponential backoff. The JDK's websocket answers the venue's pings with pongs carrying their
 * payload. Before the venue's connection lifetime ({@link Settings#maxAge}) a second connection is
 * opened and the first closed once the second is open: the books carry on across the overlap (update
 * ids must still follow, repeats are dropped), so a renewal is no gap.
 */
public final class BinanceFeed implements AutoCloseable {
    static final Logger LOG = LoggerFactory.getLogger(BinanceFeed.class);

    /** The feed's settings, each with its option. */
    public record Settings(String wsUrl, String restUrl, int depth, Duration bookInterval, Duration stallTimeout,
                           Duration maxAge, Duration reconnectMin, Duration reconnectMax, int snapshotLimit,
                           int bufferLimit) {}

    private final FeedVenue venue;
    private final Settings settings;
    private final FeedCounters counters;
    private final Map<String, SymbolFeed> symbols = new LinkedHashMap<>();
    private final HttpClient http;
    private final LongSupplier clock = System::currentTimeMillis;
    private final ScheduledExecutorService timer;
    private final Thread supervisor;
    private volatile boolean running = true;
    private volatile Connection current;
    private volatile String lastProblem = "";

    public BinanceFeed(FeedVenue venue, List<String> symbolNames, Settings settings, FeedOutput output,
                       FeedCounters counters) {
        this.venue = venue;
        this.settings = settings;
        this.counters = counters;
        for (String s : symbolNames) {
            symbols.put(s, new SymbolFeed(venue.wireName, s, new BookSync(venue.rule, settings.bufferLimit()), output,
                    counters, settings.depth(), settings.bookInterval().toMillis()));
        }
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "feed-timer"));
        this.supervisor = daemon(this::superviseConnections, "feed-connections");
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public void start() {
        supervisor.start();
        long tick = Math.max(5, Math.min(50, settings.bookInterval().toMillis() / 2));
        timer.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** One websocket connection and what it has seen. */
    private final class Connection implements WebSocket.Listener {
        final long openedAt = clock.getAsLong();
        final CompletableFuture<String> ended = new CompletableFuture<>();
        final StringBuilder partial = new StringBuilder();
        volatile long lastMessageAt = openedAt;
        volatile WebSocket socket;

        @Override
        public void onOpen(WebSocket ws) {
            socket = ws;
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            long now = clock.getAsLong();
            lastMessageAt = now;
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                onMessage(this, text, now);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
            lastMessageAt = clock.getAsLong(); // the JDK's websocket sends the pong with the ping's payload itself
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            ended.complete("closed by the venue (" + statusCode + (reason.isEmpty() ? "" : " " + reason) + ")");
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            ended.complete("connection error: " + error);
        }

        void abort(String why) {
            ended.complete(why);
            WebSocket ws = socket;
            if (ws != null) {
                ws.abort();
            }
        }
    }

    private Connection open() throws Exception {
        Connection c = new Connection();
        URI uri = URI.create(settings.wsUrl() + venue.streamPath(List.copyOf(symbols.keySet())));
        http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, c).get(15, TimeUnit.SECONDS);
        counters.connections.incrementAndGet();
        return c;
    }

    private void superviseConnections() {
        int failures = 0;
        while (running) {
            Connection c;
            try {
                c = open();
            } catch (Exception e) {
                Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
                lastProblem = "cannot connect to " + settings.wsUrl() + ": " + cause.getMessage();
                LOG.warn("feed: {}", lastProblem);
                sleepBackoff(failures++);
                continue;
            }
            current = c;
            requestSnapshots();
            String why = waitForEnd();
            if (!running) {
                return;
            }
            LOG.warn("feed: the websocket ended: {}; every book is rebuilt from a fresh snapshot", why);
            String reason = why.startsWith("stalled") ? FeedGap.STALLED : FeedGap.DISCONNECT;
            long now = clock.getAsLong();
            synchronized (this) {
                for (SymbolFeed s : symbols.values()) {
                    s.breakOff(reason, why, now);
                }
            }
            // a connection that delivered for a while was no failure: start the backoff again
            failures = c.lastMessageAt - c.openedAt > settings.reconnectMax().toMillis() ? 0 : failures;
            sleepBackoff(failures++);
        }
    }

    /** Waits for the current connection to end; a connection replaced by a renewal is no end. */
    private String waitForEnd() {
        while (running) {
            Connection c = current;
            String why;
            try {
                why = c.ended.get();
            } catch (Exception e) {
                return "interrupted";
            }
            if (c == current) {
                return why;
            }
        }
        return "stopped";
    }

    private void sleepBackoff(int failures) {
        long ms = Math.min(settings.reconnectMax().toMillis(), settings.reconnectMin().toMillis() << Math.min(failures, 20));
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void onMessage(Connection c, String text, long now) {
        counters.messages.incrementAndGet();
        BinanceMessage m;
        try {
            m = BinanceMessage.parse(text);
        } catch (BinanceMessage.Unreadable e) {
            if (counters.unreadable.incrementAndGet() <= 10) {
                LOG.warn("feed: an unreadable message ({}), skipped: {}", e.getMessage(),
                        text.length() > 200 ? text.substring(0, 200) + "..." : text);
            }
            return;
        }
        synchronized (this) {
            if (m instanceof BinanceMessage.Depth d) {
                SymbolFeed s = symbols.get(d.update().symbol().toUpperCase(Locale.ROOT));
                if (s != null) {
                    s.onDepth(d.update(), now);
                    if (s.wantsSnapshot()) {
                        requestSnapshot(s);
                    }
                }
            } else if (m instanceof BinanceMessage.Trade t) {
                SymbolFeed s = symbols.get(t.symbol().toUpperCase(Locale.ROOT));
                if (s != null) {
                    s.onTrade(t, now);
                }
            }
        }
    }

    private synchronized void requestSnapshots() {
        for (SymbolFeed s : symbols.values()) {
            if (s.wantsSnapshot()) {
                requestSnapshot(s);
            }
        }
    }

    /** Asks the REST endpoint for a snapshot without waiting: its answer is joined under the lock. */
    private void requestSnapshot(SymbolFeed s) {
        s.snapshotInFlight = true;
        int generation = s.generation;
        counters.snapshots.incrementAndGet();
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.restUrl() + venue.depthQuery(s.symbol,
                settings.snapshotLimit()))).timeout(Duration.ofSeconds(10)).GET().build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            long now = clock.getAsLong();
            DepthSnapshot snapshot = null;
            String problem = null;
            if (error != null) {
                problem = error.toString();
            } else if (response.statusCode() != 200) {
                problem = "HTTP " + response.statusCode() + ": " + abbreviate(response.body());
            } else {
                try {
                    snapshot = BinanceMessage.snapshot(s.symbol, response.body());
                } catch (BinanceMessage.Unreadable e) {
                    problem = e.getMessage();
                }
            }
            synchronized (BinanceFeed.this) {
                if (snapshot != null) {
                    s.onSnapshot(snapshot, generation, now);
                } else if (generation == s.generation) {
                    s.snapshotInFlight = false;
                    lastProblem = "depth snapshot of " + s.symbol + ": " + problem;
                    LOG.warn("feed: {}", lastProblem);
                }
                if (s.wantsSnapshot() && problem == null) {
                    requestSnapshot(s); // the snapshot was older than the increments: another one at once
                }
            }
        });
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }

    /** Coalesced books, stalls, the connection's lifetime, and snapshots that failed and are due again. */
    private void tick() {
        try {
            long now = clock.getAsLong();
            synchronized (this) {
                for (SymbolFeed s : symbols.values()) {
                    s.flush(now);
                }
            }
            Connection c = current;
            if (c == null || c.ended.isDone()) {
                return;
            }
            if (now - c.lastMessageAt > settings.stallTimeout().toMillis()) {
                c.abort("stalled: no message for " + (now - c.lastMessageAt) + " ms without a close");
                return;
            }
            if (now - c.openedAt > settings.maxAge().toMillis()) {
                renew(c);
            }
            if (now - lastRetry >= settings.reconnectMin().toMillis()) {
                lastRetry = now;
                requestSnapshots(); // those whose request failed
            }
        } catch (RuntimeException e) {
            LOG.error("feed: timer failed", e);
        }
    }

    private long lastRetry;

    /** Opens the next connection before the venue ends this one; the old one closes once the new one is open. */
    private void renew(Connection old) {
        try {
            Connection next = open();
            current = next;
            LOG.info("feed: connection renewed after {} ms", clock.getAsLong() - old.openedAt);
            old.abort("renewed");
        } catch (Exception e) {
            LOG.warn("feed: renewing the connection failed ({}); the current one carries on", e.toString());
        }
    }

    /** The symbol's current book (for tests and figures); null for an unknown symbol. */
    public synchronized List<List<String>> book(String symbol) {
        SymbolFeed s = symbols.get(symbol);
        if (s == null) {
            return null;
        }
        LevelBook b = s.book();
        return List.of(b.levels(true), b.levels(false));
    }

    public synchronized boolean live(String symbol) {
        return symbols.get(symbol).live();
    }

    /** A snapshot is loaded and waits for the increment that joins it. */
    public synchronized boolean snapshotHeld(String symbol) {
        SymbolFeed s = symbols.get(symbol);
        return !s.live() && !s.wantsSnapshot() && !s.snapshotInFlight;
    }

    public synchronized long lastUpdateId(String symbol) {
        return symbols.get(symbol).lastUpdateId();
    }

    public String lastProblem() {
        return lastProblem;
    }

    @Override
    public void close() {
        running = false;
        timer.shutdownNow();
        Connection c = current;
        if (c != null) {
            c.abort("stopped");
        }
        supervisor.interrupt();
        long now = clock.getAsLong();
        synchronized (this) {
            for (SymbolFeed s : symbols.values()) {
                s.stop(now);
            }
        }
    }
}
