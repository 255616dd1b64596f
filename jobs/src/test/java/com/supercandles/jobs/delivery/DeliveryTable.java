package com.supercandles.jobs.delivery;

import com.supercandles.sinks.clickhouse.ClickHouseConnection;
import com.supercandles.sinks.clickhouse.ClickHouseMigrations;
import com.supercandles.sinks.clickhouse.ClickHouseSql;
import com.supercandles.sinks.clickhouse.LocalClickHouseServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code alert_deliveries} table on a private ClickHouse server (Debian's 18.16, started on free
 * loopback ports), migrated as {@code migrate} does, read as the on-call reads it.
 */
final class DeliveryTable implements AutoCloseable {
    private static final String DATABASE = "drill";
    private final LocalClickHouseServer server;
    private final ClickHouseConnection connection;

    private DeliveryTable(LocalClickHouseServer server) throws IOException {
        this.server = server;
        this.connection = ClickHouseConnection.builder().url(server.httpUrl()).database(DATABASE).build();
        try (ClickHouseSql sql = new ClickHouseSql(connection)) {
            ClickHouseMigrations.fromClasspath().apply(sql, Set.of());
        }
    }

    static DeliveryTable start(Path dir) throws IOException {
        return new DeliveryTable(LocalClickHouseServer.start(Files.createDirectories(dir), "drill", "drill-Pa55"));
    }

    List<String> drillArguments() {
        return List.of("clickhouse=" + server.httpUrl(), "database=" + DATABASE);
    }

    /** "receiver alert_id delivery reason" of each (alert, receiver): the latest state, as FINAL merges it. */
    List<String> latestStates() throws IOException {
        return lines("SELECT receiver, alert_id, delivery, reason FROM " + DATABASE + ".alert_deliveries FINAL"
                + " FORMAT TabSeparated", 0, 1, 2, 3);
    }

    /** The same for the rows of the documented query sql/queries/alerts_not_delivered.sql. */
    List<String> notDelivered() throws IOException {
        String query = Files.readString(Paths.get(System.getProperty("user.dir")).resolve("../sql/queries/alerts_not_delivered.sql")
                .normalize()).replace("${database}", DATABASE).replaceAll("(?m)^--.*$", "").trim().replaceAll(";$", "");
        // alert_id, receiver, rule, symbol, stream, state, event_time, delivery, attempts, reason, updated_at
        return lines(query + " FORMAT TabSeparated", 1, 0, 7, 9);
    }

    private List<String> lines(String query, int... columns) throws IOException {
        List<String> out = new ArrayList<>();
        try (ClickHouseSql sql = new ClickHouseSql(connection)) {
            for (String line : sql.query(query).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                StringBuilder b = new StringBuilder();
                for (int c : columns) {
                    b.append(b.length() == 0 ? "" : " ").append(f[c]);
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.close();
    }
}
