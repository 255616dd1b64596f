package com.supercandles.sinks.clickhouse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An outage of one ClickHouse server as this process (a TaskManager, or the local job) sees it, told in
 * two log lines: one when the first insert fails in a way that waiting can fix, one when the last sink
 * that was holding rows gets them in, with how long it took and how many rows waited. Every sink and
 * every attempt in between is counted, not logged (at DEBUG only): eight tables' sinks retrying every
 * few seconds used to write a warning per attempt, pages of them for one outage.
 *
 * <p>Both lines are warnings, so that the command line's console (which shows the project's warnings)
 * shows the end as well as the start. An outage outlives a job restart: when a sink gives up (the
 * retry timeout) the job fails and restarts, and its new sinks continue the same outage, without a
 * second first line; the first insert that passes after it ends it.
 */
final class ClickHouseOutage {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseOutage.class);
    /** Open outages by server URL. */
    private static final Map<String, ClickHouseOutage> OPEN = new HashMap<>();

    private final long sinceMs;
    /** The sinks (inserters) holding a batch now, with its rows. */
    private final Map<Object, Integer> holding = new IdentityHashMap<>();
    private final Set<String> tables = new TreeSet<>();
    private long rowsHeld;
    private long failedAttempts;

    private ClickHouseOutage(long sinceMs) {
        this.sinceMs = sinceMs;
    }

    /**
     * An attempt of {@code inserter} to insert its batch of {@code rows} rows into {@code table} failed
     * with {@code failure}, which waiting can fix; it will retry. Opens the outage (one line) if none is.
     */
    static void failed(ClickHouseConnection connection, Object inserter, String table, int rows,
                       ClickHouseFailure failure, Duration retryTimeout, long nowMs) {
        synchronized (OPEN) {
            ClickHouseOutage outage = OPEN.get(connection.url());
            if (outage == null) {
                outage = new ClickHouseOutage(nowMs);
                OPEN.put(connection.url(), outage);
                LOG.warn("ClickHouse at {} is unreachable ({}): the job holds its rows and retries every few seconds,"
                                + " slowing down meanwhile (nothing is dropped); if it is still away after {} (the retry"
                                + " timeout) the job fails and restarts from its last checkpoint",
                        connection.url(), reason(failure, connection), words(retryTimeout));
            }
            if (outage.holding.putIfAbsent(inserter, rows) == null) {
                outage.rowsHeld += rows;
                outage.tables.add(table);
            }
            outage.failedAttempts++;
        }
    }

    /** {@code inserter} got its batch in: the outage (if any) ends when no other sink is holding rows. */
    static void succeeded(ClickHouseConnection connection, Object inserter, long nowMs) {
        synchronized (OPEN) {
            ClickHouseOutage outage = OPEN.get(connection.url());
            if (outage == null) {
                return;
            }
            outage.holding.remove(inserter);
            if (outage.holding.isEmpty()) {
                OPEN.remove(connection.url());
                LOG.warn("ClickHouse at {} is back after {}: {} of {} held back meanwhile {} written ({})",
                        connection.url(), seconds(nowMs - outage.sinceMs), count(outage.rowsHeld, "row"),
                        outage.tables.size() == 1 ? "table " + outage.tables.iterator().next()
                                : outage.tables.size() + " tables (" + String.join(", ", outage.tables) + ")",
                        outage.rowsHeld == 1 ? "is" : "are", count(outage.failedAttempts, "failed attempt"));
            }
        }
    }

    /**
     * {@code inserter} stopped holding its rows without getting them in (it gave up, or its task is
     * cancelled): the outage stays open for the sinks of the restarted job.
     */
    static void abandoned(ClickHouseConnection connection, Object inserter) {
        synchronized (OPEN) {
            ClickHouseOutage outage = OPEN.get(connection.url());
            if (outage != null) {
                outage.holding.remove(inserter);
            }
        }
    }

    /** The failure without the server's address, which the line names once. */
    private static String reason(ClickHouseFailure failure, ClickHouseConnection connection) {
        return failure.getMessage().replace(" on ClickHouse at " + connection.url(), "")
                .replace("ClickHouse at " + connection.url() + " ", "");
    }

    private static String count(long n, String what) {
        return String.format(Locale.ROOT, "%,d %s%s", n, what, n == 1 ? "" : "s");
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** A duration as a person writes it: 10 min, 45 s, 500 ms. */
    static String words(Duration d) {
        long ms = d.toMillis();
        if (ms >= 60_000 && ms % 60_000 == 0) {
            return ms / 60_000 + " min";
        }
        return ms >= 1_000 && ms % 1_000 == 0 ? ms / 1_000 + " s" : ms + " ms";
    }
}
