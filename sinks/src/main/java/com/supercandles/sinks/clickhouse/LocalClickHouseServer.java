package com.supercandles.sinks.clickhouse;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * A private ClickHouse server for tests and the demo: the installed {@code clickhouse-server} binary
 * run as a plain process with a generated config, on free loopback ports, with its data under one
 * directory. It can be stopped and started again on the same ports and data (an outage).
 *
 * <p>Users: {@code default} without a password (administration), and optionally one user with a
 * password, for the sink.
 */
public final class LocalClickHouseServer implements AutoCloseable {
    private static final List<String> BINARIES = List.of("/usr/sbin/clickhouse-server", "/usr/bin/clickhouse-server");
    /** What to run when no server is installed: the command that installs one here. */
    public static final String INSTALL_HINT = "apt-get install clickhouse-server (bin/test installs it)";

    /** USER_HZ: 100 on every Linux architecture this runs on. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Path directory;
    private final Path binary;
    private final int httpPort;
    private final int tcpPort;
    private final int httpsPort;
    private Process process;

    private LocalClickHouseServer(Path directory, Path binary, int httpPort, int tcpPort, int httpsPort) {
        this.directory = directory;
        this.binary = binary;
        this.httpPort = httpPort;
        this.tcpPort = tcpPort;
        this.httpsPort = httpsPort;
    }

    /** The installed server binary ($CLICKHOUSE_SERVER_BIN or the Debian package's), if any. */
    public static Optional<Path> findBinary() {
        List<String> candidates = new ArrayList<>();
        String configured = System.getenv("CLICKHOUSE_SERVER_BIN");
        if (configured != null && !configured.isEmpty()) {
            candidates.add(configured);
        }
        candidates.addAll(BINARIES);
        return candidates.stream().map(Paths::get).filter(Files::isExecutable).findFirst();
    }

    /**
     * Writes a config under {@code directory} and starts the server.
     *
     * @param user     an extra user with a password (null: only {@code default})
     * @param password that user's password
     */
    public static LocalClickHouseServer start(Path directory, String user, String password) throws IOException {
        return start(directory, user, password, null, null);
    }

    /**
     * Like {@link #start(Path, String, String)}, plus an HTTPS port serving {@code certificate} (PEM,
     * for 127.0.0.1) with {@code privateKey} (PEM); null for plain HTTP only.
     */
    public static LocalClickHouseServer start(Path directory, String user, String password, Path certificate,
                                              Path privateKey) throws IOException {
        Path binary = findBinary().orElseThrow(() -> new IOException(
                "no ClickHouse server is installed (looked for $CLICKHOUSE_SERVER_BIN and " + BINARIES + "): "
                        + INSTALL_HINT));
        Files.createDirectories(directory.resolve("data"));
        Files.createDirectories(directory.resolve("tmp"));
        LocalClickHouseServer server = new LocalClickHouseServer(directory.toAbsolutePath(), binary, freePort(), freePort(),
                certificate == null ? 0 : freePort());
        server.writeConfig(user, password, certificate, privateKey);
        server.start();
        return server;
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** The HTTPS endpoint, when started with a certificate. */
    public String httpsUrl() {
        if (httpsPort == 0) {
            throw new IllegalStateException("this server was started without a certificate");
        }
        return "https://127.0.0.1:" + httpsPort;
    }

    /** Starts the server (again) on the same ports and data; returns when it answers. */
    public synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        process = new ProcessBuilder(binary.toString(), "--config-file=" + directory.resolve("config.xml"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("stdout.log").toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("ClickHouse server exited with code " + process.exitValue() + "; see "
                        + directory.resolve("error.log") + ":\n" + tail(directory.resolve("error.log")));
            }
            if (answers()) {
                return;
            }
            sleep(100);
        }
        stop();
        throw new IOException("ClickHouse server did not answer on " + httpUrl() + " within 60 s; see "
                + directory.resolve("error.log"));
    }

    /** Stops the server (SIGTERM, then SIGKILL after 30 s); data stays. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** CPU time (user + system) the running server has used, from /proc; empty where /proc is unavailable. */
    public synchronized OptionalLong cpuNanos() {
        if (process == null) {
            return OptionalLong.empty();
        }
        try {
            String stat = Files.readString(Paths.get("/proc", Long.toString(process.pid()), "stat"));
            // Fields after the command name (which may hold spaces) start after the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return OptionalLong.of(ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        stop();
    }

    private boolean answers() {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(httpUrl() + "/ping")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void writeConfig(String user, String password, Path certificate, Path privateKey) throws IOException {
        Path d = directory;
        String tls = certificate == null ? "" : "  <https_port>" + httpsPort + "</https_port>\n"
                + "  <openSSL><server><certificateFile>" + certificate.toAbsolutePath() + "</certificateFile>"
                + "<privateKeyFile>" + privateKey.toAbsolutePath() + "</privateKeyFile>"
                + "<verificationMode>none</verificationMode><loadDefaultCAFile>false</loadDefaultCAFile>"
                + "<disableProtocols>sslv2,sslv3</disableProtocols></server></openSSL>\n";
        Files.writeString(d.resolve("config.xml"), "<?xml version=\"1.0\"?>\n<yandex>\n"
                + "  <logger><level>warning</level><log>" + d.resolve("server.log") + "</log>"
                + "<errorlog>" + d.resolve("error.log") + "</errorlog><console>0</console></logger>\n"
                + "  <listen_host>127.0.0.1</listen_host>\n"
                + "  <http_port>" + httpPort + "</http_port>\n"
                + "  <tcp_port>" + tcpPort + "</tcp_port>\n"
                + "  <path>" + d.resolve("data") + "/</path>\n"
                + "  <tmp_path>" + d.resolve("tmp") + "/</tmp_path>\n"
                + "  <user_files_path>" + d.resolve("user_files") + "/</user_files_path>\n"
                + "  <format_schema_path>" + d.resolve("format_schemas") + "/</format_schema_path>\n"
                + "  <mark_cache_size>268435456</mark_cache_size>\n"
                + "  <users_config>users.xml</users_config>\n"
                + "  <default_profile>default</default_profile>\n"
                + "  <default_database>default</default_database>\n"
                + "  <timezone>UTC</timezone>\n"
                + tls
                + "</yandex>\n", StandardCharsets.UTF_8);
        String local = "<networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota>";
        String extra = user == null ? "" : "    <" + user + "><password_sha256_hex>" + Sha256.hex(password)
                + "</password_sha256_hex>" + local + "</" + user + ">\n";
        Files.writeString(d.resolve("users.xml"), "<?xml version=\"1.0\"?>\n<yandex>\n"
                + "  <profiles><default></default></profiles>\n"
                + "  <users>\n"
                + "    <default><password></password>" + local + "</default>\n"
                + extra
                + "  </users>\n"
                + "  <quotas><default></default></quotas>\n"
                + "</yandex>\n", StandardCharsets.UTF_8);
    }


    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
