package com.supercandles.jobs.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of one command: declared with their help text, parsed from {@code --name value}
 * arguments, and read with conversions whose errors say which option is wrong and how to write it.
 */
public final class CommandOptions {

    /** A wrong command line; the message says what to fix. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }

    private static final class Spec {
        final String name;
        final String valueName;
        final String help;
        final String defaultText;

        Spec(String name, String valueName, String help, String defaultText) {
            this.name = name;
            this.valueName = valueName;
            this.help = help;
            this.defaultText = defaultText;
        }
    }

    private final String command;
    private final String summary;
    private final Map<String, Spec> specs = new LinkedHashMap<>();
    private final Map<String, String> values = new LinkedHashMap<>();
    private final java.util.List<String> passThroughPrefixes = new ArrayList<>();
    private boolean keysCheckedLater;
    private Problems deferred = Problems.ofOptions();

    public CommandOptions(String command, String summary) {
        this.command = command;
        this.summary = summary;
    }

    /** Declares {@code --name VALUE}; {@code defaultText} null marks it required. */
    public CommandOptions option(String name, String valueName, String help, String defaultText) {
        specs.put(name, new Spec(name, valueName, help, defaultText));
        return this;
    }

    /**
     * Unknown options do not stop the parse: their problems wait in {@link #deferred()} for the command's
     * check of its settings, so that a misspelt flag and a wrong value come back in the same run.
     */
    public CommandOptions checkUnknownWithSettings() {
        keysCheckedLater = true;
        return this;
    }

    /** The unknown options of a parse under {@link #checkUnknownWithSettings()}. */
    public Problems deferred() {
        return deferred;
    }

    /** Accepts any {@code --PREFIXname value} as well, for settings passed on as they are (Kafka's). */
    public CommandOptions passThrough(String prefix, String help) {
        passThroughPrefixes.add(prefix);
        specs.put(prefix + "*", new Spec(prefix + "*", "VALUE", help, ""));
        return this;
    }

    /** The pass-through options of the first prefix given, without the prefix: settings for a Kafka client. */
    public java.util.Properties passedThrough() {
        java.util.Properties p = new java.util.Properties();
        String prefix = passThroughPrefixes.isEmpty() ? null : passThroughPrefixes.get(0);
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (prefix != null && e.getKey().startsWith(prefix)) {
                p.setProperty(e.getKey().substring(prefix.length()), e.getValue());
            }
        }
        return p;
    }

    /** Only the options given on the command line, by name. */
    public Map<String, String> given() {
        return new LinkedHashMap<>(values);
    }

    /** Parses the arguments; returns false when help was asked for (and printed to {@code out}). */
    public boolean parse(String[] args, java.io.PrintStream out) throws UsageException {
        Problems unknown = Problems.ofOptions();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                out.println(help());
                return false;
            }
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "': options are written --name value");
            }
            String name = arg.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            boolean passed = false;
            for (String prefix : passThroughPrefixes) {
                passed |= name.startsWith(prefix) && name.length() > prefix.length();
            }
            if (!specs.containsKey(name) && !passed) {
                // go on to report every unknown option at once; what follows it is its value, if not an option
                unknown.add("unknown option --" + name + " for '" + command + "'" + nearMiss(name));
                if (inline == null && i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    i++;
                }
                continue;
            }
            String value = inline;
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException("option --" + name + " needs a value: --" + name + " "
                            + (passed ? "VALUE" : specs.get(name).valueName));
                }
                value = args[++i];
            }
            values.put(name, value);
        }
        int unknownOptions = unknown.count();
        for (Spec s : specs.values()) {
            if (s.defaultText == null && !values.containsKey(s.name)) {
                unknown.add("missing required option --" + s.name + " " + s.valueName);
            }
        }
        if (keysCheckedLater && unknown.count() == unknownOptions) {
            deferred = unknown; // only unknown options: the settings' check reports them with its own
        } else if (!unknown.isEmpty()) {
            throw new UsageException(unknown.report(null));
        }
        return true;
    }

    /** "; did you mean --X?" for an option name near a declared one (or under a pass-through prefix), else "". */
    private String nearMiss(String name) {
        List<String> names = new ArrayList<>(List.of("help"));
        for (String spec : specs.keySet()) {
            if (!spec.endsWith("*")) {
                names.add(spec);
            }
        }
        List<String> near = NearMiss.nearestKey(name, names, passThroughPrefixes);
        return NearMiss.didYouMean(near.stream().map(n -> "--" + n).toList());
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public String text(String name) {
        String v = values.get(name);
        return v != null ? v : specs.get(name).defaultText;
    }

    public double positiveNumber(String name) throws UsageException {
        return number(name, false);
    }

    public double nonNegativeNumber(String name) throws UsageException {
        return number(name, true);
    }

    /** A finite number above 0 (or from 0 on, when {@code zeroAllowed}). */
    private double number(String name, boolean zeroAllowed) throws UsageException {
        String text = text(name);
        try {
            double v = Double.parseDouble(text);
            if (Double.isFinite(v) && (v > 0 || zeroAllowed && v == 0)) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("--" + name + " must be a number " + (zeroAllowed ? ">=" : ">") + " 0, got '" + text + "'");
    }

    public int positiveInt(String name) throws UsageException {
        String text = text(name);
        try {
            int v = Integer.parseInt(text);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("--" + name + " must be a whole number > 0, got '" + text + "'");
    }

    public long longValue(String name) throws UsageException {
        String text = text(name);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, got '" + text + "'");
        }
    }

    public boolean bool(String name) throws UsageException {
        String text = text(name);
        if (!text.equals("true") && !text.equals("false")) {
            throw new UsageException("--" + name + " must be true or false, got '" + text + "'");
        }
        return text.equals("true");
    }

    public Duration duration(String name) throws UsageException {
        try {
            return Durations.parse(text(name), "--" + name);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    String help() {
        List<String> lines = new ArrayList<>();
        lines.add("Usage: bin/supercandles " + command + " [options]");
        lines.add("");
        lines.add(summary);
        lines.add("");
        lines.add("Options:");
        for (Spec s : specs.values()) {
            String head = "  --" + s.name + " " + s.valueName;
            String tail = s.defaultText == null ? " (required)"
                    : s.defaultText.isEmpty() ? "" : " (default: " + s.defaultText + ")";
            lines.add(head);
            lines.add("      " + s.help + tail);
        }
        lines.add("  --help");
        lines.add("      Show this help.");
        lines.add("  --verbose");
        lines.add("      On errors, the stack trace; on the console, every library's warnings too.");
        return String.join(System.lineSeparator(), lines);
    }
}
