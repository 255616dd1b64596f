package com.supercandles.jobs.commands;

import com.supercandles.event.EventJson;
import com.supercandles.event.EventType;
import com.supercandles.event.ParsedRecord;
import com.supercandles.jobs.cli.CommandOptions;
import com.supercandles.jobs.cli.Progress;
import com.supercandles.jobs.cli.RunOutputs;
import com.supercandles.jobs.config.FormatOptions;
import com.supercandles.jobs.graph.EventInput;
import com.supercandles.output.Outputs;
import com.supercandles.venue.VenueInput;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code bin/supercandles convert}: a venue's files as the project's JSON event files (trades.jsonl,
 * orders.jsonl, book.jsonl, the rows that are not events in dead-letters.jsonl), for users who want them.
 * Staged: nothing half-written on failure, never over its inputs.
 */
public final class ConvertCommand {
    private ConvertCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        CommandOptions o = FormatOptions.with(new CommandOptions("convert",
                "Converts a venue's files (--format) into the project's JSON events: trades.jsonl, orders.jsonl,\n"
                        + "book.jsonl and dead-letters.jsonl (the rows that are not events, with file, line and reason).")
                .option("input", "PATH", "A venue's file, or a directory of its files.", null)
                .option("out", "DIR", "Where the JSON files go (a file of the same name there is replaced).", null));
        if (!o.parse(args, out)) {
            return 0;
        }
        Path input = Paths.get(o.text("input"));
        Path dir = Paths.get(o.text("out"));
        EventInput events = FormatOptions.input(o, input);
        VenueInput venue = events.venue();
        if (venue == null) {
            throw new CommandOptions.UsageException("--input " + input + " already holds the project's JSON events:"
                    + " convert reads a venue's files (--format, one of the venue formats)");
        }
        Map<EventType, Path> targets = new EnumMap<>(EventType.class);
        RunOutputs outputs = new RunOutputs("convert").reads("--input", input, events.readsName());
        for (EventType stream : venue.streams()) {
            targets.put(stream, dir.resolve(stream.streamName() + ".jsonl"));
            outputs.writes("--out", targets.get(stream));
        }
        Path deadLetters = dir.resolve("dead-letters.jsonl");
        outputs.writes("--out", deadLetters);
        Map<EventType, Long> counts = new EnumMap<>(EventType.class);
        long rejected = 0;
        try (RunOutputs staged = outputs.prepare()) {
            Map<EventType, BufferedWriter> writers = new EnumMap<>(EventType.class);
            try (VenueInput.Records records = venue.open();
                 BufferedWriter dead = writer(staged.staged(deadLetters));
                 Progress progress = Progress.onStderr("converting " + input.getFileName(), "records", 0)) {
                for (Map.Entry<EventType, Path> t : targets.entrySet()) {
                    writers.put(t.getKey(), writer(staged.staged(t.getValue())));
                    counts.put(t.getKey(), 0L);
                }
                long n = 0;
                ParsedRecord r;
                while ((r = records.next()) != null) {
                    if (r.event != null) {
                        writers.get(r.event.type).write(EventJson.toJson(r.event));
                        writers.get(r.event.type).write('\n');
                        counts.merge(r.event.type, 1L, Long::sum);
                    } else {
                        dead.write(Outputs.DEAD_LETTERS.toJson(r.rejection));
                        dead.write('\n');
                        rejected++;
                    }
                    progress.update(++n);
                }
            } catch (Exception e) {
                closeAll(writers);
                throw staged.explain(e);
            }
            closeAll(writers);
            staged.commit();
        }
        out.println("Converted " + input + " (" + venue.format.wireName() + ", " + venue.files().size() + " files) to " + dir);
        for (Map.Entry<EventType, Long> c : counts.entrySet()) {
            out.printf("  %-13s %,d -> %s%n", c.getKey().streamName() + ":", c.getValue(), targets.get(c.getKey()));
        }
        out.printf("  %-13s %,d -> %s%n", "dead letters:", rejected, deadLetters);
        return 0;
    }

    private static BufferedWriter writer(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    private static void closeAll(Map<EventType, BufferedWriter> writers) throws IOException {
        for (BufferedWriter w : writers.values()) {
            w.close();
        }
        writers.clear();
    }
}
