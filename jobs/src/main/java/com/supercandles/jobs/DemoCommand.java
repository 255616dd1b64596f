package com.supercandles.jobs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.supercandles.event.EventType;
import com.supercandles.simulator.SimulatedMarketFiles;
import com.supercandles.simulator.SimulatorConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/supercandles demo}: the embedded default. The built-in simulator produces a market
 * (trades, order log, book snapshots for a few symbols), the job turns it into SuperCandles, and the
 * command shows where they went and a few of them. Needs nothing but this project.
 */
final class DemoCommand {
    private static final int SHOWN = 8;

    private DemoCommand() {}

    static int run(String[] args, PrintStream out) throws Exception {
        CommandOptions o = ReplayCommand.withJobOptions(new CommandOptions("demo",
                "Simulates a market and runs it through the SuperCandles job; shows where the candles went\n"
                        + "and a few of them.")
                .option("out", "DIR", "Where the simulated market and the candles are written.", "demo-output")
                .option("period", "LIST", "Candle periods, comma-separated.", "1m,5m")
                .option("symbols", "N", "Number of simulated instruments.", "3")
                .option("rate", "N", "Simulated events per second of market time, all symbols together.", "200")
                .option("minutes", "N", "Minutes of market time to simulate.", "30")
                .option("seed", "N", "Random seed: the same seed gives the same market.", "42"));
        if (!o.parse(args, out)) {
            return 0;
        }
        Path dir = Paths.get(o.text("out"));
        Path market = dir.resolve("market");
        Path candles = dir.resolve("candles.jsonl");
        Path deadLetters = dir.resolve("dead-letters.jsonl");
        SuperCandlesSettings settings = ReplayCommand.settings(o);
        SimulatorConfig sim;
        try {
            sim = new SimulatorConfig()
                    .symbols(o.positiveInt("symbols"))
                    .eventsPerSecond(o.positiveNumber("rate"))
                    .seed(o.longValue("seed"))
                    .tickSize(settings.instruments().defaults().tickSize())
                    // A recent whole hour, so the candles look like today's market.
                    .startTs(Instant.now().minus(Duration.ofHours(2)).toEpochMilli() / 3_600_000L * 3_600_000L);
        } catch (IllegalArgumentException e) {
            throw new CommandOptions.UsageException(e.getMessage());
        }
        int minutes = o.positiveInt("minutes");
        ReplayCommand.requireWritable(candles);

        Map<EventType, Long> simulated = SimulatedMarketFiles.write(sim, Duration.ofMinutes(minutes), market);
        out.printf("Simulated %d minutes of market for %d symbols: %s -> %s%n", minutes, sim.symbols(),
                ReplayCommand.perStream(simulated), market);

        Replay.Summary s = Replay.run(settings, market, candles, deadLetters, o.positiveInt("parallelism"));
        out.printf("Ran the SuperCandles job (periods %s): %,d events in, %,d rejected, %,d late%n",
                o.text("period"), s.eventsRead(), s.rejected, s.late);
        out.printf("Wrote %,d candles to %s%n", s.candles, candles.toAbsolutePath());
        out.printf("Dead letters (none expected from the simulator): %s%n", deadLetters.toAbsolutePath());
        out.println();
        printSome(candles, out);
        return 0;
    }

    /** The last few candles of the longest period, one line each, with the fields traders look at first. */
    private static void printSome(Path candles, PrintStream out) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        JsonFactory json = new JsonFactory();
        for (String line : Files.readAllLines(candles, StandardCharsets.UTF_8)) {
            Map<String, String> row = new HashMap<>();
            try (JsonParser p = json.createParser(line)) {
                p.nextToken();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    row.put(name, p.getText());
                }
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            out.println("No candles were written.");
            return;
        }
        String longest = rows.stream().max((a, b) -> Long.compare(span(a), span(b))).get().get("period");
        List<Map<String, String>> shown = new ArrayList<>();
        for (Map<String, String> r : rows) {
            if (r.get("period").equals(longest)) {
                shown.add(r);
            }
        }
        shown = shown.subList(Math.max(0, shown.size() - SHOWN), shown.size());
        out.printf("Some %s candles (every field is in the file):%n", longest);
        String format = "%-8s %-20s %7s %10s %10s %8s %10s %8s %8s%n";
        out.printf(format, "symbol", "window_start (UTC)", "trades", "pr_close", "pr_vwap", "disb", "spread_bbo",
                "levels_b", "levels_s");
        for (Map<String, String> r : shown) {
            out.printf(format, r.get("symbol"),
                    Instant.ofEpochMilli(Long.parseLong(r.get("window_start"))).toString().substring(0, 19),
                    r.get("trades"), num(r.get("pr_close")), num(r.get("pr_vwap")), num(r.get("disb")),
                    num(r.get("spread_bbo")), num(r.get("levels_b")), num(r.get("levels_s")));
        }
    }

    private static long span(Map<String, String> row) {
        return Long.parseLong(row.get("window_end")) - Long.parseLong(row.get("window_start"));
    }

    private static String num(String v) {
        return v == null || v.equals("null") ? "null" : String.format("%.4f", Double.parseDouble(v));
    }
}
