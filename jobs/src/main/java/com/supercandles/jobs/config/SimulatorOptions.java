package com.supercandles.jobs.config;

import com.supercandles.jobs.cli.CommandOptions;
import com.supercandles.jobs.cli.Problems;

import com.supercandles.simulator.SimulatorConfig;

/** The simulated market's options ({@code simulate}, {@code produce --simulate}, {@code demo}) and its configuration from them. */
public final class SimulatorOptions {
    private SimulatorOptions() {}

    /** Declares the simulator's --symbols, --rate and --seed options, read by {@link #simulatorConfig}. */
    public static CommandOptions withSimulatorOptions(CommandOptions o) {
        return o
                .option("symbols", "N", "Simulated instruments.", "3")
                .option("rate", "N", "Events per second of market time, all symbols together.", "200")
                .option("seed", "N", "Random seed: the same seed gives the same market.", "42");
    }

    /** The simulator of the --symbols, --rate and --seed options, starting at {@code startTs}. */
    public static SimulatorConfig simulatorConfig(CommandOptions o, long startTs) throws CommandOptions.UsageException {
        Problems problems = Problems.ofOptions();
        Integer symbols = problems.check("symbols", () -> o.positiveInt("symbols"));
        Double rate = problems.check("rate", () -> o.positiveNumber("rate"));
        Long seed = problems.check("seed", () -> o.longValue("seed"));
        if (!problems.isEmpty()) {
            throw new CommandOptions.UsageException(problems.report(null));
        }
        try {
            return new SimulatorConfig().symbols(symbols).eventsPerSecond(rate).seed(seed).startTs(startTs);
        } catch (IllegalArgumentException e) {
            throw new CommandOptions.UsageException(e.getMessage());
        }
    }
}
