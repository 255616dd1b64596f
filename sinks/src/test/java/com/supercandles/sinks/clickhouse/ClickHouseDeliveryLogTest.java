package com.supercandles.sinks.clickhouse;

import com.sun.net.httpserver.HttpServer;
import com.supercandles.alert.Alert;
import com.supercandles.alert.Severity;
import com.supercandles.sinks.alert.AlertDeliveries;
import com.supercandles.sinks.alert.AlertReceiver;
import com.supercandles.sinks.alert.DeliveryPolicy;
import com.supercandles.sinks.alert.WebhookReceiver;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery states land in the alert_deliveries table of a real ClickHouse 18.16 beside the alerts, and a
 * new process (a restore in a new TaskManager) reads there which alerts were delivered and does not send
 * them again. Receivers are real HTTP servers on loopback.
 */
class ClickHouseDeliveryLogTest {
    private static LocalClickHouseServer server;
    private final List<HttpServer> receivers = new ArrayList<>();

    @BeforeAll
    static void startServer() throws IOException {
        server = ClickHouseTestServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private String receiver(List<String> requests, IntUnaryOperator status) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger n = new AtomicInteger();
        s.createContext("/", exchange -> {
            requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int code = status.applyAsInt(n.incrementAndGet());
            byte[] answer = (code == 200 ? "ok" : "busy, try later").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        s.start();
        receivers.add(s);
        return "http://127.0.0.1:" + s.getAddress().getPort() + "/hook";
    }

    private static ClickHouseDeliveryLog log(ClickHouseConnection c) {
        return new ClickHouseDeliveryLog(c, Duration.ofMillis(100), Duration.ofSeconds(20), new UnregisteredMetricsGroup());
    }

    /** Sends the alerts in a fresh delivery scope (as a new process would), waits for the outcomes, closes. */
    private static void deliver(List<AlertReceiver> to, ClickHouseConnection c, Alert... alerts) throws Exception {
        DeliveryPolicy policy = new DeliveryPolicy();
        policy.initialBackoff = Duration.ofMillis(50);
        policy.maxAttempts = 3;
        try (ClickHouseDeliveryLog log = log(c);
             AlertDeliveries deliveries = new AlertDeliveries(to, policy, log)) {
            for (Alert a : alerts) {
                deliveries.submit(a);
            }
        }
    }

    @Test
    void everyOutcomeLandsBesideTheAlertAndANewProcessDoesNotResendWhatWasDelivered() throws Exception {
        ClickHouseConnection c = ClickHouseTestServer.admin(server, "deliveries");
        try (ClickHouseSql sql = new ClickHouseSql(c)) {
            ClickHouseMigrations.fromClasspath().apply(sql, Set.of());
        }
        List<String> flaky = Collections.synchronizedList(new ArrayList<>());
        List<String> down = Collections.synchronizedList(new ArrayList<>());
        List<AlertReceiver> to = List.of(
                new WebhookReceiver("flaky", receiver(flaky, n -> n == 1 ? 503 : 200), Severity.INFO, Set.of(),
                        Duration.ofSeconds(5)),
                new WebhookReceiver("down", receiver(down, n -> 500), Severity.INFO, Set.of(), Duration.ofSeconds(5)));
        Alert a = Alert.of("big_order", "SBER", "orders", Severity.WARNING, Alert.FIRING, 2e6, 1e6, 1_700_000_000_000L,
                "one order of 2000000 lots");
        deliver(to, c, a);
        assertThat(flaky).hasSize(2);                       // 503, then delivered
        assertThat(down).hasSize(3);                        // three attempts, all refused

        try (ClickHouseSql sql = new ClickHouseSql(c)) {
            String latest = sql.query("SELECT receiver, alert_id, rule, symbol, stream, state, toUnixTimestamp(event_time),"
                    + " delivery, attempts, reason FROM deliveries.alert_deliveries FINAL ORDER BY receiver FORMAT TabSeparated");
            assertThat(latest.split("\n")).containsExactly(
                    "down\t" + a.alertId + "\tbig_order\tSBER\torders\tFIRING\t1700000000\tgiven_up\t3\tHTTP 500: busy, try later",
                    "flaky\t" + a.alertId + "\tbig_order\tSBER\torders\tFIRING\t1700000000\tdelivered\t2\t");
            // the way there: each retry is a row too (FINAL keeps the newest by version)
            String all = sql.query("SELECT receiver, delivery, attempts FROM deliveries.alert_deliveries"
                    + " ORDER BY receiver, version FORMAT TabSeparated");
            assertThat(all.trim().split("\n")).containsExactly("down\tretrying\t1", "down\tretrying\t2",
                    "down\tgiven_up\t3", "flaky\tretrying\t1", "flaky\tdelivered\t2");
            // the documented query lists what did not arrive
            String notDelivered = sql.query(java.nio.file.Files.readString(ClickHouseTestServer.sqlDirectory()
                    .resolve("queries/alerts_not_delivered.sql")).replace("${database}", "deliveries")
                    .replaceAll("(?m)^--.*$", "").trim().replaceAll(";$", "") + " FORMAT TabSeparated");
            assertThat(notDelivered.trim().split("\n")).singleElement().satisfies(l -> assertThat(l).startsWith(
                    a.alertId + "\tdown\tbig_order\tSBER\torders\tFIRING\t"));
        }

        // a new process commits the same alert again (a restored checkpoint), and a new one
        Alert b = Alert.of("big_order", "SBER", "orders", Severity.WARNING, Alert.RESOLVED, 0, 1e6, 1_700_000_060_000L,
                "resolved");
        deliver(to, c, a, b);
        assertThat(flaky).hasSize(3).last().asString().contains("resolved"); // only b: a was delivered before
        assertThat(down).hasSize(9);                        // a was never delivered there: tried again, and b
    }
}
