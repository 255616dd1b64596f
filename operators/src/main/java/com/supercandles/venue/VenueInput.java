package com.supercandles.venue;

import com.supercandles.event.EventType;
import com.supercandles.event.ParsedRecord;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One {@code --format} and {@code --input}: the venue's files (a file, or every file of the format in a
 * directory, in name order) and the book options; {@link #open} reads them all, merged by time, as the
 * records of the three streams.
 */
public final class VenueInput implements Serializable {
    private static final long serialVersionUID = 1L;

    public final VenueFormat format;
    public final VenueOptions options;
    private final List<String> files;
    /** The files and those read beside them (a LOBSTER orderbook file). */
    private final List<String> filesRead;
    private final Set<EventType> streams;

    private VenueInput(VenueFormat format, VenueOptions options, List<String> files, List<String> filesRead,
                       Set<EventType> streams) {
        this.format = format;
        this.options = options;
        this.files = files;
        this.filesRead = filesRead;
        this.streams = streams;
    }

    /** The files of {@code input} (a file or a directory) in this format, each checked readable as it. */
    public static VenueInput of(VenueFormat format, Path input, VenueOptions options) throws IOException {
        List<Path> paths = filesOf(format, input);
        List<String> names = new ArrayList<>();
        List<String> read = new ArrayList<>();
        Set<EventType> streams = EnumSet.noneOf(EventType.class);
        for (Path given : paths) {
            List<Path> pair = format.filesRead(given);
            Path p = pair.get(0); // a LOBSTER orderbook file given stands for its message file
            streams.addAll(format.streams(p, options));
            format.open(p).close(); // a file of another format fails now, before any job starts
            names.add(p.toString());
            pair.forEach(f -> read.add(f.toString()));
        }
        return new VenueInput(format, options, names, read, streams);
    }

    static List<Path> filesOf(VenueFormat format, Path input) throws IOException {
        if (!Files.exists(input)) {
            throw new VenueFileException("--input " + input + " does not exist");
        }
        if (!Files.isDirectory(input)) {
            return List.of(input);
        }
        List<Path> found = new ArrayList<>();
        try (Stream<Path> list = Files.list(input)) {
            list.filter(Files::isRegularFile).filter(p -> format.takes(p.getFileName().toString())).sorted()
                    .forEach(found::add);
        }
        if (found.isEmpty()) {
            throw new VenueFileException("--input " + input + " holds no " + format.wireName() + " files ("
                    + format.description() + ")");
        }
        return found;
    }

    /** The format the files of {@code input} have when all agree; null when none is sure or they differ. */
    public static VenueFormat detect(Path input) throws IOException {
        List<Path> candidates = new ArrayList<>();
        if (Files.isDirectory(input)) {
            try (Stream<Path> list = Files.list(input)) {
                list.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                        .filter(p -> !p.getFileName().toString().toUpperCase(java.util.Locale.ROOT).endsWith(".CHECKSUM"))
                        .sorted().forEach(candidates::add);
            }
        } else {
            candidates.add(input);
        }
        VenueFormat found = null;
        for (Path p : candidates) {
            VenueFormat f = VenueFormat.detect(p);
            if (f == null || found != null && f != found) {
                return null;
            }
            found = f;
        }
        return found;
    }

    public List<Path> files() {
        List<Path> paths = new ArrayList<>();
        files.forEach(f -> paths.add(Paths.get(f)));
        return paths;
    }

    /** Every file the input reads (the files, and a LOBSTER message file's orderbook beside it). */
    public List<Path> filesRead() {
        List<Path> paths = new ArrayList<>();
        filesRead.forEach(f -> paths.add(Paths.get(f)));
        return paths;
    }

    /** The streams the files give (only these get a source). */
    public Set<EventType> streams() {
        return streams;
    }

    /** Reads every file, merged by time; the caller closes it. */
    public Records open() throws IOException {
        List<VenueReader> readers = new ArrayList<>();
        try {
            for (Path p : files()) {
                readers.add(format.open(p));
            }
        } catch (IOException e) {
            for (VenueReader r : readers) {
                r.close();
            }
            throw e;
        }
        return new Records(new TimeMerge(readers), new MarketAssembler(options, format.booksStartEmpty()));
    }

    /** The records of an input in time order (per symbol and stream), rejected rows among them. */
    public static final class Records implements AutoCloseable {
        private final VenueReader items;
        private final MarketAssembler assembler;
        private final ArrayDeque<ParsedRecord> ready = new ArrayDeque<>();
        private boolean finished;

        Records(VenueReader items, MarketAssembler assembler) {
            this.items = items;
            this.assembler = assembler;
        }

        /** The next record, or null at the end. */
        public ParsedRecord next() throws IOException {
            while (ready.isEmpty()) {
                if (finished) {
                    return null;
                }
                VenueItem item = items.next();
                if (item == null) {
                    finished = true;
                    ready.addAll(assembler.finish());
                } else {
                    ready.addAll(assembler.accept(item));
                }
            }
            return ready.poll();
        }

        @Override
        public void close() throws IOException {
            items.close();
        }
    }
}
