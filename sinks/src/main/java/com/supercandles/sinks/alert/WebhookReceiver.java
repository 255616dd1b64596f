package com.supercandles.sinks.alert;

import com.supercandles.alert.Alert;
import com.supercandles.alert.Severity;
import com.supercandles.fields.JsonText;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/**
 * A Mattermost/Slack-style incoming webhook: {@code POST {"text": ..., "alert_id": ..., ...}}: the text a
 * person reads, and beside it the alert's identity as fields of their own ({@code alert_id}, {@code rule},
 * {@code symbol}, {@code stream}, {@code severity}, {@code state}, {@code event_time}, named as in the alerts
 * topic), so a receiver can drop a repeat (delivery is at least once) or route without parsing the text.
 * Mattermost and Slack ignore fields they do not know; none of these is one of theirs. The URL is a
 * secret: never shown.
 */
public final class WebhookReceiver extends AlertReceiver {
    private static final long serialVersionUID = 1L;
    private final String url;
    private final Duration timeout;

    public WebhookReceiver(String name, String url, Severity minSeverity, Set<String> rules, Duration timeout) {
        super(name, minSeverity, rules);
        URI uri = URI.create(url);
        if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
            throw new IllegalArgumentException("webhook " + name + ": the URL must be http(s)://host/...");
        }
        this.url = url;
        this.timeout = timeout;
    }

    @Override
    public HttpRequest request(Alert alert) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonText.write(512, g -> {
                    g.writeStartObject();
                    g.writeStringField("text", AlertText.of(alert));
                    g.writeStringField("alert_id", alert.alertId);
                    g.writeStringField("rule", alert.rule);
                    g.writeStringField("symbol", alert.symbol);
                    g.writeStringField("stream", alert.stream);
                    g.writeStringField("severity", alert.severity);
                    g.writeStringField("state", alert.state);
                    g.writeNumberField("event_time", alert.eventTime);
                    g.writeEndObject();
                }), StandardCharsets.UTF_8))
                .build();
    }

    @Override
    protected String secret() {
        return url;
    }

    @Override
    public String describe() {
        URI uri = URI.create(url);
        return "webhook " + name() + " (" + uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                + "/******)";
    }
}
