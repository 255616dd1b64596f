package com.supercandles.jobs.config;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the newest completed checkpoint under a checkpoint directory ({@code DIR/<job id>/chk-N/_metadata}). */
public final class CheckpointLocator {
    private CheckpointLocator() {}

    public static Optional<Path> latest(URI checkpointDir) throws IOException {
        if (!"file".equals(checkpointDir.getScheme())) {
            throw new IOException("finding the latest checkpoint works on local directories only; for "
                    + checkpointDir + " pass the checkpoint's path to --restore");
        }
        Path root = Paths.get(checkpointDir);
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> jobs = Files.list(root)) {
            return jobs.filter(Files::isDirectory)
                    .flatMap(CheckpointLocator::completedCheckpoints)
                    .max(Comparator.comparingLong(CheckpointLocator::modified));
        }
    }

    private static Stream<Path> completedCheckpoints(Path jobDir) {
        try (Stream<Path> children = Files.list(jobDir)) {
            return children.filter(p -> p.getFileName().toString().startsWith("chk-"))
                    .filter(p -> Files.isRegularFile(p.resolve("_metadata")))
                    .toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static long modified(Path checkpoint) {
        try {
            return Files.getLastModifiedTime(checkpoint.resolve("_metadata")).toMillis();
        } catch (IOException e) {
            return Long.MIN_VALUE;
        }
    }
}
