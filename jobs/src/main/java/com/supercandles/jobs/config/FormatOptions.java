package com.supercandles.jobs.config;

import com.supercandles.jobs.cli.CommandOptions;
import com.supercandles.jobs.graph.EventInput;
import com.supercandles.jobs.graph.Replay;
import com.supercandles.venue.VenueFormat;
import com.supercandles.venue.VenueInput;
import com.supercandles.venue.VenueOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --format} and the book options of the commands that read events ({@code replay}, {@code
 * backtest}, {@code produce}, {@code convert}): which format {@code --input} is in, told by the files'
 * names and headers when they say it for sure, and how books are rebuilt from increments.
 */
public final class FormatOptions {
    public static final String JSONL = "jsonl";

    private FormatOptions() {}

    public static CommandOptions with(CommandOptions o) {
        return o.option("format", "NAME", "The format of --input: " + names() + "; auto: told by the files' names and"
                        + " headers (an error lists the formats when they do not say it for sure).", "auto")
                .option("book-depth", "N", "Formats whose books are rebuilt or read per message (tardis"
                        + " incremental_book_L2, lobster, moex-orderlog, databento-mbo): the levels a side each snapshot"
                        + " keeps.", Integer.toString(VenueOptions.DEFAULT_DEPTH))
                .option("book-interval", "DURATION", "Formats that rebuild books: at most one snapshot per this long"
                        + " (the book at the end of each interval); 0s: one after every exchange message.", "0s")
                .option("orders", "derived|none", "Formats that rebuild books from level increments: derive an"
                        + " approximate order log from them (marked \"source\":\"derived\"), or none.", "none");
    }

    static String names() {
        List<String> names = new ArrayList<>(List.of(JSONL));
        for (VenueFormat f : VenueFormat.values()) {
            names.add(f.wireName());
        }
        return String.join(", ", names);
    }

    /** The input the options name: the project's JSON directory or a venue's files, each checked readable. */
    public static EventInput input(CommandOptions o, Path input) throws IOException, CommandOptions.UsageException {
        String name = o.text("format");
        VenueFormat format;
        if (name.equals("auto")) {
            if (Files.isDirectory(input) && hasJsonStreams(input)) {
                name = JSONL;
            } else if (!Files.exists(input)) {
                throw new IOException("--input " + input + " does not exist");
            } else {
                format = VenueInput.detect(input);
                if (format == null && Files.isDirectory(input)) {
                    try {
                        return EventInput.jsonl(input); // fails: says which files a recorded directory holds
                    } catch (IOException e) {
                        throw new IOException(e.getMessage() + ", and its files are of no venue format this release"
                                + " tells by name and header: for a venue's files give --format, one of " + names());
                    }
                }
                if (format == null) {
                    throw new CommandOptions.UsageException("cannot tell the format of --input " + input
                            + " from its files' names and headers: give --format, one of " + names());
                }
                name = format.wireName();
            }
        }
        if (name.equals(JSONL)) {
            refuseOptions(o, List.of("book-depth", "book-interval", "orders"),
                    "jsonl (the project's own events: books come as snapshots)");
            return EventInput.jsonl(input);
        }
        format = VenueFormat.named(name);
        if (format == null) {
            throw new CommandOptions.UsageException("--format " + name + " is not a format: use one of " + names());
        }
        if (!format.rebuildsBooks()) {
            refuseOptions(o, List.of("book-depth", "book-interval", "orders"), format.wireName() + " (its files hold trades only)");
        }
        if (!format.derivesOrders()) {
            refuseOptions(o, List.of("orders"), format.wireName() + " (" + (format.rebuildsBooks()
                    ? "its files hold the venue's own order log" : "its files hold trades only") + ")");
        }
        String orders = o.text("orders");
        if (!orders.equals("derived") && !orders.equals("none")) {
            throw new CommandOptions.UsageException("--orders must be derived or none, got '" + orders + "'");
        }
        long intervalMs = o.duration("book-interval").toMillis();
        VenueOptions options = new VenueOptions(o.positiveInt("book-depth"), intervalMs, orders.equals("derived"));
        return EventInput.venue(input, VenueInput.of(format, input, options));
    }

    private static boolean hasJsonStreams(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> list = Files.list(dir)) {
            return list.anyMatch(p -> Replay.isStreamFile(p.getFileName().toString()));
        }
    }

    /** An option that does not apply to the format is an error that says so, not a silent no-op. */
    private static void refuseOptions(CommandOptions o, List<String> options, String format)
            throws CommandOptions.UsageException {
        for (String option : options) {
            if (o.has(option)) {
                throw new CommandOptions.UsageException("--" + option + " does not apply to --format " + format + ": it"
                        + " applies to " + (option.equals("orders") ? "formats with level increments and no order log"
                        + " (tardis)" : "formats whose books are rebuilt (tardis, lobster, moex-orderlog, databento-mbo)"));
            }
        }
    }
}
