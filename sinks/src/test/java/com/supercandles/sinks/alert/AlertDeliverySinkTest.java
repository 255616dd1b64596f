package com.supercandles.sinks.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import com.supercandles.alert.Alert;
import com.supercandles.alert.Severity;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery to real HTTP servers on loopback: a webhook receiver and a fake Telegram Bot API. Requests are
 * checked as they arrive (method, path with the token, body); a receiver that fails first and one that
 * hangs.
 */
class AlertDeliverySinkTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final String TOKEN = "123456:SECRET-bot-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Outcomes of the test's deliveries (the sink reports to it from the delivery threads). */
    static final List<String> OUTCOMES = Collections.synchronizedList(new ArrayList<>());

    private final List<HttpServer> servers = new ArrayList<>();

    /** A receiver on loopback: records "METHOD path body" per request, answers with {@code status(n)}. */
    private HttpServer server(List<String> requests, java.util.function.IntUnaryOperator status, long delayMs)
            throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger n = new AtomicInteger();
        s.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + body);
            if (delayMs > 0) {
                try {
                    Thread.sleep(delayMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int code = status.applyAsInt(n.incrementAndGet());
            byte[] answer = (code == 200 ? "{\"ok\":true}" : "{\"ok\":false}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        s.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        s.start();
        servers.add(s);
        return s;
    }

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
        OUTCOMES.clear();
    }

    private static String url(HttpServer s) {
        return "http://127.0.0.1:" + s.getAddress().getPort();
    }

    private static Alert alert(String rule, Severity severity, long t) {
        return Alert.of(rule, "BTCUSD", "trades", severity, Alert.FIRING, 2.5, 1.0, t, rule + " happened on BTCUSD");
    }

    private static DeliveryPolicy fast() {
        DeliveryPolicy p = new DeliveryPolicy();
        p.initialBackoff = Duration.ofMillis(50);
        p.maxBackoff = Duration.ofMillis(200);
        p.drainOnClose = Duration.ofSeconds(10);
        return p;
    }

    private static void run(List<Alert> alerts, List<AlertReceiver> receivers, DeliveryPolicy policy) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(200);
        env.setParallelism(1);
        env.fromData(alerts, TypeInformation.of(Alert.class))
                .sinkTo(new AlertDeliverySink(receivers, policy, metrics -> new RecordingLog())).uid("alert-sink");
        env.execute("alert delivery");
    }

    /** Reports outcomes to {@link #OUTCOMES}. */
    static final class RecordingLog implements DeliveryLog {
        @Override
        public void delivered(Alert alert, AlertReceiver receiver, int attempts) {
            OUTCOMES.add("delivered " + alert.rule + " to " + receiver.name() + " after " + attempts);
        }

        @Override
        public void retrying(Alert alert, AlertReceiver receiver, int attempt, String reason) {
            OUTCOMES.add("retrying " + alert.rule + " to " + receiver.name() + " attempt " + attempt + ": " + reason);
        }

        @Override
        public void givenUp(Alert alert, AlertReceiver receiver, int attempts, String reason) {
            OUTCOMES.add("given up " + alert.rule + " to " + receiver.name() + " after " + attempts + ": " + reason);
        }

        @Override
        public void delivered(Alert alert, AlertReceiver receiver, int attempts, boolean afterRestore) {
            delivered(alert, receiver, attempts);
            if (afterRestore) {
                OUTCOMES.add("after restore " + alert.rule + " to " + receiver.name());
            }
        }

        @Override
        public void resumed(Alert alert, AlertReceiver receiver, int attemptsBefore) {
            OUTCOMES.add("resumed " + alert.rule + " to " + receiver.name() + " after " + attemptsBefore);
        }
    }

    @Test
    void webhooksAndTelegramGetEachAlertTheyAskForOnce() throws Exception {
        List<String> hook = Collections.synchronizedList(new ArrayList<>());
        List<String> telegram = Collections.synchronizedList(new ArrayList<>());
        HttpServer hookServer = server(hook, n -> 200, 0);
        HttpServer telegramServer = server(telegram, n -> 200, 0);
        List<AlertReceiver> receivers = List.of(
                new WebhookReceiver("desk", url(hookServer) + "/hooks/abc123", Severity.WARNING, Set.of(), Duration.ofSeconds(5)),
                new TelegramReceiver(url(telegramServer), TOKEN, "-1001234", Severity.INFO, Set.of("big_order"),
                        Duration.ofSeconds(5)));
        run(List.of(alert("ts_backwards", Severity.WARNING, 1_000), alert("order_off_mid", Severity.INFO, 2_000),
                alert("big_order", Severity.CRITICAL, 3_000)), receivers, fast());

        // the webhook: warning and above, any rule
        assertThat(hook).hasSize(2).allSatisfy(r -> assertThat(r).startsWith("POST /hooks/abc123 {\"text\":\""));
        assertThat(hook).anySatisfy(r -> assertThat(r).contains("WARNING FIRING: ts_backwards on BTCUSD (trades) at "
                + "1970-01-01T00:00:01Z\\nts_backwards happened on BTCUSD\\nvalue 2.5, threshold 1.0\\nalert "));
        assertThat(hook).anySatisfy(r -> assertThat(r).contains("CRITICAL FIRING: big_order"));
        // beside the text, the alert's identity as fields: a receiver drops repeats by alert_id
        Alert big = alert("big_order", Severity.CRITICAL, 3_000);
        assertThat(hook).anySatisfy(r -> {
            JsonNode body = JSON.readTree(r.substring(r.indexOf('{')));
            assertThat(body.get("alert_id").asText()).isEqualTo(big.alertId);
            assertThat(body.get("rule").asText()).isEqualTo("big_order");
            assertThat(body.get("symbol").asText()).isEqualTo("BTCUSD");
            assertThat(body.get("stream").asText()).isEqualTo("trades");
            assertThat(body.get("severity").asText()).isEqualTo("critical");
            assertThat(body.get("state").asText()).isEqualTo("FIRING");
            assertThat(body.get("event_time").asLong()).isEqualTo(3_000);
            assertThat(body.get("text").asText()).endsWith("\nalert " + big.alertId);
        });
        // Telegram: its rule only, to its chat, the token in the path; sendMessage has no field for the id, so
        // it is the text's last line, marked as code
        assertThat(telegram).singleElement().satisfies(r -> {
            assertThat(r).startsWith("POST /bot" + TOKEN + "/sendMessage {\"chat_id\":-1001234,\"text\":\"")
                    .contains("big_order happened on BTCUSD");
            JsonNode body = JSON.readTree(r.substring(r.indexOf('{')));
            String text = body.get("text").asText();
            JsonNode entity = body.get("entities").get(0);
            assertThat(entity.get("type").asText()).isEqualTo("code");
            assertThat(text.substring(entity.get("offset").asInt(), entity.get("offset").asInt() + entity.get("length").asInt()))
                    .isEqualTo(big.alertId);
            assertThat(body.has("alert_id")).as("no field Telegram does not know").isFalse();
        });
        assertThat(OUTCOMES).hasSize(3).allMatch(o -> o.startsWith("delivered") && o.endsWith("after 1"));
        assertThat(receivers.get(1).describe()).doesNotContain(TOKEN);
        assertThat(receivers.get(0).describe()).doesNotContain("abc123");
    }

    @Test
    void aReceiverDownAtFirstGetsTheAlertOnceWhenItIsBack() throws Exception {
        List<String> hook = Collections.synchronizedList(new ArrayList<>());
        HttpServer down = server(hook, n -> n <= 2 ? 503 : 200, 0);
        run(List.of(alert("trade_corridor", Severity.WARNING, 5_000)),
                List.of(new WebhookReceiver("desk", url(down) + "/x", Severity.INFO, Set.of(), Duration.ofSeconds(5))), fast());
        assertThat(hook).hasSize(3);
        assertThat(OUTCOMES).containsExactly(
                "retrying trade_corridor to desk attempt 1: HTTP 503: {\"ok\":false}",
                "retrying trade_corridor to desk attempt 2: HTTP 503: {\"ok\":false}",
                "delivered trade_corridor to desk after 3");
    }

    @Test
    void aHangingReceiverNeitherHoldsTheJobNorLeaksTheToken() throws Exception {
        List<String> telegram = Collections.synchronizedList(new ArrayList<>());
        HttpServer hanging = server(telegram, n -> 200, 20_000);
        DeliveryPolicy policy = fast();
        policy.maxAttempts = 2;
        policy.drainOnClose = Duration.ofSeconds(3);
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            alerts.add(alert("big_order", Severity.WARNING, i));
        }
        long t0 = System.nanoTime();
        run(alerts, List.of(new TelegramReceiver(url(hanging), TOKEN, "42", Severity.INFO, Set.of(),
                Duration.ofMillis(300))), policy);
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertThat(seconds).as("the job ends within its drain time, not after the receiver's 20 s").isLessThan(15);
        assertThat(OUTCOMES).isNotEmpty().noneMatch(o -> o.contains(TOKEN)).noneMatch(o -> o.startsWith("delivered"));
        assertThat(OUTCOMES).anyMatch(o -> o.startsWith("retrying big_order") && o.contains("http timeout"));
        assertThat(OUTCOMES.stream().filter(o -> o.startsWith("given up")).count()).as(OUTCOMES.toString()).isEqualTo(5);
    }

    @Test
    void telegramTextIsCutToItsLimitKeepingTheIdLine() {
        Alert a = alert("big_order", Severity.WARNING, 1_000);
        a.message = "x".repeat(10_000);
        String text = AlertText.of(a, TelegramReceiver.MAX_TEXT);
        assertThat(text).hasSize(TelegramReceiver.MAX_TEXT).endsWith("\u2026\nvalue 2.5, threshold 1.0\nalert " + a.alertId)
                .startsWith("\u26a0 WARNING FIRING: big_order on BTCUSD (trades) at 1970-01-01T00:00:01Z\nxxx");
        assertThat(AlertText.of(alert("big_order", Severity.WARNING, 1_000), TelegramReceiver.MAX_TEXT))
                .isEqualTo(AlertText.of(alert("big_order", Severity.WARNING, 1_000)));
    }

    @Test
    void aFullQueueGivesAlertsUpAtOnceAndSaysSo() throws Exception {
        List<String> requests = Collections.synchronizedList(new ArrayList<>());
        HttpServer hanging = server(requests, n -> 200, 20_000);
        DeliveryPolicy policy = fast();
        policy.queueCapacity = 2;
        RecordingLog log = new RecordingLog();
        AlertDeliveries deliveries = new AlertDeliveries(List.of(new WebhookReceiver("desk", url(hanging) + "/x",
                Severity.INFO, Set.of(), Duration.ofSeconds(30))), policy, log);
        long t0 = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            deliveries.submit(alert("big_order", Severity.WARNING, i));
        }
        long micros = (System.nanoTime() - t0) / 1_000;
        assertThat(micros).as("submitting never waits for the receiver").isLessThan(1_000_000);
        assertThat(OUTCOMES).as("beyond the queue's 2, given up at once").hasSize(3)
                .allMatch(o -> o.equals("given up big_order to desk after 0: queue full (2 alerts waiting for desk)"));
        assertThat(deliveries.pendingCount()).isEqualTo(2);
        assertThat(deliveries.stop()).as("a stop gives nothing up: the checkpoint has them").isEqualTo(2);
        assertThat(OUTCOMES).hasSize(3);
    }

    /** Fails the job once, when the receiver has refused every alert: the restart resumes them. */
    static final java.util.concurrent.atomic.AtomicLong FAILED_AT = new java.util.concurrent.atomic.AtomicLong();
    static final java.util.concurrent.atomic.AtomicInteger REFUSED = new java.util.concurrent.atomic.AtomicInteger();

    @Test
    void aFailoverWhileTheReceiverRefusesResumesTheRetriesAndGivesNothingUp() throws Exception {
        FAILED_AT.set(0);
        REFUSED.set(0);
        List<String> hook = Collections.synchronizedList(new ArrayList<>());
        // refuses until 2 s after the failure, then takes everything
        HttpServer server = server(hook, n -> {
            long failed = FAILED_AT.get();
            if (failed > 0 && System.currentTimeMillis() > failed + 2_000) {
                return 200;
            }
            REFUSED.incrementAndGet();
            return 503;
        }, 0);
        org.apache.flink.configuration.Configuration conf = new org.apache.flink.configuration.Configuration();
        conf.set(org.apache.flink.configuration.RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(org.apache.flink.configuration.RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        conf.set(org.apache.flink.configuration.RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.enableCheckpointing(200);
        env.setParallelism(1);
        DeliveryPolicy policy = fast();
        policy.maxAttempts = 1_000;
        // shorter than the receiver's refusal after the failure: a failover that drained and gave up (the way
        // before) would lose them
        policy.drainOnClose = Duration.ofSeconds(1);
        env.fromSequence(1, 200)
                .map(i -> {
                    Thread.sleep(50); // 10 s in all: a live feed's pace
                    if (i == 100 && FAILED_AT.get() == 0 && REFUSED.get() >= 5) {
                        FAILED_AT.set(System.currentTimeMillis());
                        throw new IllegalStateException("injected failure");
                    }
                    return i;
                })
                .filter(i -> i <= 5)
                .map(i -> alert("rule_" + i, Severity.WARNING, i), TypeInformation.of(Alert.class))
                .sinkTo(new AlertDeliverySink(List.of(new WebhookReceiver("desk", url(server) + "/x", Severity.INFO,
                        Set.of(), Duration.ofSeconds(5))), policy, metrics -> new RecordingLog())).uid("alert-sink");
        env.execute("alert delivery across a failover");

        assertThat(FAILED_AT.get()).as("the job failed once").isPositive();
        List<String> ids = new ArrayList<>(); // each request's alert id, from the text's last line
        for (String r : hook) {
            String text = JSON.readTree(r.substring(r.indexOf('{'))).get("text").asText();
            ids.add(text.substring(text.lastIndexOf("\nalert ") + 7));
        }
        List<String> delivered = OUTCOMES.stream().filter(o -> o.startsWith("delivered")).toList();
        assertThat(delivered).as(OUTCOMES.toString()).hasSize(5);
        assertThat(OUTCOMES).as("nothing given up at the failure").noneMatch(o -> o.startsWith("given up"));
        assertThat(OUTCOMES).as("the restored retries").filteredOn(o -> o.startsWith("resumed")).hasSize(5);
        assertThat(ids.stream().filter(r -> ids.indexOf(r) != ids.lastIndexOf(r)).distinct().count()).isEqualTo(5);
    }

    /**
     * The committed batches' bytes, as the sink wrote them before the pending deliveries were kept (these
     * bytes came from that code): a checkpoint of that version restores, and its batches are delivered.
     */
    @Test
    void committedBatchesKeepTheirBytes() throws Exception {
        Alert x = new Alert();
        x.alertId = "5f0c0a1b2c3d4e5f60718293a4b5c6d7";
        x.rule = "feed_stale";
        x.symbol = "SIM0001";
        x.stream = "book";
        x.severity = "critical";
        x.state = "FIRING";
        x.value = 12004.0;
        x.threshold = 10000.0;
        x.eventTime = 1796146452345L;
        x.emittedAt = 1796146453000L;
        x.message = "no event for 12 s \u00e9";
        Alert y = new Alert();
        y.alertId = "00ff";
        y.rule = "big_order";
        y.symbol = "SBER";
        y.severity = "warning";
        y.state = "RESOLVED";
        y.eventTime = 1;
        y.emittedAt = 2;
        String before = "00000002010020356630633061316232633364346535663630373138323933613462356336643701000a666565645f73"
            + "74616c6501000753494d30303031010004626f6f6b010008637269746963616c010006464952494e470100146e6f2065"
            + "76656e7420666f72203132207320c3a940c772000000000040c3880000000000000001a232abd779000001a232abda08"
            + "010004303066660100096269675f6f7264657201000453424552000100077761726e696e670100085245534f4c564544"
            + "007ff80000000000007ff800000000000000000000000000010000000000000002";
        org.apache.flink.core.io.SimpleVersionedSerializer<List<Alert>> serializer =
                new AlertDeliverySink(List.of(), new DeliveryPolicy(), null).getCommittableSerializer();
        assertThat(serializer.getVersion()).isEqualTo(1);
        assertThat(java.util.HexFormat.of().formatHex(serializer.serialize(List.of(x, y)))).isEqualTo(before);
        List<Alert> back = serializer.deserialize(1, java.util.HexFormat.of().parseHex(before));
        assertThat(back).extracting(a -> a.toString()).containsExactly(x.toString(), y.toString());
    }
}
