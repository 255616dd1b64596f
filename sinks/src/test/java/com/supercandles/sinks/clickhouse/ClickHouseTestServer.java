package com.supercandles.sinks.clickhouse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One real ClickHouse server per test class, with a password user for the sink. */
final class ClickHouseTestServer {
    static final String USER = "writer";
    static final String PASSWORD = "s3cret-Pa55";

    private ClickHouseTestServer() {}

    static LocalClickHouseServer start() throws IOException {
        return LocalClickHouseServer.start(Files.createTempDirectory("clickhouse-test"), USER, PASSWORD);
    }

    static ClickHouseConnection admin(LocalClickHouseServer server, String database) {
        return ClickHouseConnection.builder().url(server.httpUrl()).database(database).user("default").build();
    }

    static ClickHouseConnection writer(LocalClickHouseServer server, String database) {
        return ClickHouseConnection.builder().url(server.httpUrl()).database(database)
                .user(USER).password(PASSWORD).build();
    }

    static long count(LocalClickHouseServer server, String sql) throws IOException {
        try (ClickHouseSql admin = new ClickHouseSql(admin(server, "default"))) {
            return Long.parseLong(admin.query(sql + " FORMAT TabSeparated").trim());
        }
    }

    static Path sqlDirectory() {
        return Path.of(System.getProperty("user.dir")).resolve("../sql").normalize(); // surefire runs in the module
    }
}
