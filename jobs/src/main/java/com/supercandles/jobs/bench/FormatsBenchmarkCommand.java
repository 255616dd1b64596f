package com.supercandles.jobs.bench;

import com.supercandles.event.EventParser;
import com.supercandles.event.InvalidEventException;
import com.supercandles.event.ParsedRecord;
import com.supercandles.jobs.cli.CommandOptions;
import com.supercandles.venue.VenueFormat;
import com.supercandles.venue.VenueInput;
import com.supercandles.venue.VenueOptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code bin/supercandles benchmark-formats}: how fast each venue format is read on one core, parsing and
 * book rebuilding included ({@link VenueInput#open}, the same code the job's sources run), on the
 * recorded market written in every format ({@link FormatSamples}); beside it, Python's csv module (and
 * jq for the JSON events) reading the same files, where they are installed.
 */
public final class FormatsBenchmarkCommand {
    private static final String PYTHON_CSV = "import csv,sys,time\n"
            + "t=time.perf_counter();n=0\n"
            + "for p in sys.argv[1:]:\n"
            + "  with open(p,newline='') as f:\n"
            + "    for row in csv.reader(f): n+=1\n"
            + "print(n, time.perf_counter()-t)\n";

    private FormatsBenchmarkCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        CommandOptions o = new CommandOptions("benchmark-formats",
                "Measures how fast each venue format is read on one core (parsing and book rebuilding): the recorded\n"
                        + "events of --input written in every format into --work, each read --rounds times; beside it,\n"
                        + "python3's csv module (and jq for the JSON events) reading the same files, when installed.")
                .option("input", "DIR", "A recorded directory of the project's JSON events (trades.jsonl, orders.jsonl, book.jsonl).", null)
                .option("work", "DIR", "Where the files of each format are written (a new or empty directory).", null)
                .option("rounds", "N", "Reads of each format; the best and the median are reported.", "7")
                .option("compare", "true|false", "Also time python3's csv module and jq on the same files.", "true");
        if (!o.parse(args, out)) {
            return 0;
        }
        Path input = Paths.get(o.text("input"));
        Path work = Paths.get(o.text("work"));
        int rounds = o.positiveInt("rounds");
        if (Files.isDirectory(work)) {
            try (Stream<Path> list = Files.list(work)) {
                if (list.findAny().isPresent()) {
                    throw new CommandOptions.UsageException("--work " + work + " is not empty: give a new or empty"
                            + " directory (the files of each format are written there)");
                }
            }
        }
        if (!Files.isRegularFile(input.resolve("orders.jsonl"))) {
            throw new CommandOptions.UsageException("--input " + input + " has no orders.jsonl: give a recorded directory"
                    + " with trades, orders and book (e.g. ../shared/data/bitstamp-btcusd-2015-05-01)");
        }
        Map<String, Path> inputs = new FormatSamples(input).write(Files.createDirectories(work));
        out.println("| format | input rows | records out | records/s, best | records/s, median | rows/s, best | rows/s, python3 csv | rows/s, jq |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        List<Path> json = jsonFiles(input);
        long[] jsonCounts = {0, 0};
        double[] jsonRates = timed(rounds, () -> jsonCounts[1] = parseJson(json));
        jsonCounts[0] = rows(json);
        out.println(row("jsonl (the project's events)", jsonCounts[0], jsonCounts[1], jsonRates,
                o.bool("compare") ? jqRate(json) : Double.NaN, Double.NaN));
        for (Map.Entry<String, Path> f : inputs.entrySet()) {
            VenueFormat format = VenueFormat.named(f.getKey());
            VenueInput venue = VenueInput.of(format, f.getValue(), VenueOptions.DEFAULTS);
            long[] records = {0};
            double[] rates = timed(rounds, () -> records[0] = read(venue));
            List<Path> files = venue.filesRead();
            out.println(row(f.getKey(), rows(files), records[0], rates, Double.NaN,
                    o.bool("compare") ? pythonRate(files) : Double.NaN));
        }
        out.println();
        out.println("One thread, " + rounds + " reads each (the first ones warm the JIT); files in " + work + ".");
        return 0;
    }

    private interface Count {
        long run() throws IOException;
    }

    /** Records per second of each round, best first. */
    private static double[] timed(int rounds, Count count) throws IOException {
        double[] rates = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            long n = count.run();
            rates[i] = n / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(rates);
        return rates;
    }

    private static long read(VenueInput venue) throws IOException {
        long n = 0;
        try (VenueInput.Records records = venue.open()) {
            ParsedRecord r;
            while ((r = records.next()) != null) {
                n++;
            }
        }
        return n;
    }

    private static List<Path> jsonFiles(Path dir) {
        List<Path> files = new ArrayList<>();
        for (String name : List.of("trades.jsonl", "orders.jsonl", "book.jsonl")) {
            if (Files.isRegularFile(dir.resolve(name))) {
                files.add(dir.resolve(name));
            }
        }
        return files;
    }

    /** The JSON path's parse: each line to an event (or a rejection), as the job's file source does. */
    private static long parseJson(List<Path> files) throws IOException {
        EventParser parser = new EventParser();
        long n = 0;
        for (Path f : files) {
            try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null) {
                    try {
                        parser.parseEvent(line);
                    } catch (InvalidEventException rejected) {
                        // a dead letter is a record too
                    }
                    n++;
                }
            }
        }
        return n;
    }

    private static long rows(List<Path> files) throws IOException {
        long n = 0;
        for (Path f : files) {
            try (Stream<String> lines = Files.lines(f)) {
                n += lines.count();
            }
        }
        return n;
    }

    private static String row(String name, long rows, long records, double[] rates, double jq, double python) {
        double best = rates[rates.length - 1];
        return String.format(Locale.ROOT, "| %s | %,d | %,d | %,.0f | %,.0f | %,.0f | %s | %s |", name, rows, records, best,
                rates[rates.length / 2], best * rows / records, rate(python), rate(jq));
    }

    private static String rate(double r) {
        return Double.isNaN(r) ? "-" : String.format(Locale.ROOT, "%,.0f", r);
    }

    /** Rows per second of python3's csv.reader over the files, best of three; NaN without python3. */
    private static double pythonRate(List<Path> files) {
        List<String> command = new ArrayList<>(List.of("python3", "-c", PYTHON_CSV));
        files.forEach(f -> command.add(f.toString()));
        double best = Double.NaN;
        for (int i = 0; i < 3; i++) {
            String[] result = output(command);
            if (result == null) {
                return Double.NaN;
            }
            double rate = Long.parseLong(result[0]) / Double.parseDouble(result[1]);
            best = Double.isNaN(best) ? rate : Math.max(best, rate);
        }
        return best;
    }

    /** Lines per second of {@code jq -c .} over the files (its output discarded), best of three; NaN without jq. */
    private static double jqRate(List<Path> files) throws IOException {
        long lines = rows(files);
        List<String> command = new ArrayList<>(List.of("jq", "-c", "."));
        files.forEach(f -> command.add(f.toString()));
        double best = Double.NaN;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            if (output(command) == null) {
                return Double.NaN;
            }
            double rate = lines / ((System.nanoTime() - start) / 1e9);
            best = Double.isNaN(best) ? rate : Math.max(best, rate);
        }
        return best;
    }

    /** The last line of a command's output split at spaces; null when it cannot run or fails. */
    private static String[] output(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String last = null;
            try (BufferedReader r = new BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    last = line;
                }
            }
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroy();
                return null;
            }
            return last == null ? new String[0] : last.trim().split(" ");
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
