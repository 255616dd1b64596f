package com.supercandles.jobs.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) in this JVM, on free
 * loopback ports, for the demo and the tests. It is Kafka's own server, not a mock: transactions,
 * consumer groups and read_committed behave as on a cluster. It can be stopped and started again on
 * the same ports and log directory ({@link #stop()}, {@link #restart()}): an outage, for the fault tests.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private final Path dataDir;
    private final boolean ownsDataDir;
    private final int brokerPort;
    private final Properties config;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(Path dataDir, boolean ownsDataDir, int brokerPort, Properties config) {
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.brokerPort = brokerPort;
        this.config = config;
    }

    /** Starts a broker with its log in a fresh temporary directory, deleted on {@link #close()}. */
    public static EmbeddedKafkaBroker start() throws IOException {
        return start(Files.createTempDirectory("supercandles-kafka-"), true);
    }

    public static EmbeddedKafkaBroker start(Path dataDir, boolean deleteOnClose) throws IOException {
        return start(dataDir, deleteOnClose, Map.of());
    }

    /**
     * A broker with some server settings of its own on top of this one's (e.g. a fast retention check
     * for a test). Time retention keeps Kafka's default, 7 days: the job stamps its records with the
     * time they are written, so that holds whatever the age of the data.
     */
    public static EmbeddedKafkaBroker start(Path dataDir, boolean deleteOnClose, Map<String, String> settings)
            throws IOException {
        int brokerPort = freePort();
        int controllerPort = freePort();
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dataDir.resolve("log").toString());
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "false");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.flush.interval.messages", "10000");
        p.putAll(settings);

        Path config = dataDir.resolve("server.properties");
        Files.createDirectories(dataDir);
        try (OutputStream out = Files.newOutputStream(config)) {
            p.store(out, "SuperCandles embedded broker");
        }
        ByteArrayOutputStream formatLog = new ByteArrayOutputStream();
        int formatted = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
                config.toString(), "--ignore-formatted"}, new PrintStream(formatLog, true, StandardCharsets.UTF_8));
        if (formatted != 0) {
            throw new IOException("could not format the Kafka log directory " + dataDir + ": "
                    + formatLog.toString(StandardCharsets.UTF_8));
        }
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir, deleteOnClose, brokerPort, p);
        broker.restart();
        return broker;
    }

    /**
     * Stops the broker as an operator's stop would (a controlled shutdown: logs flushed, producer and
     * transaction state written), keeping its log directory and ports for {@link #restart()}.
     */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /**
     * Starts the broker (again) on the same ports and log directory, with the same settings; returns when
     * it answers as a member of its cluster. Clients that knew it before reconnect by themselves.
     */
    public synchronized void restart() throws IOException {
        if (server != null) {
            return;
        }
        KafkaRaftServer started = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        started.startup();
        server = started;
        awaitReady();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /** Waits until the broker answers as a member of its cluster, not merely until its port is open. */
    private void awaitReady() throws IOException {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers());
        long deadline = System.currentTimeMillis() + 60_000;
        try (Admin admin = Admin.create(p)) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException notYet) {
                    // still starting: ask again
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IOException("the embedded Kafka broker on " + bootstrapServers() + " was not ready within 60 s");
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the broker", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        stop();
        if (ownsDataDir) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
