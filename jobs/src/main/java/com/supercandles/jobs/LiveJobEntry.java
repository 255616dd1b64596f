package com.supercandles.jobs;

import com.supercandles.jobs.cli.CommandOptions;
import com.supercandles.jobs.commands.LiveCommand;

/**
 * Entry class for submitting the live job to a Flink cluster (REST {@code /jars/{id}/run}, or
 * {@code flink run -c}). Its {@code main} runs inside the JobManager, so unlike the command-line
 * launcher it never calls {@code System.exit}: a bad argument fails the submission with its message.
 * Arguments are those of {@code bin/supercandles live}.
 */
public final class LiveJobEntry {
    private LiveJobEntry() {}

    public static void main(String[] args) throws Exception {
        try {
            LiveCommand.run(args, System.out, System.err);
        } catch (CommandOptions.UsageException e) {
            throw new IllegalArgumentException("supercandles live: " + e.getMessage(), e);
        }
    }
}
