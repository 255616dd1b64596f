package com.supercandles.venue;

import java.io.IOException;

/**
 * A whole file that cannot be read as its format (not a row: a bad row is a dead letter): a zip with
 * several files, a file name without the symbol, a header of another format. The message says which
 * file, what is wrong and what to do.
 */
public final class VenueFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public VenueFileException(String message) {
        super(message);
    }
}
