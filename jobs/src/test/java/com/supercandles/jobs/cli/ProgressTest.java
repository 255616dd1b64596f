package com.supercandles.jobs.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The progress line: its figures, its pacing, and that it stays off when nobody watches. */
class ProgressTest {

    @Test
    void theLineShowsCountShareRateAndTimeLeft() {
        // 250 of 1,000 done; 200 of them in the last 2 s: 100 a second, 750 left = 7.5 s
        assertThat(Progress.text("reading x", "lines", 250, 1000, 200, 2000))
                .isEqualTo("reading x: 250 lines (25 %), 100 lines/s, about 0:07 left");
        assertThat(Progress.text("producing", "records", 1_234_567, 0, 1_234_567, 10_000))
                .isEqualTo("producing: 1,234,567 records, 123,457 records/s");
        assertThat(Progress.text("reading", "lines", 5, 10, 5, 500)).isEqualTo("reading: 5 lines (50 %)");
        assertThat(Progress.clock(3 * 3600 + 4 * 60 + 5)).isEqualTo("3:04:05");
        assertThat(Progress.clock(65)).isEqualTo("1:05");
    }

    @Test
    void updatesAreInPlaceAtMostFourTimesASecondAndErasedAtTheEnd() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong(10_000);
        Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, "reading", "lines", 100,
                now::get);
        p.update(0);
        for (int i = 1; i <= 100; i++) {
            now.addAndGet(10); // 100 updates over one second
            p.update(i);
        }
        p.close();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\n");
        assertThat(text.split("\r", -1).length - 1).isBetween(4, 7); // 1 s at >= 250 ms apart, and the erase
        assertThat(text).startsWith("\rreading...\033[K").endsWith("\r\033[K");
    }

    @Test
    void nothingIsPrintedWhenStderrIsNotATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, "reading", "lines", 10,
                System::currentTimeMillis);
        p.update(5);
        p.close();
        assertThat(bytes.size()).isZero();
    }

    @Test
    void theLineEstimateIsExactForSmallFilesAndCloseForRecordedOnes(@TempDir Path tmp) throws Exception {
        Path small = Files.writeString(tmp.resolve("s"), "a\nbb\n\nccc"); // the last line has no newline
        assertThat(LineEstimate.of(small)).isEqualTo(4);
        assertThat(LineEstimate.of(Files.writeString(tmp.resolve("e"), ""))).isZero();
        for (String file : new String[] {"bitstamp-btcusd-2015-05-01/orders.jsonl", "bitstamp-btcusd-2015-05-01/book.jsonl",
                "bitstamp-btcusd-2013-11-25/trades.jsonl"}) {
            Path recorded = Paths.get(System.getProperty("supercandles.shared.dir", "../../shared"), "data").resolve(file);
            long lines = 0;
            try (BufferedReader in = Files.newBufferedReader(recorded, StandardCharsets.UTF_8)) {
                while (in.readLine() != null) {
                    lines++;
                }
            }
            assertThat((double) LineEstimate.of(recorded)).as(file).isCloseTo(lines, within(lines * 0.10));
        }
    }
}
