package com.supercandles.sinks.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Statements and small queries over one client, in the subset that ClickHouse 18.16 and current
 * servers both understand: the output format is named in the SQL ({@code FORMAT ...}), because 18.16
 * ignores the format header, and answers are read as text.
 */
public final class ClickHouseSql implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 120;

    private final ClickHouseConnection connection;
    private final Client client;

    public ClickHouseSql(ClickHouseConnection connection) {
        this.connection = connection;
        this.client = connection.newClient();
    }

    public ClickHouseConnection connection() {
        return connection;
    }

    /** Runs a statement that returns no rows (DDL, INSERT ... VALUES). */
    public void execute(String sql) throws ClickHouseFailure {
        try {
            client.execute(sql).get(TIMEOUT_SECONDS, TimeUnit.SECONDS).close();
        } catch (Exception e) {
            throw ClickHouseFailure.of(e, "run `" + abbreviate(sql) + "`", connection);
        }
    }

    /** The answer of {@code sql} as text; the SQL names its format, e.g. {@code FORMAT TabSeparated}. */
    public String query(String sql) throws ClickHouseFailure {
        try (QueryResponse response = client.query(sql).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
             InputStream in = response.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw ClickHouseFailure.of(e, "run `" + abbreviate(sql) + "`", connection);
        }
    }

    /** The server's version, e.g. {@code 18.16.1}: also the check that the server answers and accepts us. */
    public ServerVersion serverVersion() throws ClickHouseFailure {
        return ServerVersion.parse(query("SELECT version() FORMAT TabSeparated").trim());
    }

    /** Whether {@code database.table} exists. */
    public boolean tableExists(String table) throws ClickHouseFailure {
        return !query("SELECT name FROM system.tables WHERE database = '" + connection.database() + "' AND name = '"
                + table + "' FORMAT TabSeparated").isBlank();
    }

    private static String abbreviate(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }

    @Override
    public void close() {
        client.close();
    }
}
