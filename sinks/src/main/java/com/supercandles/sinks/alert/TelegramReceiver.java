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
 * Telegram's Bot API {@code sendMessage} to one chat. The API base is configurable (tests, proxies); the
 * bot token is part of the path, so it is a secret: never shown or logged.
 *
 * <p>{@code sendMessage} takes a fixed set of parameters ({@code chat_id}, {@code text} of 1-4096
 * characters, {@code parse_mode} or {@code entities}, {@code disable_notification}, ...) and has none for
 * data of the sender's own or for dropping repeats, so the alert id stays in the text, on its last line,
 * marked as a {@code code} entity (shown monospaced, copied with a tap); a repeat after a restore is a
 * second message with the same id. The text is cut to Telegram's 4096 characters (the message part; the
 * id line is kept), which it would otherwise refuse with 400 on every retry.
 */
public final class TelegramReceiver extends AlertReceiver {
    private static final long serialVersionUID = 1L;
    /** sendMessage's limit on {@code text}. */
    static final int MAX_TEXT = 4096;
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
            String text = AlertText.of(alert, MAX_TEXT);
            g.writeStringField("text", text);
            // offsets and lengths count UTF-16 code units, as Java's strings do; the id is last
            g.writeArrayFieldStart("entities");
            g.writeStartObject();
            g.writeStringField("type", "code");
            g.writeNumberField("offset", text.length() - alert.alertId.length());
            g.writeNumberField("length", alert.alertId.length());
            g.writeEndObject();
            g.writeEndArray();
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
