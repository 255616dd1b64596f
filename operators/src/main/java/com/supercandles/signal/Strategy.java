package com.supercandles.signal;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.supercandles.signal.SignalSetting.number;
import static com.supercandles.signal.SignalSetting.optionalNumber;
import static com.supercandles.signal.SignalSetting.whole;

/**
 * The paper strategies of the contract, each declared once: its record name, how it builds its rule
 * from the settings, and the settings it names (keys {@code signal.<name>.*}, with their defaults, help
 * and valid values; {@code levels_cancels} reads those of {@code cancels}). {@link SignalSettings} takes
 * its defaults from here and the job's configuration its keys. The order is that of the records and of
 * the keys; a strategy without a rule does not compile, and a test checks every {@link PositionRule}
 * has a strategy.
 */
public enum Strategy {
    DISB("disb", s -> new DisbRule(s.disbThreshold),
            number("signal.disb.threshold", "0.5", "disb: long above it, short below minus it.",
                    "in [0, 1)", v -> v >= 0 && v < 1, s -> s.disbThreshold, (s, v) -> s.disbThreshold = v)),
    LEVELS("levels", s -> new LevelsRule()),
    LEVELS_TREND("levels_trend", s -> new LevelsTrendRule(),
            whole("signal.levels-trend.bars", "100", "levels_trend: N, the bars of the close slope.", 2,
                    s -> s.trendBars, (s, v) -> s.trendBars = (int) v),
            number("signal.levels-trend.theta", "0.0001", "levels_trend: the slope / close beyond which a trend counts.",
                    "a number >= 0", v -> v >= 0 && Double.isFinite(v), s -> s.trendTheta, (s, v) -> s.trendTheta = v)),
    CANCELS("cancels", s -> new CancelsRule(s.maxHold),
            whole("signal.cancels.window", "100", "cancels: W, the previous bars of the mean + k std threshold.", 2,
                    s -> s.cancelWindow, (s, v) -> s.cancelWindow = (int) v),
            number("signal.cancels.k", "3", "cancels: k of the mean + k std threshold.",
                    "a number >= 0", v -> v >= 0 && Double.isFinite(v), s -> s.cancelK, (s, v) -> s.cancelK = v),
            whole("signal.cancels.max-hold", "12", "cancels: bars with a trade a position is held after its signal.", 1,
                    s -> s.maxHold, (s, v) -> s.maxHold = (int) v),
            optionalNumber("signal.cancels.threshold", "cancels: an absolute cancel-count threshold instead of mean + k std.",
                    "a number >= 0 (or empty for mean + k std)", v -> Double.isNaN(v) || v >= 0 && Double.isFinite(v),
                    s -> s.cancelThreshold, (s, v) -> s.cancelThreshold = v)),
    LEVELS_CANCELS("levels_cancels", s -> new LevelsCancelsRule());

    public final String wireName;
    private final Function<SignalSettings, PositionRule> rule;
    private final List<SignalSetting> settings;

    Strategy(String wireName, Function<SignalSettings, PositionRule> rule, SignalSetting... settings) {
        this.wireName = wireName;
        this.rule = rule;
        this.settings = List.of(settings);
    }

    public static Strategy fromWire(String name) {
        for (Strategy s : values()) {
            if (s.wireName.equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** Every strategy's name, in order, joined by {@code separator}. */
    public static String names(String separator) {
        return Stream.of(values()).map(s -> s.wireName).collect(Collectors.joining(separator));
    }

    /** The strategy's rule with its thresholds from {@code settings}. */
    public PositionRule rule(SignalSettings settings) {
        return rule.apply(settings);
    }

    /** The settings this strategy names (keys {@code signal.<name>.*}), in the order of the configuration. */
    public List<SignalSetting> settings() {
        return settings;
    }
}
