package com.supercandles.jobs.kafka;


import com.supercandles.jobs.cli.Progress;
import com.supercandles.jobs.cli.UserMessages;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A bounded look at a Kafka cluster before a command relies on it: the clients themselves wait a minute
 * or more for an unreachable broker and then fail with a trace (or, in a Flink source, restart forever),
 * so every command that talks to Kafka asks first and says in one line what to check.
 */
public final class BrokerCheck {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** The brokers cannot be reached, refused the client, or lack topics the command needs. */
    public static final class Failed extends IOException {
        private static final long serialVersionUID = 1L;

        Failed(String message) {
            super(message);
        }
    }

    private BrokerCheck() {}

    /**
     * Connects within {@code timeout} and returns the topics of {@code needed} that do not exist.
     *
     * @throws Failed when no broker answers in time or the cluster refuses the client
     */
    public static List<String> missingTopics(Properties client, Collection<String> needed, Duration timeout)
            throws Failed, InterruptedException {
        String servers = client.getProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        Properties p = new Properties();
        p.putAll(client);
        int ms = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("the time to wait for Kafka (bootstrap.check-timeout) must be positive");
        }
        for (String server : String.valueOf(servers).split(",")) {
            if (!server.trim().matches("[A-Za-z0-9._\\-\\[\\]:]+:\\d{1,5}")) {
                throw new Failed("bootstrap.servers: '" + server.trim() + "' is not host:port (e.g. localhost:9092)");
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Progress waiting = Progress.status("connecting to Kafka at " + servers)) {
            return missingTopics(p, servers, needed, timeout, deadline);
        }
    }

    private static List<String> missingTopics(Properties p, String servers, Collection<String> needed, Duration timeout,
                                              long deadline) throws Failed, InterruptedException {
        Admin admin;
        try {
            admin = Admin.create(p);
        } catch (RuntimeException e) {
            throw new Failed("cannot connect to Kafka at " + servers + ": " + UserMessages.of(e)
                    + "; check bootstrap.servers and the kafka.* client settings");
        }
        try {
            admin.describeCluster().nodes().get(remaining(deadline), TimeUnit.NANOSECONDS);
            Set<String> existing = admin.listTopics().names().get(remaining(deadline), TimeUnit.NANOSECONDS);
            List<String> missing = new ArrayList<>();
            for (String t : needed) {
                if (!existing.contains(t) && !missing.contains(t)) {
                    missing.add(t);
                }
            }
            return missing;
        } catch (TimeoutException e) {
            throw unreachable(servers, timeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AuthenticationException) {
                throw new Failed("Kafka at " + servers + " refused the client's credentials (" + firstLine(cause)
                        + "): check the kafka.security.protocol and kafka.sasl.* settings");
            }
            if (cause instanceof AuthorizationException) {
                throw new Failed("Kafka at " + servers + " does not allow this client to describe the cluster or list"
                        + " its topics (" + firstLine(cause) + "): check the client's ACLs");
            }
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unreachable(servers, timeout);
            }
            throw new Failed("Kafka at " + servers + ": " + firstLine(cause));
        } finally {
            admin.close(Duration.ofSeconds(1));
        }
    }

    /** Fails unless every topic of {@code needed} exists, naming the missing ones and how to create them. */
    public static void requireTopics(Properties client, Collection<String> needed, Duration timeout)
            throws Failed, InterruptedException {
        List<String> missing = missingTopics(client, needed, timeout);
        if (!missing.isEmpty()) {
            throw noTopics(client, missing);
        }
    }

    /**
     * Fails unless every input topic exists, and every output topic too unless the brokers create
     * topics on first use ({@code auto.create.topics.enable}); returns the output topics that they will.
     */
    public static List<String> requireTopics(Properties client, Collection<String> inputs, Collection<String> outputs,
                                             Duration timeout) throws Failed, InterruptedException {
        List<String> all = new ArrayList<>(inputs);
        all.addAll(outputs);
        List<String> missing = missingTopics(client, all, timeout);
        List<String> missingOutputs = new ArrayList<>(missing);
        missingOutputs.retainAll(outputs);
        if (missing.size() > missingOutputs.size() || !missingOutputs.isEmpty() && !createsTopics(client, timeout)) {
            throw noTopics(client, missing);
        }
        return missingOutputs;
    }

    private static Failed noTopics(Properties client, List<String> missing) {
        return new Failed("Kafka at " + client.getProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)
                + " has no topic " + String.join(", ", missing) + ": create " + (missing.size() == 1 ? "it" : "them")
                + " first (kafka-topics.sh --create --topic NAME --partitions N), or name existing topics in the"
                + " topic options");
    }

    /** Whether a broker of the cluster creates a topic when a producer first writes to it. */
    private static boolean createsTopics(Properties client, Duration timeout) throws InterruptedException {
        Properties p = new Properties();
        p.putAll(client);
        try (Admin admin = Admin.create(p)) {
            var node = admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).iterator().next();
            var broker = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.BROKER, node.idString());
            var config = admin.describeConfigs(List.of(broker)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .get(broker).get("auto.create.topics.enable");
            return config != null && "true".equals(config.value());
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return false; // not allowed to look: the topics must exist
        }
    }

    private static Failed unreachable(String servers, Duration timeout) {
        return new Failed("cannot reach Kafka at " + servers + " within " + timeout.toSeconds() + " s: check that a"
                + " broker runs there and that bootstrap.servers (and any kafka.security.* settings) are right");
    }

    private static long remaining(long deadline) {
        return Math.max(1, deadline - System.nanoTime());
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
