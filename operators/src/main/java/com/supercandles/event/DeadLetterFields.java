package com.supercandles.event;

import com.supercandles.fields.FieldTable;

/** A dead letter's fields: {@code stream, kind, reason, payload, rejected_at}; its table keeps no versions. */
public final class DeadLetterFields {
    public static final FieldTable<DeadLetter> TABLE = FieldTable.<DeadLetter>builder(256)
            .text("stream", d -> d.stream)
            .text("kind", d -> d.kind)
            .text("reason", d -> d.reason)
            .text("payload", d -> d.payload)
            .time("rejected_at", d -> d.rejectedAt)
            .unversioned()
            .build();

    private DeadLetterFields() {}
}
