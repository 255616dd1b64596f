package com.supercandles.jobs.graph;

import com.supercandles.event.EventType;
import com.supercandles.jobs.cli.LineEstimate;
import com.supercandles.jobs.config.SuperCandlesSettings;
import com.supercandles.venue.VenueBulkFormat;
import com.supercandles.venue.VenueInput;
import org.apache.flink.connector.file.src.FileSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What a replay reads: a directory of the project's JSON event files (trades.jsonl, orders.jsonl,
 * book.jsonl: {@link Replay#fileJob}, unchanged), or a venue's files in one of the formats of {@code
 * --format} ({@link VenueInput}), one source per stream that the files give.
 */
public final class EventInput {
    private final Path path;
    private final Map<EventType, Path> jsonFiles;
    private final VenueInput venue;

    private EventInput(Path path, Map<EventType, Path> jsonFiles, VenueInput venue) {
        this.path = path;
        this.jsonFiles = jsonFiles;
        this.venue = venue;
    }

    /** The recorded directory of the project's own events (fails when it holds none of the three files). */
    public static EventInput jsonl(Path dir) throws IOException {
        return new EventInput(dir, Replay.inputFiles(dir), null);
    }

    public static EventInput venue(Path input, VenueInput venue) {
        return new EventInput(input, null, venue);
    }

    public Path path() {
        return path;
    }

    /** The venue input, or null for the project's JSON files. */
    public VenueInput venue() {
        return venue;
    }

    /** The JSON files by stream, or null for a venue input. */
    public Map<EventType, Path> jsonFiles() {
        return jsonFiles;
    }

    /** The files read, by name, for the summary. */
    public List<String> fileNames() {
        List<String> names = new ArrayList<>();
        for (Path f : jsonFiles != null ? jsonFiles.values() : venue.filesRead()) {
            names.add(f.getFileName().toString());
        }
        return names;
    }

    /** Which names in the input directory the run reads (no output may be written over them). */
    public Predicate<String> readsName() {
        if (jsonFiles != null) {
            return Replay::isStreamFile;
        }
        List<String> names = fileNames();
        return names::contains;
    }

    /** The lines the files hold, estimated (a compressed file's are unknown: its bytes are not lines). */
    public long estimatedLines() {
        long lines = 0;
        for (Path f : jsonFiles != null ? jsonFiles.values() : List.<Path>of()) {
            lines += LineEstimate.of(f);
        }
        return lines;
    }

    /** The job with one source per stream; the caller adds the sinks. */
    public SuperCandlesJob.Builder job(SuperCandlesSettings settings) {
        if (jsonFiles != null) {
            return Replay.fileJob(settings, jsonFiles);
        }
        SuperCandlesJob.Builder job = SuperCandlesJob.builder().settings(settings);
        org.apache.flink.core.fs.Path first = new org.apache.flink.core.fs.Path(venue.files().get(0).toUri());
        for (EventType stream : venue.streams()) {
            job.source(stream, FileSource.forBulkFileFormat(
                    new VenueBulkFormat(venue, stream, settings.maxOutOfOrderness()), first).build());
        }
        return job;
    }

    /** How the summary names a stream's input: its JSON file, or the stream of the venue's files. */
    public String streamLabel(EventType stream) {
        return jsonFiles != null ? stream.streamName() + ".jsonl" : stream.streamName();
    }
}
