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
     * The settings from {@code values} (keys missing there take their defaults).
     *
     * @throws IllegalArgumentException listing every problem, one per line
     */
    static SignalSettings settings(Map<String, String> values, List<Period> candlePeriods) {
        List<String> problems = new ArrayList<>();
        SignalSettings s = new SignalSettings();
        String names = value(values, "signal.strategies");
        List<Strategy> strategies = new ArrayList<>();
        if (!names.equals("none")) {
            for (String name : names.split(",")) {
                Strategy strategy = Strategy.fromWire(name.trim());
                if (strategy == null) {
                    problems.add("signal.strategies: unknown strategy '" + name.trim() + "' (known: " + ALL + ", or none)");
                } else if (!strategies.contains(strategy)) {
                    strategies.add(strategy);
                }
            }
        }
        s.strategies = strategies;
        String periods = value(values, "signal.periods");
        if (!periods.isEmpty()) {
            parse(problems, "signal.periods", () -> s.periods = Period.parseList(periods));
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
        String sessions = value(values, "signal.sessions");
        if (!sessions.isEmpty()) {
            for (String entry : sessions.split(";")) {
                int eq = entry.indexOf('=');
                if (eq <= 0) {
                    problems.add("signal.sessions: '" + entry.trim() + "' is not SYMBOL=HH:MM-HH:MM ZONE");
                    continue;
                }
                parse(problems, "signal.sessions", () -> s.sessions.put(entry.substring(0, eq).trim(),
                        TradingSession.parse(entry.substring(eq + 1))));
            }
        }
        if (problems.isEmpty()) {
            problems.addAll(s.problems(candlePeriods));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n  - ", problems));
        }
        return s;
    }

    private static String value(Map<String, String> values, String key) {
        String v = values.get(key);
        if (v == null) {
            v = KEYS.stream().filter(k -> k.name.equals(key)).findFirst().orElseThrow().defaultValue;
        }
        return v.trim();
    }

    private static void parse(List<String> problems, String key, Runnable parse) {
        try {
            parse.run();
        } catch (IllegalArgumentException e) {
            problems.add(key + ": " + e.getMessage());
        }
    }

    private static void number(List<String> problems, Map<String, String> values, String key, Consumer<Double> set) {
        typed(problems, values, key, Double::parseDouble, "a number", set);
    }

    private static void whole(List<String> problems, Map<String, String> values, String key, Consumer<Integer> set) {
        typed(problems, values, key, Integer::parseInt, "a whole number", set);
    }

    private static <T> void typed(List<String> problems, Map<String, String> values, String key,
                                  java.util.function.Function<String, T> parse, String what, Consumer<T> set) {
        String text = value(values, key);
        try {
            set.accept(parse.apply(text));
        } catch (NumberFormatException e) {
            problems.add(key + " must be " + what + ", got '" + text + "'");
        }
    }
}
