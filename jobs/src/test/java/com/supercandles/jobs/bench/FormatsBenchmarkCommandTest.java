package com.supercandles.jobs.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** benchmark-formats: a row per format whose counts are the files' rows and the records read, and a refusal of a used --work. */
class FormatsBenchmarkCommandTest {
    @Test
    void everyFormatIsWrittenReadAndCounted(@TempDir Path tmp) throws Exception {
        // the shared recorded data, where RecordedDataReplayTest finds it
        Path day = java.nio.file.Paths.get(System.getProperty("supercandles.shared.dir", "../../shared"), "data",
                "bitstamp-btcusd-2015-05-01");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = FormatsBenchmarkCommand.run(new String[] {"--input", day.toString(), "--work", tmp.resolve("w").toString(),
                "--rounds", "1", "--compare", "false"}, new PrintStream(bytes, true, StandardCharsets.UTF_8), System.err);
        assertThat(code).isZero();
        List<String> rows = new ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("| ") && !line.startsWith("| format")) {
                rows.add(line);
            }
        }
        assertThat(rows).extracting(r -> r.split(" \\| ")[0].substring(2)).containsExactly("jsonl (the project's events)",
                "binance-trades", "tardis", "lobster", "moex-orderlog", "databento-mbo");
        // the JSON events: one record a line; LOBSTER: a message (an event) and a book row (a snapshot) each
        assertThat(rows.get(0)).startsWith("| jsonl (the project's events) | 54,818 | 54,818 |");
        long messages = Files.readAllLines(tmp.resolve("w/lobster/BTCUSD_2015-04-30_0_172800000_message_20.csv")).size();
        assertThat(rows.get(3)).startsWith(String.format("| lobster | %,d | %,d |", 2 * messages, 2 * messages));

        assertThatThrownBy(() -> FormatsBenchmarkCommand.run(new String[] {"--input", day.toString(), "--work",
                tmp.resolve("w").toString()}, new PrintStream(new ByteArrayOutputStream()), System.err))
                .hasMessageContaining("is not empty: give a new or empty directory");
    }
}
