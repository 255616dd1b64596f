package com.supercandles.jobs.commands;

import com.supercandles.jobs.cli.CommandOptions;
import com.supercandles.jobs.config.JobOptions;
import com.supercandles.jobs.config.LiveConfig;
import com.supercandles.jobs.graph.ClickHouseOutput;

import java.io.PrintStream;

/** {@code bin/supercandles migrate}: brings a ClickHouse database up to the schema in sql/. */
public final class MigrateCommand {
    private MigrateCommand() {}

    public static int run(String[] args, PrintStream out) throws Exception {
        CommandOptions o = new CommandOptions("migrate",
                "Applies the schema migrations of sql/ to a ClickHouse database: the numbered files in order,\n"
                        + "each once (recorded in schema_migrations), and the opt-in files named by clickhouse.opt-in.\n"
                        + "Takes the clickhouse.* keys of the live job's configuration (the other keys are ignored).")
                .option("config", "FILE", "A properties file with clickhouse.* keys (flags override it).", "");
        JobOptions.withClickHouseOptions(o, false);
        if (!o.parse(args, out)) {
            return 0;
        }
        LiveConfig config = LiveCommand.load(o, true);
        ClickHouseOutput clickHouse = ClickHouseOutput.migrating(config);
        for (String line : clickHouse.prepare()) {
            out.println(line);
        }
        out.println("Database " + clickHouse.connection().database() + " is up to date.");
        return 0;
    }
}
