package com.supercandles.jobs;

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
final class WatchdogKeys {
    static final String PREFIX = "watchdog.";
    static final String HELP = "Watchdog rules: watchdog.RULE.enabled (true|false), .threshold (a number), .severity "
            + "(info|warning|critical), .cooldown (a duration), .window (a duration, where a rule has one), e.g. --watchdog.trade_corridor.threshold 3; see the README.";

    private WatchdogKeys() {}

    /** @throws IllegalArgumentException listing every problem, one per line */
    static WatchdogSettings settings(Map<String, String> values) {
        WatchdogSettings s = new WatchdogSettings();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!e.getKey().startsWith(PREFIX)) {
                continue;
            }
            String rest = e.getKey().substring(PREFIX.length());
            int dot = rest.lastIndexOf('.');
            String value = e.getValue().trim();
            try {
                if (dot <= 0) {
                    throw new IllegalArgumentException("write watchdog.RULE.SETTING");
                }
                RuleSettings rule = s.rule(rest.substring(0, dot));
                switch (rest.substring(dot + 1)) {
                    case "enabled":
                        if (!value.equals("true") && !value.equals("false")) {
                            throw new IllegalArgumentException("must be true or false, got '" + value + "'");
                        }
                        rule.enabled = value.equals("true");
                        break;
                    case "threshold":
                        double t = Double.parseDouble(value);
                        if (!Double.isFinite(t) || t < 0) {
                            throw new IllegalArgumentException("must be a number >= 0, got '" + value + "'");
                        }
                        rule.threshold = t;
                        break;
                    case "severity":
                        rule.severity = Severity.parse(value);
                        break;
                    case "cooldown":
                        rule.cooldownMs = Durations.parse(value, e.getKey()).toMillis();
                        break;
                    case "window":
                        if (rule.windowMs == 0) {
                            throw new IllegalArgumentException("this rule has no window (rules with one: "
                                    + String.join(", ", rulesWithWindow(s)) + ")");
                        }
                        rule.windowMs = Durations.parse(value, e.getKey()).toMillis();
                        break;
                    default:
                        throw new IllegalArgumentException("unknown setting (enabled, threshold, severity, cooldown or window)");
                }
            } catch (NumberFormatException ex) {
                problems.add(e.getKey() + " must be a number >= 0, got '" + value + "'");
            } catch (IllegalArgumentException ex) {
                problems.add(e.getKey() + ": " + ex.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n  - ", problems));
        }
        return s;
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
