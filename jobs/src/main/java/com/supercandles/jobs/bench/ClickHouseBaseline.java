package com.supercandles.jobs.bench;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.data.ClickHouseFormat;
import com.supercandles.candle.Period;
import com.supercandles.event.EventType;
import com.supercandles.sinks.clickhouse.ClickHouseConnection;
import com.supercandles.sinks.clickhouse.ClickHouseSql;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a user might do instead of the job: insert the raw trades and order log, exactly the bytes on
 * the wire (JSONEachRow), into ClickHouse tables and compute the trade and order statistics of every
 * symbol and window with SQL. Book snapshots are left out: their per-level metrics are no natural SQL.
 */
final class ClickHouseBaseline {
    private static final String DATABASE = "supercandles_benchmark";

    /** Per period: the trade statistics of {@code supercandles.md}, as a user would write them. */
    private static final String TRADE_STATS = "SELECT symbol, intDiv(ts, %d) AS w, count() AS n, "
            + "countIf(side = 'B') AS n_b, sum(qty) AS vol, sumIf(qty, side = 'B') AS vol_b, "
            + "sum(price * qty) AS val, sum(price * qty) / sum(qty) AS vwap, "
            + "argMin(price, ts) AS pr_open, argMax(price, ts) AS pr_close, max(price) AS pr_high, "
            + "min(price) AS pr_low, stddevPop(price) / vwap AS pr_std, (2 * vol_b - vol) / vol AS disb "
            + "FROM " + DATABASE + ".trades GROUP BY symbol, w FORMAT TabSeparated";
    private static final String ORDER_STATS = "SELECT symbol, intDiv(ts, %d) AS w, "
            + "countIf(action = 'put') AS puts, countIf(action = 'put' AND side = 'B') AS puts_b, "
            + "sumIf(qty, action = 'put') AS put_vol, sumIf(price * qty, action = 'put') AS put_val, "
            + "countIf(action = 'cancel') AS cancels, countIf(action = 'cancel' AND side = 'B') AS cancels_b, "
            + "sumIf(qty, action = 'cancel') AS cancel_vol, sumIf(price * qty, action = 'cancel') AS cancel_val "
            + "FROM " + DATABASE + ".orders GROUP BY symbol, w FORMAT TabSeparated";

    private final ClickHouseConnection connection;
    private final Supplier<OptionalLong> serverCpuNanos;

    /** @param serverCpuNanos the server's CPU time so far, when it is a local process; else empty */
    ClickHouseBaseline(String url, Supplier<OptionalLong> serverCpuNanos) {
        this.connection = ClickHouseConnection.builder().url(url).database(DATABASE).build();
        this.serverCpuNanos = serverCpuNanos;
    }

    /** Timings of the two phases, and the statistics' totals. */
    static final class Outcome {
        long events;
        String serverVersion;
        double insertSeconds;
        double queryMilliseconds;
        /** Server CPU seconds of each phase; negative when not measurable. */
        double insertCpuSeconds = -1;
        double queryCpuSeconds = -1;
        long resultRows;
        final CandleTally tally = new CandleTally();

        double querySeconds() {
            return queryMilliseconds / 1000;
        }
    }

    Outcome run(Map<EventType, EventTape> tapes, List<Period> periods) throws Exception {
        Outcome outcome = new Outcome();
        try (ClickHouseSql sql = new ClickHouseSql(connection); Client client = connection.newClient()) {
            outcome.serverVersion = sql.serverVersion().toString();
            sql.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
            sql.execute("DROP TABLE IF EXISTS " + DATABASE + ".trades");
            sql.execute("DROP TABLE IF EXISTS " + DATABASE + ".orders");
            sql.execute("CREATE TABLE " + DATABASE + ".trades (type String, symbol String, ts UInt64, "
                    + "trade_id String, side String, price Float64, qty Float64) ENGINE = MergeTree ORDER BY (symbol, ts)");
            sql.execute("CREATE TABLE " + DATABASE + ".orders (type String, symbol String, ts UInt64, "
                    + "order_id String, action String, side String, price Float64, qty Float64) "
                    + "ENGINE = MergeTree ORDER BY (symbol, ts)");

            byte[] trades = tapes.get(EventType.TRADE).jsonLines();
            byte[] orders = tapes.get(EventType.ORDER).jsonLines();
            outcome.events = tapes.get(EventType.TRADE).size() + tapes.get(EventType.ORDER).size();
            long cpu0 = cpu();
            long t0 = System.nanoTime();
            insert(client, "trades", trades);
            insert(client, "orders", orders);
            outcome.insertSeconds = (System.nanoTime() - t0) / 1e9;
            long cpu1 = cpu();

            long t1 = System.nanoTime();
            for (Period period : periods) {
                forEachRow(sql.query(String.format(TRADE_STATS, period.millis())), outcome, f -> {
                    outcome.tally.trades += Long.parseLong(f[2]);
                    outcome.tally.tradedValue += Double.parseDouble(f[6]);
                });
                forEachRow(sql.query(String.format(ORDER_STATS, period.millis())), outcome, f -> {
                    outcome.tally.puts += Long.parseLong(f[2]);
                    outcome.tally.cancels += Long.parseLong(f[6]);
                });
            }
            outcome.queryMilliseconds = (System.nanoTime() - t1) / 1e6;
            long cpu2 = cpu();
            if (cpu0 >= 0 && cpu2 >= 0) {
                outcome.insertCpuSeconds = (cpu1 - cpu0) / 1e9;
                outcome.queryCpuSeconds = (cpu2 - cpu1) / 1e9;
            }
            sql.execute("DROP DATABASE " + DATABASE);
        }
        return outcome;
    }

    private static void insert(Client client, String table, byte[] jsonLines) throws Exception {
        try (InsertResponse ignored = client.insert(DATABASE + "." + table, new ByteArrayInputStream(jsonLines),
                ClickHouseFormat.JSONEachRow).get(10, TimeUnit.MINUTES)) {
            // The response carries only statistics.
        }
    }

    private long cpu() {
        OptionalLong nanos = serverCpuNanos.get();
        return nanos.isPresent() ? nanos.getAsLong() : -1;
    }

    /** Calls {@code row} with the fields of each row of a TabSeparated answer, counting the rows. */
    private static void forEachRow(String tsv, Outcome outcome, Consumer<String[]> row) {
        for (String line : tsv.split("\n")) {
            if (!line.isEmpty()) {
                outcome.resultRows++;
                row.accept(line.split("\t"));
            }
        }
    }
}
