package com.supercandles.jobs.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.PatternLayout;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The log lines a command-line user sees on stderr (the launcher's jar carries no log configuration,
 * so that a cluster's own wins).
 *
 * <p>By default: the project's own warnings and errors, one line each with the cause's message; one
 * line each time Flink restarts the job after a failure (an unreachable broker, a dead server), with the
 * failure's cause; the libraries' errors as one line each, a repeat at most once a minute. Their traces
 * stay out of the way (a Kafka outage used to print three 35-line traces per restart). With {@code --verbose}: every warning and error, with full stack traces.
 */
public final class ConsoleLogging {
    /** Flink logs a job's state changes here, with the failure that caused a restart. */
    static final String JOB_STATES = "org.apache.flink.runtime.executiongraph.ExecutionGraph";
    private static final Pattern RESTART = Pattern.compile("Job (.*) \\([0-9a-f]+\\) switched from state \\w+ to RESTARTING.*");

    private ConsoleLogging() {}

    public static void configure(boolean verbose, PrintStream err) {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        Appender appender = verbose
                ? ConsoleAppender.newBuilder().setName("supercandles-verbose").setTarget(ConsoleAppender.Target.SYSTEM_ERR)
                        .setLayout(PatternLayout.newBuilder().withPattern("%d{HH:mm:ss.SSS} %-5p %c{1} - %m%n").build())
                        .build()
                : new OneLine(err);
        appender.start();
        config.addAppender(appender);
        LoggerConfig root = config.getRootLogger();
        for (String name : root.getAppenders().keySet()) {
            root.removeAppender(name);
        }
        root.setLevel(Level.WARN);
        root.addAppender(appender, null, null);
        if (!verbose) { // verbose shows the failures' traces at WARN already
            LoggerConfig states = new LoggerConfig(JOB_STATES, Level.INFO, false);
            states.addAppender(appender, null, null);
            config.addLogger(JOB_STATES, states);
        }
        ctx.updateLoggers();
    }

    /**
     * What the default console shows of the log: the project's own warnings, and one line per restart
     * of the job with the failure that caused it (Flink logs the failed task with its trace, then the
     * job's change to RESTARTING without one).
     */
    static final class Lines {
        private static final long REPEAT_MS = 60_000;
        private final java.util.Map<String, Long> lastShown = new java.util.HashMap<>();
        private final java.util.function.LongSupplier clockMs;
        private Throwable lastFailure;
        private int restarts;

        Lines(java.util.function.LongSupplier clockMs) {
            this.clockMs = clockMs;
        }

        /** One event as the default console shows it, or null when it is not shown. */
        synchronized String line(String logger, Level level, String message, Throwable thrown) {
            if (logger.equals(JOB_STATES)) {
                if (thrown != null && message.contains(" to FAILED")) {
                    lastFailure = thrown;
                    return null;
                }
                Matcher restart = RESTART.matcher(message);
                if (!restart.matches()) {
                    return null;
                }
                Throwable cause = thrown != null ? thrown : lastFailure;
                lastFailure = null;
                return "the job '" + restart.group(1) + "' failed and restarts (restart " + ++restarts + ")"
                        + (cause != null ? ": " + UserMessages.of(cause) : "") + " (--verbose shows the traces)";
            }
            boolean own = logger.startsWith("com.supercandles");
            if (!level.isMoreSpecificThan(own ? Level.WARN : Level.ERROR) || !own && message.contains("job failover")) {
                return null; // a failover is followed by the restart's own line
            }
            String text = level.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
            text = thrown == null ? text : text + ": " + UserMessages.of(thrown);
            if (!own) {
                // a library repeats its error each time it retries: once a minute says it
                Long shown = lastShown.get(text);
                long now = clockMs.getAsLong();
                if (shown != null && now - shown < REPEAT_MS) {
                    return null;
                }
                lastShown.put(text, now);
                text += " (" + shortName(logger) + ")";
            }
            return text;
        }

        private static String shortName(String logger) {
            return logger.substring(logger.lastIndexOf('.') + 1);
        }
    }

    private static final class OneLine extends AbstractAppender {
        private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
        private final PrintStream err;
        private final Lines lines = new Lines(System::currentTimeMillis);

        OneLine(PrintStream err) {
            super("supercandles-console", null, null, true, Property.EMPTY_ARRAY);
            this.err = err;
        }

        @Override
        public void append(LogEvent e) {
            String text = lines.line(e.getLoggerName(), e.getLevel(), e.getMessage().getFormattedMessage(), e.getThrown());
            if (text != null) {
                err.println(LocalTime.now().format(CLOCK) + " " + text);
            }
        }
    }
}
