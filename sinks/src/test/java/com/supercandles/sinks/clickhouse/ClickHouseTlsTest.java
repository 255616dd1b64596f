package com.supercandles.sinks.clickhouse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * HTTPS to a real ClickHouse server whose certificate is signed by a CA made here with openssl: the
 * configured CA file is trusted, a server the JVM cannot verify is refused.
 */
class ClickHouseTlsTest {

    @Test
    void theConfiguredCaIsTrustedAndAnUnverifiableServerIsRefused(@TempDir Path dir) throws Exception {
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=test CA",
                "-keyout", "ca.key", "-out", "ca.pem");
        openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
                "-keyout", "server.key", "-out", "server.csr");
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        openssl(dir, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-extfile", "san.ext", "-out", "server.pem");

        try (LocalClickHouseServer server = LocalClickHouseServer.start(dir.resolve("server"),
                ClickHouseTestServer.USER, ClickHouseTestServer.PASSWORD, dir.resolve("server.pem"), dir.resolve("server.key"))) {
            ClickHouseConnection trusted = ClickHouseConnection.builder().url(server.httpsUrl()).database("default")
                    .user(ClickHouseTestServer.USER).password(ClickHouseTestServer.PASSWORD)
                    .caCertificate(dir.resolve("ca.pem").toString()).build();
            assertThat(trusted.tls()).isTrue();
            try (ClickHouseSql sql = new ClickHouseSql(trusted)) {
                assertThat(sql.serverVersion().toString()).startsWith("18.16");
            }

            ClickHouseConnection untrusted = ClickHouseConnection.builder().url(server.httpsUrl()).database("default")
                    .user(ClickHouseTestServer.USER).password(ClickHouseTestServer.PASSWORD).build();
            try (ClickHouseSql sql = new ClickHouseSql(untrusted)) {
                assertThatThrownBy(sql::serverVersion)
                        .isInstanceOf(ClickHouseFailure.class)
                        .hasMessageContaining(server.httpsUrl())
                        .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("SSL", "PKIX", "certif"));
            }
        }
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0)
                .as("openssl " + String.join(" ", args) + ": " + Files.readString(dir.resolve("openssl.log"))).isTrue();
    }
}
