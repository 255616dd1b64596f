package com.supercandles.venue;

import java.io.Closeable;
import java.io.IOException;

/** The rows of one venue file (or of a LOBSTER message and orderbook pair), in file order. */
public interface VenueReader extends Closeable {
    /** The next item; null at the end. A bad row is an item too (a dead letter): only I/O throws. */
    VenueItem next() throws IOException;
}
