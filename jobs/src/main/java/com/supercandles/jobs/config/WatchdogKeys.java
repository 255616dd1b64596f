package com.supercandles.jobs.config;

import com.supercandles.jobs.cli.Durations;
import com.supercandles.jobs.cli.NearMiss;
import com.supercandles.jobs.cli.Problems;

import com.supercandles.alert.DuplicateTradeFilter;
import com.supercandles.alert.RuleSettings;
import com.supercandles.alert.Severity;
import com.supercandles.alert.WatchdogSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The watchdog rules' settings as keys {@code watchdog.RULE.enabled|threshold|severity|cooldown|window} (live
 * configuration, and {@code --watchdog.RULE.x} flags of replay and backtest), every problem listed.
 */
public final class WatchdogKeys {
    public static final String PREFIX = "watchdog.";
    public static final String HELP = "Watchdog rules: watchdog.RULE.enabled (true|false), .threshold (a number), .severity "
            + "(info|warning|critical), .cooldown (a duration), .window (a duration, where a rule has one), e.g. --watchdog.trade_corridor.threshold 3; see docs/alerts.md.";

    private static final List<String> SETTINGS = List.of("enabled", "threshold", "severity", "cooldown", "window");
    private static final List<String> RULES = new WatchdogSettings().all().stream().map(r -> r.rule).toList();
    private static final List<String> SEVERITIES = java.util.Arrays.stream(Severity.values()).map(s -> s.wireName).toList();

    private WatchdogKeys() {}

    /** The settings from the {@code watchdog.*} entries of {@code values}, every problem added to {@code problems}. */
    static WatchdogSettings settings(Map<String, String> values, Problems problems) {
        WatchdogSettings s = new WatchdogSettings();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey().startsWith(PREFIX)) {
                set(s, e.getKey(), e.getValue().trim(), problems);
            }
        }
        return s;
    }

    private static void set(WatchdogSettings s, String key, String value, Problems problems) {
        String rest = key.substring(PREFIX.length());
        int dot = rest.lastIndexOf('.');
        if (dot <= 0) {
            problems.add(key, "write watchdog.RULE.SETTING, SETTING one of " + String.join(", ", SETTINGS));
            return;
        }
        String ruleName = rest.substring(0, dot);
        String setting = rest.substring(dot + 1);
        String unknownRule = unknownRule(ruleName);
        if (unknownRule != null) {
            problems.add(key, unknownRule);
        }
        if (!SETTINGS.contains(setting)) {
            problems.add(key, "unknown setting '" + setting + "'" + NearMiss.didYouMeanOrKnown(setting, SETTINGS));
        }
        if (unknownRule != null || !SETTINGS.contains(setting)) {
            return;
        }
        RuleSettings rule = s.rule(ruleName);
        switch (setting) {
            case "enabled":
                String notBoolean = NearMiss.notOneOf(key, value, List.of("true", "false"));
                if (notBoolean != null) {
                    problems.add(key, notBoolean);
                } else {
                    rule.enabled = value.equals("true");
                }
                break;
            case "threshold":
                double t = number(value);
                if (!Double.isFinite(t) || t < 0) {
                    problems.add(key, key + " must be a number >= 0, got '" + value + "'");
                } else if (ruleName.equals(WatchdogSettings.DUPLICATE_TRADE)
                        && (t != Math.rint(t) || t < 1 || t > DuplicateTradeFilter.MAX_REMEMBERED)) {
                    problems.add(key, key + " is how many trades per symbol the duplicate check remembers: a whole number"
                            + " from 1 to " + DuplicateTradeFilter.MAX_REMEMBERED + ", got '" + value + "'");
                } else {
                    rule.threshold = t;
                }
                break;
            case "severity":
                Severity severity = severity(key, value, problems);
                if (severity != null) {
                    rule.severity = severity;
                }
                break;
            case "cooldown":
                Long cooldown = problems.check(key, () -> Durations.parse(value, key).toMillis());
                if (cooldown != null) {
                    rule.cooldownMs = cooldown;
                }
                break;
            default: // window
                if (rule.windowMs == 0) {
                    problems.add(key, "this rule has no window (rules with one: " + String.join(", ", rulesWithWindow(s)) + ")");
                    break;
                }
                Long window = problems.check(key, () -> Durations.parse(value, key).toMillis());
                if (window != null) {
                    rule.windowMs = window;
                }
        }
    }

    /** The problem of a rule name that is not a watchdog rule's, or null when it is one. */
    static String unknownRule(String name) {
        return RULES.contains(name) ? null : "unknown rule '" + name + "'" + NearMiss.didYouMeanOrKnown(name, RULES);
    }

    /** The severity {@code value} of {@code key}, or null with its problem added. */
    static Severity severity(String key, String value, Problems problems) {
        String problem = NearMiss.notOneOf(key, value, SEVERITIES);
        if (problem != null) {
            problems.add(key, problem);
            return null;
        }
        return Severity.parse(value);
    }

    /** {@code text} as a number, NaN when it is none. */
    private static double number(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static List<String> rulesWithWindow(WatchdogSettings s) {
        List<String> names = new ArrayList<>();
        for (RuleSettings r : s.all()) {
            if (r.windowMs > 0) {
                names.add(r.rule);
            }
        }
        return names;
    }
}
