package com.supercandles.sinks.clickhouse;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How an outage is told: one line when it starts and one when the last sink holding rows gets them in,
 * however many sinks and attempts there are in between, and across a job restart. (The live job's
 * version, with a real server and job: OutageFaultTest in the jobs module.)
 */
class ClickHouseOutageTest {
    private static final String LOGGER = ClickHouseOutage.class.getName();
    private final List<String> lines = new ArrayList<>();
    private AbstractAppender appender;

    @BeforeEach
    void capture() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        appender = new AbstractAppender("outage-test", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent e) {
                lines.add(e.getLevel() + " " + e.getMessage().getFormattedMessage());
            }
        };
        appender.start();
        LoggerConfig logger = new LoggerConfig(LOGGER, Level.DEBUG, false);
        logger.addAppender(appender, Level.DEBUG, null);
        config.addLogger(LOGGER, logger);
        context.updateLoggers();
    }

    @AfterEach
    void release() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().removeLogger(LOGGER);
        context.updateLoggers();
        appender.stop();
    }

    private static ClickHouseConnection server(int port) {
        return ClickHouseConnection.builder().url("http://127.0.0.1:" + port).database("db").build();
    }

    private static ClickHouseFailure refused(ClickHouseConnection c, int rows, String table) {
        return ClickHouseFailure.of(new ConnectException("Connection refused"), "insert " + rows + " rows into db." + table, c);
    }

    @Test
    void oneLineWhenTheFirstSinkFailsAndOneWhenTheLastHolderGetsItsRowsIn() {
        ClickHouseConnection c = server(18_123);
        Object candles = new Object();
        Object signals = new Object();
        Duration retry = Duration.ofMinutes(10);
        ClickHouseOutage.succeeded(c, candles, 0); // no outage: nothing to say
        assertThat(lines).isEmpty();

        ClickHouseOutage.failed(c, candles, "db.supercandles", 30, refused(c, 30, "supercandles"), retry, 1_000);
        ClickHouseOutage.failed(c, signals, "db.signals", 125, refused(c, 125, "signals"), retry, 1_200);
        for (int attempt = 2; attempt <= 6; attempt++) { // the same batches, retried
            ClickHouseOutage.failed(c, candles, "db.supercandles", 30, refused(c, 30, "supercandles"), retry, 1_000L * attempt);
            ClickHouseOutage.failed(c, signals, "db.signals", 125, refused(c, 125, "signals"), retry, 1_000L * attempt);
        }
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).isEqualTo("WARN ClickHouse at http://127.0.0.1:18123 is unreachable (cannot insert 30"
                + " rows into db.supercandles: Connection refused): the job holds its rows and retries every few seconds,"
                + " slowing down meanwhile (nothing is dropped); if it is still away after 10 min (the retry timeout)"
                + " the job fails and restarts from its last checkpoint");

        ClickHouseOutage.succeeded(c, candles, 32_000);
        assertThat(lines).as("the signals' sink still holds its rows").hasSize(1);
        ClickHouseOutage.succeeded(c, signals, 33_500);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).isEqualTo("WARN ClickHouse at http://127.0.0.1:18123 is back after 32.5 s: 155 rows of"
                + " 2 tables (db.signals, db.supercandles) held back meanwhile are written (12 failed attempts)");

        // the next outage of the same server has its own two lines
        ClickHouseOutage.failed(c, candles, "db.supercandles", 1, refused(c, 1, "supercandles"), retry, 40_000);
        ClickHouseOutage.succeeded(c, candles, 40_600);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(3)).endsWith("is back after 0.6 s: 1 row of table db.supercandles held back meanwhile"
                + " is written (1 failed attempt)");
    }

    @Test
    void anOutageOutlivesTheRestartOfTheJobWhoseSinksGaveUp() {
        ClickHouseConnection c = server(18_124);
        Object before = new Object();
        ClickHouseOutage.failed(c, before, "db.alerts", 2, refused(c, 2, "alerts"), Duration.ofSeconds(10), 0);
        ClickHouseOutage.abandoned(c, before); // gave up: the job fails and restarts
        Object after = new Object();
        ClickHouseOutage.failed(c, after, "db.alerts", 2, refused(c, 2, "alerts"), Duration.ofSeconds(10), 12_000);
        assertThat(lines).as("the restarted job's sinks continue the same outage").hasSize(1);
        ClickHouseOutage.succeeded(c, after, 25_000);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains("is back after 25.0 s: 4 rows of table db.alerts");
        // another server's outage is its own
        ClickHouseConnection other = server(18_125);
        ClickHouseOutage.failed(other, after, "db.alerts", 2, refused(other, 2, "alerts"), Duration.ofSeconds(10), 30_000);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(2)).contains("ClickHouse at http://127.0.0.1:18125 is unreachable");
        ClickHouseOutage.succeeded(other, after, 31_000);
    }

    @Test
    void durationsAreWrittenAsPeopleWriteThem() {
        assertThat(ClickHouseOutage.words(Duration.ofMinutes(10))).isEqualTo("10 min");
        assertThat(ClickHouseOutage.words(Duration.ofSeconds(90))).isEqualTo("90 s");
        assertThat(ClickHouseOutage.words(Duration.ofMillis(1500))).isEqualTo("1500 ms");
    }
}
