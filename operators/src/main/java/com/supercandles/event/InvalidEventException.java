package com.supercandles.event;

import java.io.IOException;

/** An input record that breaks the wire contract; the message is the reason given in the dead letter. */
public class InvalidEventException extends IOException {
    private static final long serialVersionUID = 1L;

    public InvalidEventException(String reason) {
        super(reason);
    }
}
