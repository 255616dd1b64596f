package com.supercandles.jobs.config;

import com.supercandles.jobs.cli.CommandOptions;
import com.supercandles.jobs.cli.NearMiss;
import com.supercandles.jobs.cli.Problems;

import com.supercandles.candle.Period;
import com.supercandles.signal.SignalSetting;
import com.supercandles.signal.SignalSettings;
import com.supercandles.signal.Strategy;
import com.supercandles.signal.TradingSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The paper strategies' settings as configuration keys: the same names in the live configuration
 * ({@code signal.*}) and as flags of replay and backtest ({@code --signal.*}), with the contract's
 * defaults, read into {@link SignalSettings} with every problem listed. The strategies' names, and the
 * numbers' keys, defaults and help, are declared with the strategies ({@link Strategy},
 * {@link SignalSettings#numbers()}); this class adds the keys that are not numbers.
 */
public final class SignalKeys {
    private SignalKeys() {}

    /** Every strategy: the default of signal.strategies. */
    static final String ALL = Strategy.names(",");
    /** The strategies' names, and {@code none}: what signal.strategies may list. */
    private static final List<String> STRATEGY_NAMES = strategyNamesAndNone();

    static final List<ConfigKey> KEYS = keys();

    /** The strategies and their periods, every number ({@link SignalSettings#numbers()}), the sessions. */
    private static List<ConfigKey> keys() {
        List<ConfigKey> keys = new ArrayList<>();
        keys.add(new ConfigKey("signal.strategies", ALL,
                "Paper strategies to run, comma-separated (" + ALL + "), or none."));
        keys.add(new ConfigKey("signal.periods", "", "Candle periods the strategies run on (default: the shortest)."));
        for (SignalSetting n : SignalSettings.numbers()) {
            keys.add(new ConfigKey(n.key, n.defaultValue, n.help));
        }
        keys.add(new ConfigKey("signal.sessions", "",
                "Trading sessions: SYMBOL=HH:MM-HH:MM ZONE;... (* for every symbol), e.g. SBER=10:00-18:40 Europe/Moscow."));
        return List.copyOf(keys);
    }

    private static List<String> strategyNamesAndNone() {
        List<String> names = new ArrayList<>();
        for (Strategy s : Strategy.values()) {
            names.add(s.wireName);
        }
        names.add("none");
        return List.copyOf(names);
    }

    /** Declares the keys as options of a command. */
    static CommandOptions declare(CommandOptions o) {
        for (ConfigKey k : KEYS) {
            o.option(k.name, "VALUE", k.help, k.defaultValue);
        }
        return o;
    }

    public static String strategyNames(SignalSettings s) {
        return s.strategies.stream().map(x -> x.wireName).collect(Collectors.joining(","));
    }

    /**
     * The settings from {@code values} given as flags ({@code --signal.*}; keys missing there take their
     * defaults).
     *
     * @throws IllegalArgumentException listing every problem, one per line
     */
    public static SignalSettings settings(Map<String, String> values, List<Period> candlePeriods) {
        Problems problems = Problems.ofOptions();
        SignalSettings s = settings(values, candlePeriods, problems);
        problems.throwIfAny(null);
        return s;
    }

    /**
     * The settings from {@code values}, every problem added to {@code problems}.
     *
     * @param candlePeriods the job's candle periods, or null when they are themselves wrong (then whether
     *                      the signal periods are among them is not judged)
     */
    public static SignalSettings settings(Map<String, String> values, List<Period> candlePeriods, Problems problems) {
        SignalSettings s = new SignalSettings();
        s.strategies = strategies(value(values, "signal.strategies"), problems);
        String periods = value(values, "signal.periods");
        if (!periods.isEmpty()) {
            List<Period> parsed = problems.check("signal.periods", () -> Period.parseList(periods));
            if (parsed != null) {
                s.periods = parsed;
            }
        }
        for (SignalSetting n : SignalSettings.numbers()) {
            String text = value(values, n.key);
            try {
                n.set(s, text); // a value that does not parse leaves the default
            } catch (NumberFormatException e) {
                problems.add(n.key, n.key + " must be " + n.kind() + ", got '" + text + "'");
            }
        }
        sessions(value(values, "signal.sessions"), s, problems);
        // a value that did not parse kept its default, so its range check would only add a second, vaguer
        // line for the same key; without candle periods, the signal periods are checked against themselves
        for (String problem : s.problems(candlePeriods != null ? candlePeriods : s.periods)) {
            String key = keyNamedBy(problem);
            if (key == null) {
                problems.add(problem);
            } else if (!problems.has(key)) {
                problems.add(key, problem);
            }
        }
        return s;
    }

    private static List<Strategy> strategies(String names, Problems problems) {
        List<Strategy> strategies = new ArrayList<>();
        if (names.equals("none")) {
            return strategies;
        }
        for (String item : names.split(",")) {
            String name = item.trim();
            Strategy strategy = Strategy.fromWire(name);
            if (name.isEmpty() || strategies.contains(strategy)) {
                continue;
            }
            if (name.equals("none")) {
                problems.add("signal.strategies", "none turns the strategies off: write it alone, not in a list");
            } else if (strategy == null) {
                problems.add("signal.strategies", "unknown strategy '" + name + "'"
                        + NearMiss.didYouMeanOrKnown(name, STRATEGY_NAMES));
            } else {
                strategies.add(strategy);
            }
        }
        return strategies;
    }

    private static void sessions(String sessions, SignalSettings s, Problems problems) {
        if (sessions.isEmpty()) {
            return;
        }
        for (String entry : sessions.split(";")) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                problems.add("signal.sessions", "'" + entry.trim() + "' is not SYMBOL=HH:MM-HH:MM ZONE");
                continue;
            }
            problems.check("signal.sessions", () -> s.sessions.put(entry.substring(0, eq).trim(),
                    TradingSession.parse(entry.substring(eq + 1))));
        }
    }

    /** The key a message of {@link SignalSettings#problems} starts with (they all name theirs first), or null. */
    private static String keyNamedBy(String problem) {
        for (ConfigKey k : KEYS) {
            if (problem.startsWith(k.name + " ") || problem.startsWith(k.name + ":")) {
                return k.name;
            }
        }
        return null;
    }

    private static String value(Map<String, String> values, String key) {
        String v = values.get(key);
        if (v == null) {
            v = KEYS.stream().filter(k -> k.name.equals(key)).findFirst().orElseThrow().defaultValue;
        }
        return v.trim();
    }
}
