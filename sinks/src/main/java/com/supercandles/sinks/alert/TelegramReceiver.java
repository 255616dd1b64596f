package com.supercandles.sinks.alert;

import com.supercandles.alert.Alert;
import com.supercandles.alert.Severity;
import com.supercandles.event.JsonText;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/**
 * Telegram's Bot API {@code sendMessage} to one chat. The API base is configurable (tests, proxies); the
 * bot token is part of the path, so it is a secret: never shown or logged.
 */
public final class TelegramReceiver extends AlertReceiver {
    private static final long serialVersionUID = 1L;
    private final String apiBase;
    private final String token;
    private final String chatId;
    private final Duration timeout;

    public TelegramReceiver(String apiBase, String token, String chatId, Severity minSeverity, Set<String> rules,
                            Duration timeout) {
        super("telegram", minSeverity, rules);
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("telegram: the bot token is empty (write ${env:NAME} or ${file:PATH})");
        }
        if (chatId == null || chatId.isBlank()) {
            throw new IllegalArgumentException("telegram: the chat id is empty");
        }
        this.apiBase = apiBase.endsWith("/") ? apiBase.substring(0, apiBase.length() - 1) : apiBase;
        this.token = token.trim();
        this.chatId = chatId.trim();
        this.timeout = timeout;
    }

    @Override
    public HttpRequest request(Alert alert) {
        String body = JsonText.write(512, g -> {
            g.writeStartObject();
            g.writeFieldName("chat_id");
            if (chatId.matches("-?\\d{1,18}")) {
                g.writeNumber(Long.parseLong(chatId)); // a numeric chat id; "@channel" names are strings
            } else {
                g.writeString(chatId);
            }
            g.writeStringField("text", AlertText.of(alert));
            g.writeEndObject();
        });
        return HttpRequest.newBuilder(URI.create(apiBase + "/bot" + token + "/sendMessage"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    @Override
    protected String secret() {
        return token;
    }

    @Override
    public String describe() {
        return "telegram chat " + chatId + " via " + apiBase + "/bot******/sendMessage";
    }
}
