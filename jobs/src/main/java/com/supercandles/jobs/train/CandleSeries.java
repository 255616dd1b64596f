package com.supercandles.jobs.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.supercandles.candle.Period;
import com.supercandles.jobs.backtest.BarFiles;
import com.supercandles.jobs.cli.BadLines;
import com.supercandles.jobs.cli.LineEstimate;
import com.supercandles.jobs.cli.Progress;
import com.supercandles.jobs.cli.UserMessages;
import com.supercandles.score.ModelBar;
import com.supercandles.signal.SignalBar;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The candles of one period from candle files (a replay's output, a tail of the candle topic, or a
 * directory of them: every {@code *.jsonl} whose first line is a candle), per symbol in window order.
 * A window seen twice (a re-emission within allowed lateness) keeps its last version, as a reader of
 * the topic would.
 */
public final class CandleSeries {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Per symbol, the bars in window order. */
    public final Map<String, List<ModelBar>> bars = new TreeMap<>();
    /** The same candles as the paper strategies read them. */
    public final Map<String, List<SignalBar>> signalBars = new TreeMap<>();
    public final List<Path> files = new ArrayList<>();
    /** Candles dropped because a later one has the same symbol and window (re-emissions, overlapping files). */
    public long repeatedWindows;

    private CandleSeries() {}

    public static CandleSeries read(Path fileOrDir, Period period) throws IOException {
        return read(fileOrDir, period, BadLines.failing(), Progress.none());
    }

    /** The candles of {@code period} in a file or directory; lines that are not candles go to {@code bad}. */
    public static CandleSeries read(Path fileOrDir, Period period, BadLines bad, Progress progress) throws IOException {
        CandleSeries s = new CandleSeries();
        List<Path> files = candleFiles(fileOrDir);
        long lines = 0;
        for (Path file : files) {
            lines += LineEstimate.of(file);
        }
        progress.total(lines);
        for (Path file : files) {
            s.files.add(file);
            bad.read(file, progress, (text, line) -> s.add(text, period.toString()));
        }
        s.sortAndDeduplicate();
        return s;
    }

    /** Rows of {@code SELECT ... FORMAT JSONEachRow} (ClickHouse), one candle each. */
    public static CandleSeries ofJsonLines(Iterable<String> lines, Period period, String source) throws IOException {
        CandleSeries s = new CandleSeries();
        BadLines bad = BadLines.failing();
        int n = 0;
        for (String line : lines) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            try {
                s.add(line, period.toString());
            } catch (IllegalArgumentException | IOException e) {
                bad.add(java.nio.file.Paths.get(source), n, UserMessages.of(e));
            }
        }
        s.sortAndDeduplicate();
        return s;
    }

    public long size() {
        return bars.values().stream().mapToLong(List::size).sum();
    }

    static List<Path> candleFiles(Path fileOrDir) throws IOException {
        if (Files.isRegularFile(fileOrDir)) {
            return List.of(fileOrDir);
        }
        if (!Files.isDirectory(fileOrDir)) {
            throw new IOException(fileOrDir + " is neither a candle file nor a directory of them");
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(fileOrDir)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                if (f.toString().endsWith(".jsonl") && Files.isRegularFile(f) && firstLineIsCandle(f)) {
                    out.add(f);
                }
            }
        }
        if (out.isEmpty()) {
            throw new IOException(fileOrDir + " holds no candle file (*.jsonl of candles, as replay --out writes)");
        }
        return out;
    }

    private static boolean firstLineIsCandle(Path f) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            if (line == null || line.isBlank()) {
                return false;
            }
            try {
                JsonNode n = JSON.readTree(line);
                return n.has("window_start") && n.has("pr_close") && n.has("disb") && n.has("period");
            } catch (IOException e) {
                return false;
            }
        }
    }

    private void add(String text, String period) throws IOException {
        JsonNode c = JSON.readTree(text);
        SignalBar signal = BarFiles.signalBar(c); // checks the candle's keys and their types first
        if (!period.equals(signal.period)) {
            return;
        }
        ModelBar model = ModelBar.of(signal.symbol, period, signal.windowStart, signal.windowEnd,
                field -> BarFiles.real(c, field));
        bars.computeIfAbsent(signal.symbol, k -> new ArrayList<>()).add(model);
        signalBars.computeIfAbsent(signal.symbol, k -> new ArrayList<>()).add(signal);
    }

    private void sortAndDeduplicate() {
        for (List<ModelBar> list : bars.values()) {
            int before = list.size();
            keepLastOfEachWindow(list, b -> b.windowStart);
            repeatedWindows += before - list.size();
        }
        for (List<SignalBar> list : signalBars.values()) {
            keepLastOfEachWindow(list, b -> b.windowStart);
        }
    }

    private static <T> void keepLastOfEachWindow(List<T> list, java.util.function.ToLongFunction<T> start) {
        List<T> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparingLong(start)); // stable: the last of equal windows stays last
        list.clear();
        for (int i = 0; i < sorted.size(); i++) {
            if (i + 1 < sorted.size() && start.applyAsLong(sorted.get(i + 1)) == start.applyAsLong(sorted.get(i))) {
                continue;
            }
            list.add(sorted.get(i));
        }
    }
}
