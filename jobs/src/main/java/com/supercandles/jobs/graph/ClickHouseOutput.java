package com.supercandles.jobs.graph;

import com.supercandles.jobs.config.ClickHouseSettings;
import com.supercandles.jobs.config.LiveConfig;

import com.supercandles.output.OutputKind;
import com.supercandles.output.Outputs;
import com.supercandles.sinks.alert.AlertDeliveryFields;
import com.supercandles.sinks.clickhouse.ClickHouseConnection;
import com.supercandles.sinks.clickhouse.ClickHouseFailure;
import com.supercandles.sinks.clickhouse.ClickHouseMigrations;
import com.supercandles.sinks.clickhouse.ClickHouseRows;
import com.supercandles.sinks.clickhouse.ClickHouseSink;
import com.supercandles.sinks.clickhouse.ClickHouseSql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The job's ClickHouse output, from the {@code clickhouse.*} settings: the connection, the sink of
 * each output kind's table, and the start-up step that checks the server (and migrates when
 * asked) before any record flows, so a wrong setting stops the start with what to fix.
 */
public final class ClickHouseOutput {
    private final ClickHouseConnection connection;
    private final ClickHouseSettings.SinkSettings settings;
    private final boolean migrate;
    private final Set<String> optIns;

    private ClickHouseOutput(LiveConfig config, boolean migrate) {
        this.connection = ClickHouseSettings.connection(config);
        this.settings = ClickHouseSettings.sinkSettings(config);
        this.migrate = migrate;
        this.optIns = optIns(config);
    }

    /** The output, or null when {@code clickhouse.url} is empty. */
    public static ClickHouseOutput of(LiveConfig config) {
        return config.get("clickhouse.url").isEmpty() ? null
                : new ClickHouseOutput(config, Boolean.parseBoolean(config.get("clickhouse.migrate")));
    }

    /** The output of {@code migrate}: {@link #prepare()} always migrates. */
    public static ClickHouseOutput migrating(LiveConfig config) {
        return new ClickHouseOutput(config, true);
    }

    private static Set<String> optIns(LiveConfig config) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : config.get("clickhouse.opt-in").split(",")) {
            if (!name.isBlank()) {
                names.add(name.trim());
            }
        }
        return names;
    }

    public ClickHouseConnection connection() {
        return connection;
    }

    /**
     * Connects, migrates if {@code clickhouse.migrate} is set, and checks that the tables exist.
     * Returns what it did, one line each.
     */
    public List<String> prepare() throws ClickHouseFailure {
        List<String> report = new ArrayList<>();
        try (ClickHouseSql sql = new ClickHouseSql(connection)) {
            report.add("ClickHouse " + sql.serverVersion() + " at " + connection);
            if (migrate) {
                for (String line : ClickHouseMigrations.fromClasspath().apply(sql, optIns)) {
                    report.add("migration " + line);
                }
            }
            List<String> tables = new ArrayList<>();
            for (OutputKind<?> kind : Outputs.ALL) {
                tables.add(kind.table());
            }
            tables.add(AlertDeliveryFields.TABLE_NAME);
            for (String table : tables) {
                if (!sql.tableExists(table)) {
                    throw new IllegalStateException("ClickHouse table " + connection.qualified(table) + " does not exist:"
                            + " run `bin/supercandles migrate` with the same clickhouse.* settings, or start with"
                            + " clickhouse.migrate=true");
                }
            }
        }
        return report;
    }

    /** The sink of a kind's table. */
    public <T> ClickHouseSink<T> sink(OutputKind<T> kind) {
        return settings.<T>builder().connection(connection).table(kind.table()).encoder(ClickHouseRows.of(kind)).build();
    }

    /** Where the alert receivers' delivery states go (the alert_deliveries table). */
    org.apache.flink.util.function.SerializableFunction<org.apache.flink.metrics.MetricGroup,
            com.supercandles.sinks.alert.DeliveryLog> deliveryLog() {
        return com.supercandles.sinks.clickhouse.ClickHouseDeliveryLog.factory(connection, settings.interval,
                settings.retryTimeout);
    }
}
