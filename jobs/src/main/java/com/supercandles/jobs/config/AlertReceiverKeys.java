package com.supercandles.jobs.config;

import com.supercandles.jobs.cli.Durations;
import com.supercandles.jobs.cli.NearMiss;
import com.supercandles.jobs.cli.Problems;

import com.supercandles.alert.Severity;
import com.supercandles.sinks.alert.AlertReceiver;
import com.supercandles.sinks.alert.DeliveryPolicy;
import com.supercandles.sinks.alert.TelegramReceiver;
import com.supercandles.sinks.alert.WebhookReceiver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Alert receivers as configuration keys (values already resolved from {@code ${env:}}/{@code ${file:}}):
 * <pre>
 *   alert.webhook.NAME.url            the incoming-webhook URL (a secret: write ${env:...} or ${file:...})
 *   alert.webhook.NAME.min-severity   info, warning (default) or critical
 *   alert.webhook.NAME.rules          comma-separated rule names (default: every rule)
 *   alert.telegram.token, .chat-id    the bot token (a secret) and the chat
 *   alert.telegram.api-url            default https://api.telegram.org
 *   alert.telegram.min-severity, .rules
 *   alert.delivery.max-attempts, .initial-backoff, .max-backoff, .timeout, .queue
 * </pre>
 */
public final class AlertReceiverKeys {
    public static final String PREFIX = "alert.";
    private static final String WEBHOOK = "alert.webhook.";
    private static final String TELEGRAM = "alert.telegram.";
    private static final String DELIVERY = "alert.delivery.";
    private static final List<String> WEBHOOK_SETTINGS = List.of("url", "min-severity", "rules");
    private static final List<String> TELEGRAM_KEYS = prefixed(TELEGRAM,
            List.of("token", "chat-id", "api-url", "min-severity", "rules"));
    private static final List<String> DELIVERY_KEYS = prefixed(DELIVERY,
            List.of("max-attempts", "initial-backoff", "max-backoff", "timeout", "queue"));
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private AlertReceiverKeys() {}

    /** @throws IllegalArgumentException listing every problem */
    static List<AlertReceiver> receivers(Map<String, String> values) {
        Problems problems = Problems.ofKeys(key -> null);
        List<AlertReceiver> receivers = receivers(values, problems);
        problems.throwIfAny(null);
        return receivers;
    }

    /** The receivers the {@code alert.*} entries of {@code values} name, every problem added to {@code problems}. */
    static List<AlertReceiver> receivers(Map<String, String> values, Problems problems) {
        Set<String> webhooks = new TreeSet<>();
        // a receiver with a wrong key is not built ("url is missing" after "unknown key ...ulr" says nothing
        // new), but its values are still checked
        Set<String> broken = new HashSet<>();
        boolean telegram = false;
        boolean telegramBroken = false;
        for (String key : values.keySet()) {
            if (!key.startsWith(PREFIX)) {
                continue;
            }
            String problem = keyProblem(key);
            if (problem != null) {
                problems.add(key, problem);
            }
            if (key.startsWith(TELEGRAM)) {
                telegram = true;
                telegramBroken |= problem != null;
            } else if (webhookName(key) != null) {
                webhooks.add(webhookName(key));
                if (problem != null) {
                    broken.add(webhookName(key));
                }
            }
        }
        Duration given = duration(values, DELIVERY + "timeout", problems);
        Duration timeout = given != null ? given : DEFAULT_TIMEOUT;
        policy(values, problems);

        List<AlertReceiver> receivers = new ArrayList<>();
        for (String name : webhooks) {
            AlertReceiver r = webhook(values, name, !broken.contains(name), timeout, problems);
            if (r != null) {
                receivers.add(r);
            }
        }
        AlertReceiver t = telegram ? telegram(values, !telegramBroken, timeout, problems) : null;
        if (t != null) {
            receivers.add(t);
        }
        return receivers;
    }

    /** The webhook {@code name}, or null with its problems added; {@code build} false: only its values are checked. */
    private static AlertReceiver webhook(Map<String, String> values, String name, boolean build, Duration timeout,
                                         Problems problems) {
        String p = WEBHOOK + name + ".";
        Severity severity = severity(values, p + "min-severity", problems);
        Set<String> rules = rules(values, p + "rules", problems);
        String url = values.getOrDefault(p + "url", "").trim();
        if (!build || severity == null) {
            return null;
        }
        if (url.isEmpty()) {
            problems.add(p + "url", p + "url is missing: the receiver " + name + " has other keys but no URL");
            return null;
        }
        return problems.check(p + "url", () -> withoutSecret(url,
                () -> new WebhookReceiver(name, url, severity, rules, timeout)));
    }

    /** The Telegram receiver, or null with its problems added; {@code build} false: only its values are checked. */
    private static AlertReceiver telegram(Map<String, String> values, boolean build, Duration timeout, Problems problems) {
        Severity severity = severity(values, TELEGRAM + "min-severity", problems);
        Set<String> rules = rules(values, TELEGRAM + "rules", problems);
        return !build || severity == null ? null : problems.check(null, () -> new TelegramReceiver(
                values.getOrDefault(TELEGRAM + "api-url", "https://api.telegram.org"), values.get(TELEGRAM + "token"),
                values.get(TELEGRAM + "chat-id"), severity, rules, timeout));
    }

    /** @throws IllegalArgumentException listing every problem */
    static DeliveryPolicy policy(Map<String, String> values) {
        Problems problems = Problems.ofKeys(key -> null);
        DeliveryPolicy p = policy(values, problems);
        problems.throwIfAny(null);
        return p;
    }

    private static DeliveryPolicy policy(Map<String, String> values, Problems problems) {
        DeliveryPolicy p = new DeliveryPolicy();
        Duration initial = duration(values, DELIVERY + "initial-backoff", problems);
        p.initialBackoff = initial != null ? initial : p.initialBackoff;
        Duration max = duration(values, DELIVERY + "max-backoff", problems);
        p.maxBackoff = max != null ? max : p.maxBackoff;
        Integer attempts = atLeastOne(values, DELIVERY + "max-attempts", problems);
        p.maxAttempts = attempts != null ? attempts : p.maxAttempts;
        Integer queue = atLeastOne(values, DELIVERY + "queue", problems);
        p.queueCapacity = queue != null ? queue : p.queueCapacity;
        return p;
    }

    /** What is wrong with the name of {@code key}, or null. */
    private static String keyProblem(String key) {
        if (key.startsWith(WEBHOOK)) {
            String name = webhookName(key);
            if (name == null) {
                return "write alert.webhook.NAME.url (and .min-severity, .rules)";
            }
            String setting = key.substring(WEBHOOK.length() + name.length() + 1);
            return WEBHOOK_SETTINGS.contains(setting) ? null
                    : "unknown key" + NearMiss.didYouMeanOrKnown(key, prefixed(WEBHOOK + name + ".", WEBHOOK_SETTINGS));
        }
        if (key.startsWith(TELEGRAM)) {
            return TELEGRAM_KEYS.contains(key) ? null : "unknown key" + NearMiss.didYouMeanOrKnown(key, TELEGRAM_KEYS);
        }
        if (key.startsWith(DELIVERY)) {
            return DELIVERY_KEYS.contains(key) ? null : "unknown key" + NearMiss.didYouMeanOrKnown(key, DELIVERY_KEYS);
        }
        List<String> known = new ArrayList<>(TELEGRAM_KEYS);
        known.addAll(DELIVERY_KEYS);
        List<String> near = NearMiss.nearestKey(key, known, List.of(WEBHOOK, TELEGRAM, DELIVERY));
        return "unknown key" + (near.isEmpty()
                ? " (alert.webhook.NAME.url|min-severity|rules, alert.telegram.*, alert.delivery.*)"
                : NearMiss.didYouMean(near));
    }

    /** NAME of {@code alert.webhook.NAME.SETTING}, or null for another key or one without a name. */
    private static String webhookName(String key) {
        if (!key.startsWith(WEBHOOK)) {
            return null;
        }
        int dot = key.lastIndexOf('.');
        return dot > WEBHOOK.length() ? key.substring(WEBHOOK.length(), dot) : null;
    }

    private static Severity severity(Map<String, String> values, String key, Problems problems) {
        String v = values.get(key);
        return v == null ? Severity.WARNING : WatchdogKeys.severity(key, v.trim(), problems);
    }

    private static Set<String> rules(Map<String, String> values, String key, Problems problems) {
        Set<String> rules = new HashSet<>();
        for (String r : values.getOrDefault(key, "").split(",")) {
            String rule = r.trim();
            String unknown = rule.isEmpty() ? null : WatchdogKeys.unknownRule(rule);
            if (unknown != null) {
                problems.add(key, unknown);
            } else if (!rule.isEmpty()) {
                rules.add(rule);
            }
        }
        return rules;
    }

    private static Duration duration(Map<String, String> values, String key, Problems problems) {
        String v = values.get(key);
        return v == null ? null : problems.check(key, () -> Durations.parse(v.trim(), key));
    }

    private static Integer atLeastOne(Map<String, String> values, String key, Problems problems) {
        String v = values.get(key);
        if (v == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(key, key + " must be a whole number >= 1, got '" + v.trim() + "'");
        return null;
    }

    /** Runs {@code build}; a message quoting the (secret) URL gets it masked. */
    private static <T> T withoutSecret(String url, Problems.Check<T> build) throws Exception {
        try {
            return build.run();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(String.valueOf(e.getMessage()).replace(url, "******"));
        }
    }

    private static List<String> prefixed(String prefix, List<String> names) {
        return names.stream().map(n -> prefix + n).toList();
    }
}
