package com.supercandles.jobs;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The log lines of some loggers while a test runs, as {@code LEVEL logger-short-name: message[: cause]}
 * (the cause: the attached exception's messages, outermost first), instead of on the console. Each
 * logger is given its own level, so a test can see e.g. Flink's job state changes (INFO).
 */
final class CapturedLog implements AutoCloseable {
    private final List<String> lines = new ArrayList<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final List<String> added = new ArrayList<>();
    private final Capture appender = new Capture();

    /** @param loggers logger name (a prefix of the loggers below it) to the lowest level captured there */
    CapturedLog(Map<String, Level> loggers) {
        appender.start();
        Configuration config = context.getConfiguration();
        config.addAppender(appender);
        for (Map.Entry<String, Level> l : loggers.entrySet()) {
            // not additive: captured, not printed as well (the Kafka clients write a thousand warnings in an
            // outage); the test prints what it counted
            LoggerConfig logger = new LoggerConfig(l.getKey(), l.getValue(), false);
            logger.addAppender(appender, l.getValue(), null);
            config.addLogger(l.getKey(), logger);
            added.add(l.getKey());
        }
        context.updateLoggers();
    }

    synchronized List<String> lines() {
        return new ArrayList<>(lines);
    }

    List<String> lines(Predicate<String> which) {
        return lines().stream().filter(which).toList();
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        added.forEach(config::removeLogger);
        context.updateLoggers();
        appender.stop();
    }

    private final class Capture extends AbstractAppender {
        Capture() {
            super("captured-" + System.identityHashCode(CapturedLog.this), null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent e) {
            String logger = e.getLoggerName();
            StringBuilder line = new StringBuilder().append(e.getLevel()).append(' ')
                    .append(logger.substring(logger.lastIndexOf('.') + 1)).append(": ")
                    .append(e.getMessage().getFormattedMessage());
            for (Throwable t = e.getThrown(); t != null && t.getCause() != t; t = t.getCause()) {
                line.append(": ").append(t.getMessage());
            }
            synchronized (CapturedLog.this) {
                lines.add(line.toString());
            }
        }
    }
}
