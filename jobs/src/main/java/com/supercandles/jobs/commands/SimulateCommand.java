package com.supercandles.jobs.commands;

import com.supercandles.jobs.cli.CommandOptions;
import com.supercandles.jobs.config.SimulatorOptions;
import com.supercandles.jobs.graph.Replay;

import com.supercandles.event.EventType;
import com.supercandles.jobs.cli.RunOutputs;
import com.supercandles.simulator.SimulatedMarketFiles;
import com.supercandles.simulator.SimulatorConfig;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;

/** {@code bin/supercandles simulate}: writes a simulated market as recorded files, for replay or produce. */
public final class SimulateCommand {
    private SimulateCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        CommandOptions o = SimulatorOptions.withSimulatorOptions(new CommandOptions("simulate",
                "Writes a deterministic simulated market as trades.jsonl, orders.jsonl and book.jsonl.")
                .option("out", "DIR", "Directory to write.", null)
                .option("minutes", "N", "Minutes of market time.", "30")
                .option("start", "MS", "Event time of the first event, epoch ms.", "1700000000000"));
        if (!o.parse(args, out)) {
            return 0;
        }
        SimulatorConfig sim = SimulatorOptions.simulatorConfig(o, o.longValue("start"));
        Path dir = Paths.get(o.text("out"));
        Duration span = Duration.ofMinutes(o.positiveInt("minutes"));
        RunOutputs outputs = new RunOutputs("simulate");
        for (EventType type : EventType.values()) {
            outputs.writesNew("--out", dir.resolve(type.streamName() + ".jsonl"));
        }
        Map<EventType, Long> counts;
        try (RunOutputs staged = outputs.prepare()) {
            try {
                counts = SimulatedMarketFiles.write(sim, span, staged.staged(dir.resolve("trades.jsonl")).getParent());
                staged.commit();
            } catch (Exception e) {
                throw staged.explain(e);
            }
        }
        out.println("Wrote " + Replay.perStream(counts) + " to " + dir);
        return 0;
    }
}
