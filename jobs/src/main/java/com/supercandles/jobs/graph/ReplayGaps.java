package com.supercandles.jobs.graph;

import com.supercandles.gap.FeedGapSpan;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The optional {@code gaps.jsonl} beside a replay's stream files: the feed's gap records (docs/feeds.md),
 * one per line, as a recording of the gaps topic holds them. A line that is not a gap becomes a dead
 * letter whose reason starts with the file and line.
 */
public final class ReplayGaps {
    public static final String FILE = "gaps.jsonl";

    private ReplayGaps() {}

    /** The gaps of {@code dir}'s gaps.jsonl, rejected lines included (with their problem); null without the file. */
    public static List<FeedGapSpan> read(Path dir) throws IOException {
        Path file = dir == null || !Files.isDirectory(dir) ? null : dir.resolve(FILE);
        if (file == null || !Files.exists(file)) {
            return null;
        }
        List<FeedGapSpan> gaps = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                FeedGapSpan g = FeedGapSpan.parseOrReject(line);
                if (g.problem != null) {
                    g.problem = FILE + ":" + n + ": " + g.problem;
                }
                gaps.add(g);
            }
        }
        return gaps;
    }
}
