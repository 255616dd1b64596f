package com.supercandles.jobs.feed;

import com.supercandles.event.EventType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The demo's {@code --feed binance}: the feed with its default settings into the demo's broker. */
public final class DemoBinanceFeed {
    private final KafkaFeedOutput output;
    private final BinanceFeed feed;
    private final FeedCounters counters;

    private DemoBinanceFeed(KafkaFeedOutput output, BinanceFeed feed, FeedCounters counters) {
        this.output = output;
        this.feed = feed;
        this.counters = counters;
    }

    public static DemoBinanceFeed start(Properties kafka, Map<EventType, String> inputTopics, List<String> symbols) {
        Map<FeedRecord.Role, String> topics = FeedCommand.topics(inputTopics, FeedCommand.GAPS_TOPIC);
        FeedVenue venue = FeedVenue.BINANCE;
        BinanceFeed.Settings settings = new BinanceFeed.Settings(venue.wsUrl, venue.restUrl, 20, Duration.ofMillis(100),
                Duration.ofSeconds(30), Duration.ofHours(23), Duration.ofSeconds(1), Duration.ofSeconds(60), 1000, 10_000);
        FeedCounters counters = new FeedCounters();
        KafkaFeedOutput output = new KafkaFeedOutput(kafka, topics, 100_000);
        BinanceFeed feed = new BinanceFeed(venue, symbols, settings, output, counters);
        feed.start();
        return new DemoBinanceFeed(output, feed, counters);
    }

    /** Stops the feed and returns how many market records it produced. */
    public long stop() {
        feed.close();
        output.close(5_000);
        return counters.trades.get() + counters.books.get() + counters.orders.get();
    }
}
