package com.supercandles.jobs.feed;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The feed's records into Kafka, keyed by symbol, with the receive time as the record's timestamp.
 * The websocket reader only ever puts records into a bounded queue; one thread sends them, so a slow
 * or absent broker fills the queue (and records are refused, counted and recorded as gaps) instead of
 * stalling the reader. Gap records have a queue of their own, so a full market queue does not refuse them.
 */
public final class KafkaFeedOutput implements FeedOutput {
    private final Map<FeedRecord.Role, String> topics;
    private final BlockingQueue<FeedRecord> market;
    private final BlockingQueue<FeedRecord> gaps = new ArrayBlockingQueue<>(10_000);
    private final KafkaProducer<String, String> producer;
    private final Thread sender;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean running = true;

    public KafkaFeedOutput(Properties kafka, Map<FeedRecord.Role, String> topics, int queueCapacity) {
        this.topics = new EnumMap<>(topics);
        this.market = new ArrayBlockingQueue<>(queueCapacity);
        Properties p = new Properties();
        p.putAll(kafka);
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        p.putIfAbsent("linger.ms", "5");
        p.putIfAbsent("acks", "all");
        // one request in flight keeps each partition in order without the idempotent producer (see MarketFeed)
        p.putIfAbsent("enable.idempotence", "false");
        p.putIfAbsent("max.in.flight.requests.per.connection", "1");
        this.producer = new KafkaProducer<>(p);
        this.sender = new Thread(this::send, "feed-kafka-sender");
        sender.setDaemon(true);
        sender.start();
    }

    @Override
    public boolean offer(FeedRecord r) {
        return (r.role() == FeedRecord.Role.GAPS ? gaps : market).offer(r);
    }

    private void send() {
        while (running || !market.isEmpty() || !gaps.isEmpty()) {
            try {
                FeedRecord r = gaps.poll();
                if (r == null) {
                    r = market.poll(20, TimeUnit.MILLISECONDS);
                }
                if (r == null) {
                    continue;
                }
                producer.send(new ProducerRecord<>(topics.get(r.role()), null, r.receivedAt(), r.symbol(), r.json()),
                        (meta, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            } else {
                                sent.incrementAndGet();
                            }
                        });
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e); // e.g. no metadata within max.block.ms: the reader does not notice
            }
        }
    }

    public long sent() {
        return sent.get();
    }

    public int queued() {
        return market.size() + gaps.size();
    }

    /** The first failure of the broker, if any (the feed carries on: the record is lost and counted there). */
    public Exception failure() {
        return failure.get();
    }

    /** Sends what is queued (waiting at most {@code flushTimeoutMs}), then closes the producer. */
    public void close(long flushTimeoutMs) {
        running = false;
        try {
            sender.join(flushTimeoutMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.interrupt();
        producer.close(java.time.Duration.ofMillis(Math.max(1, flushTimeoutMs)));
    }

    @Override
    public void close() {
        close(10_000);
    }
}
