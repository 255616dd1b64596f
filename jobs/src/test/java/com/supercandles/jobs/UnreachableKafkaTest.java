package com.supercandles.jobs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command that talks to Kafka asks the brokers first, for a bounded time, and says in one line
 * which address it could not reach and what to check: no minute of silence, no page of traces.
 */
class UnreachableKafkaTest {
    private static final Path COINBASE = RecordedDataReplayTest.sharedData().resolve("coinbase-btcusd-2016-05-12");

    /** A loopback port nothing listens on: connections are refused at once. */
    private static String closedAddress() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return "127.0.0.1:" + s.getLocalPort();
        }
    }

    private static void assertOneLineAboutTheAddress(CliRun run, String command, String address, long startedNs) {
        long seconds = (System.nanoTime() - startedNs) / 1_000_000_000L;
        assertThat(run.code).as(run.err).isEqualTo(1);
        assertThat(run.err.trim()).isEqualTo("supercandles " + command + ": cannot reach Kafka at " + address
                + " within 2 s: check that a broker runs there and that bootstrap.servers (and any kafka.security.*"
                + " settings) are right");
        assertThat(seconds).as("bounded by --bootstrap.check-timeout, not the clients' minute").isLessThan(20);
    }

    @Test
    void produceTailAndLiveSayAtOnceThatTheBrokerCannotBeReached(@TempDir Path tmp) throws Exception {
        String address = closedAddress();
        long t = System.nanoTime();
        CliRun produce = CliRun.of("produce", "--bootstrap.servers", address, "--input", COINBASE.toString(),
                "--bootstrap.check-timeout", "2s");
        assertOneLineAboutTheAddress(produce, "produce", address, t);

        t = System.nanoTime();
        CliRun tail = CliRun.of("tail", "--bootstrap.servers", address, "--timeout", "5s", "--bootstrap.check-timeout", "2s");
        assertOneLineAboutTheAddress(tail, "tail", address, t);
        assertThat(tail.out).isEmpty();

        t = System.nanoTime();
        CliRun live = CliRun.of("live", "--bootstrap.servers", address, "--checkpoint.dir", tmp.resolve("ck").toString(),
                "--bootstrap.check-timeout", "2s");
        assertOneLineAboutTheAddress(live, "live", address, t);
    }
}
