package com.supercandles.jobs.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Binance spot venue on loopback for the feed's tests: an RFC 6455 websocket server (written here
 * over a {@link ServerSocket}: handshake, unmasked text and ping frames out, masked frames in) and the
 * REST depth snapshot (the JDK's HttpServer), replaying a recorded market as the venue's messages.
 *
 * <p>The market is Bitstamp's recorded BTC/USD of 1 May 2015: consecutive book snapshots diffed into
 * depth increments with update ids, its trades as trade messages, merged by time. The venue keeps the
 * true book after every increment, so a test compares the feed's book with it level by level, and the
 * REST snapshot is the true book at the current position (or an older one, on request).
 */
final class FakeBinanceVenue implements AutoCloseable {
    static final String SYMBOL = "BTCUSD";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One message of the market and, for an increment, the true book after it. */
    record Message(boolean depth, long ts, long firstId, long finalId, String json, List<List<String>> bookAfter) {}

    final List<Message> market = new ArrayList<>();
    final List<String> recordedTrades = new ArrayList<>();
    final List<String> recordedBooks = new ArrayList<>();
    private final List<List<String>> initialBook;
    private final long initialId = 1000;

    private final ServerSocket wsServer;
    private final HttpServer rest;
    private final Thread acceptor;
    private volatile Socket client;
    private volatile int connections;
    final List<String> pongs = new CopyOnWriteArrayList<>();
    volatile int snapshotsServed;

    private int position;
    private long idOffset;
    private boolean dropNextDepth;
    private int staleSnapshots;
    private int staleBy;

    FakeBinanceVenue(Path dataDir) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (String f : List.of("book.jsonl", "trades.jsonl")) {
            for (String line : Files.readAllLines(dataDir.resolve(f))) {
                if (!line.isBlank()) {
                    events.add(JSON.readTree(line));
                }
            }
        }
        // trades first at equal times: a snapshot at t shows the book after the trades at t
        events.sort((a, b) -> a.get("ts").asLong() != b.get("ts").asLong() ? Long.compare(a.get("ts").asLong(), b.get("ts").asLong())
                : Boolean.compare(a.get("type").asText().equals("book"), b.get("type").asText().equals("book")));
        NavigableMap<Double, Double> bids = null;
        NavigableMap<Double, Double> asks = null;
        List<List<String>> first = null;
        long id = initialId;
        boolean anyIncrement = false;
        for (JsonNode e : events) {
            if (e.get("type").asText().equals("trade")) {
                if (!anyIncrement) {
                    continue; // a feed's book is live from the first increment on: the market starts there
                }
                market.add(new Message(false, e.get("ts").asLong(), 0, 0, tradeJson(e), null));
                recordedTrades.add(e.toString());
                continue;
            }
            NavigableMap<Double, Double> newBids = levels(e.get("bids"), true);
            NavigableMap<Double, Double> newAsks = levels(e.get("asks"), false);
            if (bids == null) {
                bids = newBids;
                asks = newAsks;
                first = book(bids, asks);
                continue;
            }
            List<double[]> b = diff(bids, newBids);
            List<double[]> a = diff(asks, newAsks);
            if (b.isEmpty() && a.isEmpty()) {
                continue;
            }
            long firstId = id + 1;
            id += b.size() + a.size(); // one update id per level change, as a matching engine would count them
            bids = newBids;
            asks = newAsks;
            long ts = e.get("ts").asLong();
            anyIncrement = true;
            market.add(new Message(true, ts, firstId, id, depthTemplate(ts, b, a), book(bids, asks)));
            recordedBooks.add(e.toString());
        }
        initialBook = first;
        wsServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        rest = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        rest.createContext("/api/v3/depth", exchange -> {
            byte[] body = snapshotJson().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        rest.start();
        acceptor = new Thread(this::accept, "fake-venue-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String wsUrl() {
        return "ws://127.0.0.1:" + wsServer.getLocalPort();
    }

    String restUrl() {
        return "http://127.0.0.1:" + rest.getAddress().getPort();
    }

    private static String decimal(double d) {
        return BigDecimal.valueOf(d).toPlainString();
    }

    private static String tradeJson(JsonNode e) {
        return "{\"stream\":\"btcusd@trade\",\"data\":{\"e\":\"trade\",\"E\":" + e.get("ts").asLong() + ",\"s\":\"" + SYMBOL
                + "\",\"t\":" + e.get("trade_id").asText() + ",\"p\":\"" + decimal(e.get("price").asDouble()) + "\",\"q\":\""
                + decimal(e.get("qty").asDouble()) + "\",\"T\":" + e.get("ts").asLong() + ",\"m\":"
                + e.get("side").asText().equals("S") + ",\"M\":true}}";
    }

    /** The increment's JSON with placeholders for its ids (a test may shift them). */
    private static String depthTemplate(long ts, List<double[]> bids, List<double[]> asks) {
        return "{\"stream\":\"btcusd@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":" + ts + ",\"s\":\"" + SYMBOL
                + "\",\"U\":%d,\"u\":%d,\"b\":" + levelsJson(bids) + ",\"a\":" + levelsJson(asks) + "}}";
    }

    private static String levelsJson(List<double[]> levels) {
        StringBuilder sb = new StringBuilder("[");
        for (double[] l : levels) {
            sb.append(sb.length() > 1 ? "," : "").append("[\"").append(decimal(l[0])).append("\",\"").append(decimal(l[1]))
                    .append("\"]");
        }
        return sb.append(']').toString();
    }

    private static NavigableMap<Double, Double> levels(JsonNode side, boolean bids) {
        NavigableMap<Double, Double> m = bids ? new TreeMap<>(Collections.reverseOrder()) : new TreeMap<>();
        for (JsonNode l : side) {
            m.put(l.get(0).asDouble(), l.get(1).asDouble());
        }
        return m;
    }

    private static List<double[]> diff(Map<Double, Double> before, Map<Double, Double> after) {
        List<double[]> out = new ArrayList<>();
        for (Map.Entry<Double, Double> l : after.entrySet()) {
            if (!l.getValue().equals(before.get(l.getKey()))) {
                out.add(new double[] {l.getKey(), l.getValue()});
            }
        }
        for (Double p : before.keySet()) {
            if (!after.containsKey(p)) {
                out.add(new double[] {p, 0});
            }
        }
        return out;
    }

    /** As {@code LevelBook.levels}: "price qty" per level, best first. */
    private static List<List<String>> book(Map<Double, Double> bids, Map<Double, Double> asks) {
        List<String> b = new ArrayList<>();
        bids.forEach((p, q) -> b.add(p + " " + q));
        List<String> a = new ArrayList<>();
        asks.forEach((p, q) -> a.add(p + " " + q));
        return List.of(b, a);
    }

    // ---- the venue's behaviour, set by the tests ----

    synchronized int position() {
        return position;
    }

    /** The true book now (after the last increment sent or skipped). */
    synchronized List<List<String>> trueBook() {
        return bookAt(position);
    }

    /** The final update id the venue has reached (the ids the feed sees, shifted by any jump). */
    synchronized long lastId() {
        return lastIdAt(position) + idOffset;
    }

    private List<List<String>> bookAt(int pos) {
        for (int i = pos - 1; i >= 0; i--) {
            if (market.get(i).depth()) {
                return market.get(i).bookAfter();
            }
        }
        return initialBook;
    }

    private long lastIdAt(int pos) {
        for (int i = pos - 1; i >= 0; i--) {
            if (market.get(i).depth()) {
                return market.get(i).finalId();
            }
        }
        return initialId;
    }

    synchronized void dropNextIncrement() {
        dropNextDepth = true;
    }

    /** From now on every update id is {@code by} higher: the next increment does not follow the last. */
    synchronized void jumpIds(long by) {
        idOffset += by;
    }

    /** The next {@code count} REST snapshots are the book {@code messagesBack} market messages ago. */
    synchronized void staleSnapshots(int count, int messagesBack) {
        staleSnapshots = count;
        staleBy = messagesBack;
    }

    synchronized String snapshotJson() {
        int pos = position;
        if (staleSnapshots > 0) {
            staleSnapshots--;
            pos = Math.max(0, position - staleBy);
        }
        snapshotsServed++;
        List<List<String>> book = bookAt(pos);
        return "{\"lastUpdateId\":" + (lastIdAt(pos) + idOffset) + ",\"bids\":" + restLevels(book.get(0)) + ",\"asks\":"
                + restLevels(book.get(1)) + "}";
    }

    private static String restLevels(List<String> levels) {
        StringBuilder sb = new StringBuilder("[");
        for (String l : levels) {
            String[] pq = l.split(" ");
            sb.append(sb.length() > 1 ? "," : "").append("[\"").append(decimal(Double.parseDouble(pq[0]))).append("\",\"")
                    .append(decimal(Double.parseDouble(pq[1]))).append("\"]");
        }
        return sb.append(']').toString();
    }

    /** Sends the next {@code count} market messages (fewer at the end); none reach a feed that is not connected. */
    synchronized int send(int count) throws IOException {
        int sent = 0;
        while (sent < count && position < market.size()) {
            Message m = market.get(position++);
            sent++;
            if (m.depth() && dropNextDepth) {
                dropNextDepth = false;
                continue;
            }
            String json = m.depth() ? String.format(m.json(), m.firstId() + idOffset, m.finalId() + idOffset) : m.json();
            Socket s = client;
            if (s != null) {
                try {
                    writeFrame(s.getOutputStream(), 0x1, json.getBytes(StandardCharsets.UTF_8));
                } catch (IOException gone) {
                    client = null;
                }
            }
        }
        return sent;
    }

    synchronized void sendAll() throws IOException {
        send(Integer.MAX_VALUE);
    }

    synchronized void ping(String payload) throws IOException {
        writeFrame(client.getOutputStream(), 0x9, payload.getBytes(StandardCharsets.UTF_8));
    }

    /** Closes the connection as a venue does (a close frame, then the socket). */
    synchronized void disconnect() throws IOException {
        Socket s = client;
        client = null;
        if (s != null) {
            try {
                writeFrame(s.getOutputStream(), 0x8, new byte[] {0x03, (byte) 0xE8});
            } finally {
                s.close();
            }
        }
    }

    int connections() {
        return connections;
    }

    boolean connected() {
        return client != null;
    }

    private void accept() {
        while (!wsServer.isClosed()) {
            try {
                Socket s = wsServer.accept();
                handshake(s);
                synchronized (this) {
                    client = s;
                    connections++;
                }
                Thread reader = new Thread(() -> read(s), "fake-venue-read");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void handshake(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during the handshake");
            }
            head.write(b);
        }
        String key = null;
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.toLowerCase().startsWith("sec-websocket-key:")) {
                key = line.substring(line.indexOf(':') + 1).trim();
            }
        }
        String accept;
        try {
            accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        s.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    /** Reads the client's frames (masked, as RFC 6455 requires of a client): pongs are recorded. */
    private void read(Socket s) {
        try {
            DataInputStream in = new DataInputStream(s.getInputStream());
            while (true) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                long len = b1 & 0x7F;
                if (len == 126) {
                    len = in.readUnsignedShort();
                } else if (len == 127) {
                    len = in.readLong();
                }
                byte[] mask = new byte[4];
                if ((b1 & 0x80) != 0) {
                    in.readFully(mask);
                }
                byte[] payload = new byte[(int) len];
                in.readFully(payload);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
                int opcode = b0 & 0x0F;
                if (opcode == 0xA) {
                    pongs.add(new String(payload, StandardCharsets.UTF_8));
                } else if (opcode == 0x8) {
                    s.close();
                    return;
                }
            }
        } catch (IOException closed) {
            // the feed went away
        }
    }

    private static void writeFrame(OutputStream out, int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 10);
        f.write(0x80 | opcode);
        if (payload.length < 126) {
            f.write(payload.length);
        } else if (payload.length < 65536) {
            f.write(126);
            f.write(payload.length >>> 8);
            f.write(payload.length & 0xFF);
        } else {
            f.write(127);
            for (int i = 7; i >= 0; i--) {
                f.write((int) ((long) payload.length >>> (8 * i)) & 0xFF);
            }
        }
        f.write(payload);
        out.write(f.toByteArray());
        out.flush();
    }

    @Override
    public void close() throws IOException {
        rest.stop(0);
        wsServer.close();
        Socket s = client;
        if (s != null) {
            s.close();
        }
    }
}
