package com.supercandles.sinks.alert;

import com.supercandles.alert.Alert;
import com.supercandles.alert.Severity;

import java.io.Serializable;
import java.net.http.HttpRequest;
import java.util.Set;

/**
 * Where alerts are delivered over HTTP: a name (for logs and delivery state; never the secret URL or
 * token), a filter (minimum severity, optional rules) and the request for one alert.
 */
public abstract class AlertReceiver implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final Severity minSeverity;
    private final Set<String> rules;

    protected AlertReceiver(String name, Severity minSeverity, Set<String> rules) {
        this.name = name;
        this.minSeverity = minSeverity;
        this.rules = Set.copyOf(rules);
    }

    public String name() {
        return name;
    }

    /** Whether this receiver wants {@code alert}: severe enough and of one of its rules (all when none are named). */
    public boolean accepts(Alert alert) {
        return Severity.parse(alert.severity).atLeast(minSeverity) && (rules.isEmpty() || rules.contains(alert.rule));
    }

    public abstract HttpRequest request(Alert alert);

    /** The receiver's address with its secrets hidden, for messages. */
    public abstract String describe();

    /** What must never be shown (a token, a webhook URL). */
    protected abstract String secret();

    /** {@code text} with the receiver's secret replaced by ******. */
    public String redact(String text) {
        String secret = secret();
        return text == null || secret == null || secret.isEmpty() ? text : text.replace(secret, "******");
    }
}
