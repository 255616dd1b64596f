package com.supercandles.jobs;

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
final class AlertReceiverKeys {
    static final String PREFIX = "alert.";
    private static final String WEBHOOK = "alert.webhook.";
    private static final Set<String> TELEGRAM_KEYS = Set.of("token", "chat-id", "api-url", "min-severity", "rules");
    private static final Set<String> WEBHOOK_KEYS = Set.of("url", "min-severity", "rules");
    private static final Set<String> DELIVERY_KEYS = Set.of("max-attempts", "initial-backoff", "max-backoff", "timeout",
            "queue");

    private AlertReceiverKeys() {}

    /** @throws IllegalArgumentException listing every problem */
    static List<AlertReceiver> receivers(Map<String, String> values) {
        List<String> problems = new ArrayList<>();
        Set<String> webhooks = new TreeSet<>();
        for (String key : values.keySet()) {
            if (!key.startsWith(PREFIX)) {
                continue;
            }
            if (key.startsWith(WEBHOOK)) {
                String rest = key.substring(WEBHOOK.length());
                int dot = rest.lastIndexOf('.');
                if (dot <= 0 || !WEBHOOK_KEYS.contains(rest.substring(dot + 1))) {
                    problems.add(key + ": write alert.webhook.NAME.url (and .min-severity, .rules)");
                } else {
                    webhooks.add(rest.substring(0, dot));
                }
            } else if (key.startsWith("alert.telegram.")) {
                if (!TELEGRAM_KEYS.contains(key.substring("alert.telegram.".length()))) {
                    problems.add(key + ": unknown (alert.telegram.token, chat-id, api-url, min-severity, rules)");
                }
            } else if (key.startsWith("alert.delivery.")) {
                if (!DELIVERY_KEYS.contains(key.substring("alert.delivery.".length()))) {
                    problems.add(key + ": unknown (alert.delivery." + String.join(", ", new TreeSet<>(DELIVERY_KEYS)) + ")");
                }
            } else {
                problems.add(key + ": unknown (alert.webhook.NAME.*, alert.telegram.*, alert.delivery.*)");
            }
        }
        Duration timeout = Duration.ofSeconds(10);
        try {
            timeout = duration(values, "alert.delivery.timeout", timeout);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        List<AlertReceiver> receivers = new ArrayList<>();
        for (String name : webhooks) {
            String p = WEBHOOK + name + ".";
            try {
                String url = values.get(p + "url");
                if (url == null || url.isBlank()) {
                    throw new IllegalArgumentException(p + "url is missing");
                }
                receivers.add(new WebhookReceiver(name, url.trim(), severity(values, p + "min-severity"),
                        rules(values, p + "rules"), timeout));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (values.containsKey("alert.telegram.token") || values.containsKey("alert.telegram.chat-id")) {
            try {
                receivers.add(new TelegramReceiver(values.getOrDefault("alert.telegram.api-url", "https://api.telegram.org"),
                        values.get("alert.telegram.token"), values.get("alert.telegram.chat-id"),
                        severity(values, "alert.telegram.min-severity"), rules(values, "alert.telegram.rules"), timeout));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        try {
            policy(values);
        } catch (IllegalArgumentException e) {
            problems.add("alert.delivery.*: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n  - ", problems));
        }
        return receivers;
    }

    static DeliveryPolicy policy(Map<String, String> values) {
        DeliveryPolicy p = new DeliveryPolicy();
        p.initialBackoff = duration(values, "alert.delivery.initial-backoff", p.initialBackoff);
        p.maxBackoff = duration(values, "alert.delivery.max-backoff", p.maxBackoff);
        if (values.containsKey("alert.delivery.max-attempts")) {
            p.maxAttempts = Integer.parseInt(values.get("alert.delivery.max-attempts").trim());
        }
        if (values.containsKey("alert.delivery.queue")) {
            p.queueCapacity = Integer.parseInt(values.get("alert.delivery.queue").trim());
        }
        return p;
    }

    private static Duration duration(Map<String, String> values, String key, Duration fallback) {
        String v = values.get(key);
        return v == null ? fallback : Durations.parse(v.trim(), key);
    }

    private static Severity severity(Map<String, String> values, String key) {
        String v = values.get(key);
        try {
            return v == null ? Severity.WARNING : Severity.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
    }

    private static Set<String> rules(Map<String, String> values, String key) {
        Set<String> rules = new HashSet<>();
        String v = values.get(key);
        if (v != null) {
            for (String r : v.split(",")) {
                if (!r.isBlank()) {
                    new com.supercandles.alert.WatchdogSettings().rule(r.trim()); // unknown rules are refused
                    rules.add(r.trim());
                }
            }
        }
        return rules;
    }
}
