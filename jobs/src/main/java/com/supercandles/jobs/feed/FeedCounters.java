package com.supercandles.jobs.feed;

import java.util.concurrent.atomic.AtomicLong;

/** What the feed has done so far, for its summary, its log and the tests. */
public final class FeedCounters {
    public final AtomicLong messages = new AtomicLong();
    public final AtomicLong unreadable = new AtomicLong();
    public final AtomicLong trades = new AtomicLong();
    public final AtomicLong books = new AtomicLong();
    public final AtomicLong orders = new AtomicLong();
    public final AtomicLong gaps = new AtomicLong();
    public final AtomicLong dropped = new AtomicLong();
    public final AtomicLong snapshots = new AtomicLong();
    public final AtomicLong connections = new AtomicLong();

    String summary() {
        return String.format("%,d messages (%,d unreadable), %,d trades, %,d book snapshots, %,d derived orders, "
                        + "%,d REST snapshots, %,d connections, %,d gaps, %,d records dropped (output backlog)",
                messages.get(), unreadable.get(), trades.get(), books.get(), orders.get(), snapshots.get(),
                connections.get(), gaps.get(), dropped.get());
    }
}
