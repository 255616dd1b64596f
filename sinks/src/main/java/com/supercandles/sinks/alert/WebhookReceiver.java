package com.supercandles.sinks.alert;

import com.supercandles.alert.Alert;
import com.supercandles.alert.Severity;
import com.supercandles.event.JsonText;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/** A Mattermost/Slack-style incoming webhook: {@code POST {"text": ...}}. The URL is a secret: never shown. */
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
