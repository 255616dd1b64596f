package com.supercandles.event;

/** A dead letter as one JSON object: {@code stream, kind, reason, payload, rejected_at}. */
public final class DeadLetterJson {
    private DeadLetterJson() {}

    public static String toJson(DeadLetter d) {
        return JsonText.write(256, g -> {
            g.writeStartObject();
            g.writeStringField("stream", d.stream);
            g.writeStringField("kind", d.kind);
            g.writeStringField("reason", d.reason);
            g.writeStringField("payload", d.payload);
            g.writeNumberField("rejected_at", d.rejectedAt);
            g.writeEndObject();
        });
    }
}
