package com.supercandles.jobs.feed;

/** Where the feed's records go. {@link #offer} never waits: a record that does not fit is refused. */
public interface FeedOutput extends AutoCloseable {
    /** Queues a record; false when the output is full (the caller counts it and records a gap). */
    boolean offer(FeedRecord r);

    @Override
    default void close() {}
}
