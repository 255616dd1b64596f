package com.supercandles.sinks.clickhouse;

import com.clickhouse.client.api.Client;

import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where and how to reach ClickHouse: endpoint, database, user, password, TLS. Built and validated in
 * one place; {@link #toString()} never shows the password.
 *
 * <p>Every client made here has HTTP compression off in both directions: ClickHouse 18.16 answers a
 * compressed-response request with an empty body, and a current server gains little from it on the
 * row batches the sink sends.
 */
public final class ClickHouseConnection implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private final String url;
    private final String database;
    private final String user;
    private final String password;
    private final String caCertificate;
    private final Duration connectTimeout;
    private final Duration socketTimeout;

    private ClickHouseConnection(Builder b) {
        this.url = b.url;
        this.database = b.database;
        this.user = b.user;
        this.password = b.password;
        this.caCertificate = b.caCertificate;
        this.connectTimeout = b.connectTimeout;
        this.socketTimeout = b.socketTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String url() {
        return url;
    }

    public String database() {
        return database;
    }

    public String user() {
        return user;
    }

    public boolean tls() {
        return url.startsWith("https:");
    }

    /** A new client; the caller closes it. */
    public Client newClient() {
        Client.Builder b = new Client.Builder()
                .addEndpoint(url)
                .setUsername(user)
                .setPassword(password)
                .setDefaultDatabase(database)
                .compressServerResponse(false)
                .compressClientRequest(false)
                .setConnectTimeout(connectTimeout.toMillis(), ChronoUnit.MILLIS)
                .setSocketTimeout(socketTimeout.toMillis(), ChronoUnit.MILLIS)
                // Retrying is the sink's business (with backoff and a deadline), not the client's.
                .setMaxRetries(0);
        if (!caCertificate.isEmpty()) {
            b.setRootCertificate(caCertificate);
        }
        return b.build();
    }

    /** {@code database.table}, for SQL. */
    public String qualified(String table) {
        return database + "." + table;
    }

    @Override
    public String toString() {
        return url + " database=" + database + " user=" + user + (password.isEmpty() ? "" : " password=******")
                + (caCertificate.isEmpty() ? "" : " ca=" + caCertificate);
    }

    /** Builder; {@link #build()} checks everything and names each problem with the setting to fix. */
    public static final class Builder {
        private String url;
        private String database = "supercandles";
        private String user = "default";
        private String password = "";
        private String caCertificate = "";
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration socketTimeout = Duration.ofSeconds(60);

        /** {@code http://host:8123} or {@code https://host:8443}. */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        public Builder database(String database) {
            this.database = database;
            return this;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /** The password itself (read from the environment or a file by the caller); never printed. */
        public Builder password(String password) {
            this.password = password == null ? "" : password;
            return this;
        }

        /** A PEM file with the CA that signed the server's certificate; empty: the JVM's trust store. */
        public Builder caCertificate(String path) {
            this.caCertificate = path == null ? "" : path;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder socketTimeout(Duration timeout) {
            this.socketTimeout = timeout;
            return this;
        }

        /** The connection, or IllegalArgumentException listing every problem. */
        public ClickHouseConnection build() {
            List<String> problems = problems();
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("invalid ClickHouse connection settings:\n  - "
                        + String.join("\n  - ", problems));
            }
            return new ClickHouseConnection(this);
        }

        /** Every problem with the settings, each starting with the setting's name; empty when they are fine. */
        public List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (url == null || url.isEmpty()) {
                problems.add("url is required, e.g. http://localhost:8123 or https://host:8443");
            } else {
                try {
                    URI u = new URI(url);
                    if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
                        problems.add("url must start with http:// or https://, got '" + url + "'");
                    } else if (u.getHost() == null || u.getPort() < 1 || u.getPort() > 65535) {
                        problems.add("url must name a host and port, e.g. http://localhost:8123, got '" + url + "'");
                    } else if (u.getRawPath() != null && !u.getRawPath().isEmpty() && !u.getRawPath().equals("/")
                            || u.getRawQuery() != null || u.getUserInfo() != null) {
                        problems.add("url must be only scheme://host:port (database, user and password are"
                                + " separate settings), got '" + redactUserInfo(u) + "'");
                    }
                } catch (java.net.URISyntaxException e) {
                    problems.add("url is not a URL: " + e.getReason());
                }
            }
            if (database == null || !IDENTIFIER.matcher(database).matches()) {
                problems.add("database must be a plain identifier (letters, digits, _), got '" + database + "'");
            }
            if (user == null || user.isEmpty()) {
                problems.add("user is required");
            }
            if (!caCertificate.isEmpty()) {
                if (url != null && !url.startsWith("https:")) {
                    problems.add("a CA certificate is set but the url is not https://");
                }
                if (!Files.isReadable(Paths.get(caCertificate))) {
                    problems.add("CA certificate file " + caCertificate + " cannot be read");
                }
            }
            if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()
                    || socketTimeout == null || socketTimeout.isNegative() || socketTimeout.isZero()) {
                problems.add("timeouts must be positive");
            }
            return problems;
        }

        private static String redactUserInfo(URI u) {
            return u.getUserInfo() == null ? u.toString() : u.toString().replace(u.getRawUserInfo(), "******");
        }
    }
}
