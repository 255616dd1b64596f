package com.supercandles.jobs;

import com.supercandles.candle.Period;
import com.supercandles.signal.SignalSettings;
import com.supercandles.signal.Strategy;
import com.supercandles.signal.TradingSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The paper strategies' settings as configuration keys: the same names in the live configuration
 * ({@code signal.*}) and as flags of replay and backtest ({@code --signal.*}), with the contract's
 * defaults, read into {@link SignalSettings} with every problem listed.
 */
final class SignalKeys {
    private SignalKeys() {}

    static final String ALL = "disb,levels,levels_trend,cancels,levels_cancels";
    /** The strategies' names, and {@code none}: what signal.strategies may list. */
    private static final List<String> STRATEGY_NAMES = strategyNamesAndNone();

    static final List<LiveConfig.Key> KEYS = List.of(
            new LiveConfig.Key("signal.strategies", ALL,
                    "Paper strategies to run, comma-separated (" + ALL + "), or none."),
            new LiveConfig.Key("signal.periods", "", "Candle periods the strategies run on (default: the shortest)."),
            new LiveConfig.Key("signal.commission-bps", "1.5", "Commission per side, in basis points."),
            new LiveConfig.Key("signal.periods-per-year", "",
                    "Bars per year for annualised scores (default: 365 x 86,400 s / period; e.g. 252 x session / period)."),
            new LiveConfig.Key("signal.disb.threshold", "0.5", "disb: long above it, short below minus it."),
            new LiveConfig.Key("signal.levels-trend.bars", "100", "levels_trend: N, the bars of the close slope."),
            new LiveConfig.Key("signal.levels-trend.theta", "0.0001", "levels_trend: the slope / close beyond which a trend counts."),
            new LiveConfig.Key("signal.cancels.window", "100", "cancels: W, the previous bars of the mean + k std threshold."),
            new LiveConfig.Key("signal.cancels.k", "3", "cancels: k of the mean + k std threshold."),
            new LiveConfig.Key("signal.cancels.max-hold", "12", "cancels: bars with a trade a position is held after its signal."),
            new LiveConfig.Key("signal.cancels.threshold", "",
                    "cancels: an absolute cancel-count threshold instead of mean + k std."),
            new LiveConfig.Key("signal.sessions", "",
                    "Trading sessions: SYMBOL=HH:MM-HH:MM ZONE;... (* for every symbol), e.g. SBER=10:00-18:40 Europe/Moscow."));

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
        for (LiveConfig.Key k : KEYS) {
            o.option(k.name, "VALUE", k.help, k.defaultValue);
        }
        return o;
    }

    static String strategyNames(SignalSettings s) {
        return s.strategies.stream().map(x -> x.wireName).collect(Collectors.joining(","));
    }

    /**
     * The settings from {@code values} given as flags ({@code --signal.*}; keys missing there take their
     * defaults).
     *
     * @throws IllegalArgumentException listing every problem, one per line
     */
    static SignalSettings settings(Map<String, String> values, List<Period> candlePeriods) {
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
    static SignalSettings settings(Map<String, String> values, List<Period> candlePeriods, Problems problems) {
        SignalSettings s = new SignalSettings();
        s.strategies = strategies(value(values, "signal.strategies"), problems);
        String periods = value(values, "signal.periods");
        if (!periods.isEmpty()) {
            List<Period> parsed = problems.check("signal.periods", () -> Period.parseList(periods));
            if (parsed != null) {
                s.periods = parsed;
            }
        }
        number(problems, values, "signal.commission-bps", v -> s.commissionBps = v);
        if (!value(values, "signal.periods-per-year").isEmpty()) {
            number(problems, values, "signal.periods-per-year", v -> s.periodsPerYear = v);
        }
        number(problems, values, "signal.disb.threshold", v -> s.disbThreshold = v);
        whole(problems, values, "signal.levels-trend.bars", v -> s.trendBars = v);
        number(problems, values, "signal.levels-trend.theta", v -> s.trendTheta = v);
        whole(problems, values, "signal.cancels.window", v -> s.cancelWindow = v);
        number(problems, values, "signal.cancels.k", v -> s.cancelK = v);
        whole(problems, values, "signal.cancels.max-hold", v -> s.maxHold = v);
        if (!value(values, "signal.cancels.threshold").isEmpty()) {
            number(problems, values, "signal.cancels.threshold", v -> s.cancelThreshold = v);
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
        for (LiveConfig.Key k : KEYS) {
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

    private static void number(Problems problems, Map<String, String> values, String key, Consumer<Double> set) {
        typed(problems, values, key, Double::parseDouble, "a number", set);
    }

    private static void whole(Problems problems, Map<String, String> values, String key, Consumer<Integer> set) {
        typed(problems, values, key, Integer::parseInt, "a whole number", set);
    }

    private static <T> void typed(Problems problems, Map<String, String> values, String key,
                                  java.util.function.Function<String, T> parse, String what, Consumer<T> set) {
        String text = value(values, key);
        try {
            set.accept(parse.apply(text));
        } catch (NumberFormatException e) {
            problems.add(key, key + " must be " + what + ", got '" + text + "'");
        }
    }
}
