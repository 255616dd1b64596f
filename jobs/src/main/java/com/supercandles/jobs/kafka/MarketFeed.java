package com.supercandles.jobs.kafka;

import com.supercandles.jobs.graph.Replay;

import com.supercandles.jobs.cli.Progress;
import com.supercandles.event.EventJson;
import com.supercandles.event.EventParser;
import com.supercandles.event.EventType;
import com.supercandles.event.InvalidEventException;
import com.supercandles.event.MarketEvent;
import com.supercandles.simulator.MarketSimulator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Produces a market into the input topics, keyed by symbol: the simulator's events or the lines of
 * recorded files (as they are, bad lines included), optionally paced so that event time runs at a
 * chosen multiple of wall-clock time.
 */
public final class MarketFeed {

    /** One record for a topic: which stream, its key and its JSON value, and its event time if known. */
    public static final class Line {
        public final EventType stream;
        public final String symbol;
        public final String json;
        public final long ts;

        public Line(EventType stream, String symbol, String json, long ts) {
            this.stream = stream;
            this.symbol = symbol;
            this.json = json;
            this.ts = ts;
        }
    }

    private MarketFeed() {}

    public static Iterator<Line> simulated(MarketSimulator simulator) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Line next() {
                MarketEvent e = simulator.next();
                return new Line(e.type, e.symbol, EventJson.toJson(e), e.ts);
            }
        };
    }

    /**
     * A venue's files as the project's JSON events, merged by time; a row that is not an event goes to
     * {@code rejected} (its file, line and reason), not to the topics: the CSV row would only become a
     * dead letter there with a JSON parser's reason, losing where it came from.
     */
    public static Iterator<Line> venue(com.supercandles.venue.VenueInput input,
                                       java.util.function.Consumer<com.supercandles.event.DeadLetter> rejected)
            throws IOException {
        com.supercandles.venue.VenueInput.Records records = input.open();
        return new Iterator<>() {
            private Line head;

            @Override
            public boolean hasNext() {
                try {
                    while (head == null) {
                        com.supercandles.event.ParsedRecord r = records.next();
                        if (r == null) {
                            records.close();
                            return false;
                        }
                        if (r.event == null) {
                            rejected.accept(r.rejection);
                        } else {
                            head = new Line(r.event.type, r.event.symbol, EventJson.toJson(r.event), r.event.ts);
                        }
                    }
                    return true;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public Line next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Line line = head;
                head = null;
                return line;
            }
        };
    }

    /** The recorded files of {@code dir} merged by event time; a line without a readable ts goes at once. */
    public static Iterator<Line> recorded(Path dir) throws IOException {
        List<BufferedReader> readers = new ArrayList<>();
        List<EventType> streams = new ArrayList<>();
        for (Map.Entry<EventType, Path> f : Replay.inputFiles(dir).entrySet()) {
            readers.add(Files.newBufferedReader(f.getValue(), StandardCharsets.UTF_8));
            streams.add(f.getKey());
        }
        EventParser parser = new EventParser();
        Line[] heads = new Line[readers.size()];
        return new Iterator<>() {
            private Line read(int i) {
                try {
                    String line;
                    do {
                        line = readers.get(i).readLine();
                        if (line == null) {
                            readers.get(i).close();
                            return null;
                        }
                    } while (line.isBlank());
                    try {
                        MarketEvent e = parser.parseEvent(line);
                        return new Line(streams.get(i), e.symbol, line, e.ts);
                    } catch (InvalidEventException bad) {
                        return new Line(streams.get(i), null, line, Long.MIN_VALUE);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            private int fill() {
                int best = -1;
                for (int i = 0; i < heads.length; i++) {
                    if (heads[i] == null && readers.get(i) != null) {
                        heads[i] = read(i);
                        if (heads[i] == null) {
                            readers.set(i, null);
                        }
                    }
                    if (heads[i] != null && (best < 0 || heads[i].ts < heads[best].ts)) {
                        best = i;
                    }
                }
                return best;
            }

            @Override
            public boolean hasNext() {
                return fill() >= 0;
            }

            @Override
            public Line next() {
                int i = fill();
                if (i < 0) {
                    throw new NoSuchElementException();
                }
                Line line = heads[i];
                heads[i] = null;
                return line;
            }
        };
    }

    /**
     * Sends lines until they run out or {@code stop} says so. With {@code speedup > 0}, a line is sent
     * when wall-clock time since the start has caught up with its event time divided by the speed-up.
     *
     * @return how many records were sent (all of them acknowledged)
     * @throws IllegalStateException if the broker refused any record
     */
    public static long produce(Properties kafka, Map<EventType, String> topics, Iterator<Line> lines, double speedup,
                        BooleanSupplier stop) throws InterruptedException {
        return produce(kafka, topics, lines, speedup, stop, Progress.none());
    }

    /** As {@link #produce(Properties, Map, Iterator, double, BooleanSupplier)}, counting on {@code progress}. */
    public static long produce(Properties kafka, Map<EventType, String> topics, Iterator<Line> lines, double speedup,
                        BooleanSupplier stop, Progress progress) throws InterruptedException {
        Properties p = new Properties();
        p.putAll(kafka);
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        p.put("linger.ms", "5");
        // One request in flight keeps each partition in order without the idempotent producer, whose
        // batches were seen to stall until expiry right after the in-process broker started.
        p.put("enable.idempotence", "false");
        p.put("acks", "all");
        p.put("max.in.flight.requests.per.connection", "1");
        AtomicReference<Exception> failure = new AtomicReference<>();
        long sent = 0;
        long firstTs = Long.MIN_VALUE;
        long startWall = System.currentTimeMillis();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            while (!stop.getAsBoolean() && lines.hasNext()) {
                Line line = lines.next();
                if (speedup > 0 && line.ts != Long.MIN_VALUE) {
                    if (firstTs == Long.MIN_VALUE) {
                        firstTs = line.ts;
                    }
                    long due = startWall + (long) ((line.ts - firstTs) / speedup);
                    long wait = due - System.currentTimeMillis();
                    if (wait > 0) {
                        producer.flush();
                        Thread.sleep(wait);
                    }
                }
                producer.send(new ProducerRecord<>(topics.get(line.stream), line.symbol, line.json), (meta, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
                sent++;
                progress.update(sent);
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("the broker did not accept every record: " + failure.get().getMessage(),
                    failure.get());
        }
        return sent;
    }
}
