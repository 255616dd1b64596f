package com.supercandles.jobs.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An alert receiver on loopback (the JDK's HTTP server) that a test can take down (nothing listens: the
 * connection is refused), make fail (503), slow (a delay before 200) or bring up. It records every request
 * with the alert id it carried: the {@code alert_id} field of a webhook payload, or for Telegram, which
 * has no such field, the id on the text's last line.
 */
final class LoopbackReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request: when it came, the alert id, the answer (0: none, the server was stopped meanwhile). */
    static final class Request {
        final long atMillis;
        final String alertId;
        final JsonNode body;
        volatile int status;

        Request(long atMillis, String alertId, JsonNode body) {
            this.atMillis = atMillis;
            this.alertId = alertId;
            this.body = body;
        }
    }

    private final int port;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private HttpServer server;
    private volatile int status = 200;
    private volatile long delayMs;

    /** A receiver that is down: nothing listens on its port until {@link #up}, {@link #failing} or {@link #slow}. */
    LoopbackReceiver() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    synchronized LoopbackReceiver down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        return this;
    }

    LoopbackReceiver up() throws IOException {
        return answer(200, 0);
    }

    LoopbackReceiver failing() throws IOException {
        return answer(503, 0);
    }

    LoopbackReceiver slow(long delayMs) throws IOException {
        return answer(200, delayMs);
    }

    private synchronized LoopbackReceiver answer(int status, long delayMs) throws IOException {
        this.status = status;
        this.delayMs = delayMs;
        if (server == null) {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
            server.createContext("/", exchange -> {
                JsonNode body = JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                Request r = new Request(System.currentTimeMillis(), alertId(body), body);
                requests.add(r);
                int code = this.status;
                long delay = this.delayMs;
                if (delay > 0) {
                    try {
                        Thread.sleep(delay);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                byte[] answer = (code == 200 ? "ok" : "unavailable").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(code, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
                r.status = code;
            });
            server.setExecutor(threads);
            server.start();
        }
        return this;
    }

    private static String alertId(JsonNode body) {
        if (body.hasNonNull("alert_id")) {
            return body.get("alert_id").asText();
        }
        String text = body.path("text").asText();
        int line = text.lastIndexOf("\nalert ");
        return line < 0 ? null : text.substring(line + "\nalert ".length()).trim();
    }

    List<Request> requests() {
        synchronized (requests) {
            return new ArrayList<>(requests);
        }
    }

    /** Alert id to how many times it was delivered (answered 2xx). */
    Map<String, Integer> deliveries() {
        Map<String, Integer> n = new HashMap<>();
        for (Request r : requests()) {
            if (r.status / 100 == 2) {
                n.merge(r.alertId, 1, Integer::sum);
            }
        }
        return n;
    }

    /** Ids of the alerts that reached this receiver at least once. */
    Set<String> delivered() {
        return new TreeSet<>(deliveries().keySet());
    }

    /** Ids this receiver was asked to take, whatever it answered. */
    Set<String> attempted() {
        Set<String> ids = new TreeSet<>();
        for (Request r : requests()) {
            ids.add(r.alertId);
        }
        return ids;
    }

    /** Deliveries beyond the first per alert: what a receiver that drops repeats by alert_id drops. */
    int repeats() {
        return deliveries().values().stream().mapToInt(n -> n - 1).sum();
    }

    @Override
    public void close() {
        down();
        threads.shutdownNow();
    }
}
