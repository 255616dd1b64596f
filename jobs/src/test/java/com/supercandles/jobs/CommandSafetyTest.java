package com.supercandles.jobs;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user meets in the first hour with the commands that write files: a typo never destroys an
 * input, a failed run leaves nothing half-written, bad lines of a candle or AlgoPack file are skipped and
 * reported (or stop the run with --strict), an empty input is a warning, the summary's counts add up,
 * and no message carries an exception's class name.
 */
class CommandSafetyTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final Path COINBASE = RecordedDataReplayTest.sharedData().resolve("coinbase-btcusd-2016-05-12");
    /** A class name of the JDK's or a library's exceptions: never part of what a user reads. */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b[A-Z]\\w*(Exception|Error)\\b|\\bat [a-z]+\\.[a-z]");

    private final List<String> allErrors = new ArrayList<>();
    private String out;
    private String err;

    private int run(String... args) {
        CliRun run = CliRun.of(args);
        out = run.out;
        err = run.err;
        allErrors.add(String.join(" ", args) + "\n" + err);
        return run.code;
    }

    @AfterEach
    void noExceptionClassReachedTheUser() {
        for (String e : allErrors) {
            assertThat(CLASS_NAME.matcher(e).find()).as(e).isFalse();
        }
    }

    /** Every path under {@code dir}, relative, sorted. */
    private static List<String> tree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.map(p -> dir.relativize(p).toString()).sorted().collect(Collectors.toList());
        }
    }

    private static Path copyOfCoinbase(Path tmp) throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.copy(COINBASE.resolve("trades.jsonl"), in.resolve("trades.jsonl"));
        return in;
    }

    @Test
    void replayRefusesAnOutputOnItsInputAndLeavesEverythingAsItWas(@TempDir Path tmp) throws Exception {
        Path in = copyOfCoinbase(tmp);
        byte[] original = Files.readAllBytes(in.resolve("trades.jsonl"));
        List<String> before = tree(tmp);

        // the reported typo: --out DIR/trades.jsonl used to truncate the recording to 0 bytes
        assertThat(run("replay", "--input", in.toString(), "--out", in.resolve("trades.jsonl").toString())).isEqualTo(2);
        assertThat(err).contains("--out " + in.resolve("trades.jsonl")).contains("never writes over its inputs");
        assertThat(run("replay", "--input", in.toString(), "--out", tmp.resolve("c.jsonl").toString(),
                "--dead-letters", in.resolve("trades.jsonl").toString())).isEqualTo(2);
        assertThat(err).contains("--dead-letters");
        // a bad option found after the outputs were named used to leave their directory behind
        assertThat(run("replay", "--input", in.toString(), "--out", tmp.resolve("new/dir/c.jsonl").toString(),
                "--parallelism", "0")).isEqualTo(2);
        assertThat(err).contains("--parallelism");

        assertThat(Files.readAllBytes(in.resolve("trades.jsonl"))).isEqualTo(original);
        assertThat(tree(tmp)).isEqualTo(before);
    }

    @Test
    void anUnwritableOutputSaysWhichOptionAndWhatToDo(@TempDir Path tmp) throws Exception {
        Path in = copyOfCoinbase(tmp);
        Path blocker = Files.writeString(tmp.resolve("blocker"), "a file, not a directory");
        assertThat(run("replay", "--input", in.toString(), "--out", blocker.resolve("c.jsonl").toString())).isEqualTo(2);
        assertThat(err).contains("--out").contains(blocker.toString()).contains("choose a writable location");
    }

    @Test
    void theSummaryCountsAddUpAndAnEmptyInputIsAWarning(@TempDir Path tmp) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        List<String> recorded = Files.readAllLines(COINBASE.resolve("trades.jsonl")).subList(0, 50);
        List<String> lines = new ArrayList<>(recorded);
        lines.add(7, "garbage");
        lines.add(20, "{\"type\":\"trade\"}");
        lines.add(33, "");
        lines.add(40, "[1,2,3]");
        Files.write(in.resolve("trades.jsonl"), lines);
        Files.writeString(in.resolve("book.jsonl"), "");

        Path candles = tmp.resolve("out/c.jsonl");
        assertThat(run("replay", "--input", in.toString(), "--out", candles.toString(), "--period", "1m")).as(err).isZero();
        // 53 lines that are not blank: the 50 recorded events and 3 rejected ones, per file
        assertThat(out).contains("lines read:   53 (trades.jsonl 53 = 50 events + 3 rejected, book.jsonl 0)")
                .contains("events:       50 (trades 50, book 0)")
                .contains("rejected:     3");
        assertThat(Files.readAllLines(tmp.resolve("out/c.dead-letters.jsonl"))).hasSize(3);
        assertThat(err).contains("warning: " + in.resolve("book.jsonl") + " is empty");

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(empty.resolve("trades.jsonl"), "\n\n");
        assertThat(run("replay", "--input", empty.toString(), "--out", tmp.resolve("e/c.jsonl").toString())).isZero();
        assertThat(err).contains("warning: " + empty + " holds no events (trades.jsonl)");
    }

    @Test
    void candleFilesSkipBadLinesAsReplaySkipsBadEventsOrStopWithStrict(@TempDir Path tmp) throws Exception {
        Path candles = tmp.resolve("c.jsonl");
        assertThat(run("replay", "--input", COINBASE.toString(), "--out", candles.toString(), "--period", "1m"))
                .as(err).isZero();
        List<String> clean = Files.readAllLines(candles);
        assertThat(clean).hasSizeGreaterThan(50);
        List<String> dirty = new ArrayList<>(clean);
        dirty.add(2, "{\"symbol\": \"BTCUSD\", oops}");
        dirty.add(6, "{\"symbol\":\"BTCUSD\",\"window_start\":1,\"window_end\":2}");
        dirty.add(9, "{\"symbol\":\"BTCUSD\",\"period\":\"7x\",\"window_start\":1,\"window_end\":2,\"pr_close\":1,"
                + "\"disb\":0}");
        Path dirtyFile = Files.write(tmp.resolve("dirty.jsonl"), dirty);

        assertThat(run("backtest", "--candles", candles.toString(), "--out", tmp.resolve("clean").toString())).isZero();
        assertThat(run("backtest", "--candles", dirtyFile.toString(), "--out", tmp.resolve("dirty").toString()))
                .as(err).isZero();
        assertThat(err).contains("3 bad lines skipped")
                .contains(dirtyFile + " line 3: not JSON: column ")
                .contains(dirtyFile + " line 7: not a candle: no 'pr_close' field")
                .contains(dirtyFile + " line 10: field 'period': ")
                .doesNotContain("REDACTED").doesNotContain("Source:");
        assertThat(out).contains("(3 bad lines skipped)");
        // skipping the bad lines changes nothing for the good ones
        assertThat(Files.readAllLines(tmp.resolve("dirty/signals.jsonl")))
                .isEqualTo(Files.readAllLines(tmp.resolve("clean/signals.jsonl")));

        assertThat(run("backtest", "--candles", dirtyFile.toString(), "--strict", "true",
                "--out", tmp.resolve("strict").toString())).isEqualTo(1);
        assertThat(err).contains(dirtyFile + " line 3: not JSON").contains("--strict");
        assertThat(tmp.resolve("strict")).doesNotExist();

        // score and train read candle files the same way: the scores of the dirty file are the clean file's
        Path model = TestModels.demoModel(tmp.resolve("model"), "1m");
        assertThat(run("score", "--model", model.toString(), "--candles", candles.toString(),
                "--out", tmp.resolve("clean.scores.jsonl").toString())).as(err).isZero();
        assertThat(run("score", "--model", model.toString(), "--candles", dirtyFile.toString(),
                "--out", tmp.resolve("dirty.scores.jsonl").toString())).as(err).isZero();
        assertThat(err).contains("3 bad lines skipped").contains(dirtyFile + " line 7: not a candle: no 'pr_close' field");
        assertThat(Files.readAllLines(tmp.resolve("dirty.scores.jsonl")))
                .hasSizeGreaterThan(10).isEqualTo(Files.readAllLines(tmp.resolve("clean.scores.jsonl")));
        // an hour of candles is too little to train on: the bad lines are reported before that is said
        assertThat(run("train", "--candles", dirtyFile.toString(), "--period", "1m",
                "--out", tmp.resolve("trained").toString())).isEqualTo(2);
        assertThat(err).contains(dirtyFile + " line 7: not a candle").contains("too little data to train");
        assertThat(tmp.resolve("trained")).doesNotExist();
        // records of another kind (signals have a symbol and a window too) are not candles
        assertThat(run("backtest", "--candles", tmp.resolve("clean/signals.jsonl").toString(),
                "--out", tmp.resolve("signals-as-candles").toString())).isEqualTo(1);
        assertThat(err).contains("line 1: not a candle: no 'pr_close' field").contains("holds no bars");
        // a file read twice (overlapping files, re-emitted candles): each window once, and said so
        List<String> twice = new ArrayList<>(clean);
        twice.addAll(clean);
        Path doubled = Files.write(tmp.resolve("twice.jsonl"), twice);
        assertThat(run("score", "--model", model.toString(), "--candles", doubled.toString(),
                "--out", tmp.resolve("twice.scores.jsonl").toString())).as(err).isZero();
        assertThat(err).contains("note: " + clean.size() + " candles repeat a window read before");
        assertThat(Files.readAllLines(tmp.resolve("twice.scores.jsonl")))
                .isEqualTo(Files.readAllLines(tmp.resolve("clean.scores.jsonl")));
        // a field of the wrong type is a bad line too, not a zero
        Path typed = Files.write(tmp.resolve("typed.jsonl"), List.of(clean.get(0).replaceFirst("\"pr_close\":[^,]+",
                "\"pr_close\":\"abc\""), clean.get(1)));
        assertThat(run("score", "--model", model.toString(), "--candles", typed.toString(),
                "--out", tmp.resolve("typed.scores.jsonl").toString())).as(err).isZero();
        assertThat(err).contains(typed + " line 1: field 'pr_close': \"abc\" is not a number");
    }

    @Test
    void aReplayThatFailsAfterItStartedWritingLeavesNothing(@TempDir Path tmp) throws Exception {
        Path in = copyOfCoinbase(tmp);
        List<String> before = tree(tmp);
        String closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = "http://127.0.0.1:" + s.getLocalPort();
        }
        // the outputs are staged (directories made) before ClickHouse is found unreachable
        assertThat(run("replay", "--input", in.toString(), "--out", tmp.resolve("new/c.jsonl").toString(),
                "--clickhouse.url", closed)).isEqualTo(1);
        assertThat(err).contains("127.0.0.1");
        assertThat(tree(tmp)).isEqualTo(before);
    }

    @Test
    void backtestReportsEveryOptionProblemAtOnce(@TempDir Path tmp) throws Exception {
        Path candles = Files.writeString(tmp.resolve("c.jsonl"), "");
        assertThat(run("backtest", "--candles", candles.toString(), "--algopack-time", "middle", "--strict", "maybe",
                "--signal.strategies", "momentum", "--perod", "1m", "--out", tmp.resolve("o").toString())).isEqualTo(2);
        assertThat(err).contains("4 problems").contains("--algopack-time").contains("--strict")
                .contains("unknown strategy 'momentum'").contains("did you mean --period?");
        assertThat(tmp.resolve("o")).doesNotExist();
    }

    @Test
    void anAlgoPackCellThatCannotBeReadNamesItsLineAndColumn(@TempDir Path tmp) throws Exception {
        Path csv = Files.writeString(tmp.resolve("sber.csv"), String.join("\n",
                ",tradedate,tradetime,secid,pr_close,disb,levels_b,levels_s,cancel_orders_b,cancel_orders_s",
                "0,2024-03-01,10:00:00,SBER,280.1,0.2,5,6,10,12",
                "1,2024-03-01,garbage,SBER,280.3,0.1,5,6,10,12",
                "2,2024-03-01,10:10:00,SBER,abc,0.1,5,6,10,12",
                "3,2024-03-01,10:15:00,SBER,280.9,-0.4,5,6,10,12", ""));
        assertThat(run("backtest", "--algopack", csv.toString(), "--out", tmp.resolve("bt").toString())).as(err).isZero();
        assertThat(err).contains(csv + " line 3: column 'tradetime': 'garbage' is not a time (HH:MM:SS)")
                .contains(csv + " line 4: column 'pr_close': 'abc' is not a number");
        assertThat(out).contains("Read 2 bars").contains("(2 bad lines skipped)");

        // nothing readable: the run fails and leaves no output directory behind
        Path headerOnly = Files.writeString(tmp.resolve("header.csv"),
                ",tradedate,tradetime,secid,pr_close,disb\n");
        assertThat(run("backtest", "--algopack", headerOnly.toString(), "--out", tmp.resolve("none/bt").toString()))
                .isEqualTo(1);
        assertThat(err).contains("holds no bars");
        assertThat(tmp.resolve("none")).doesNotExist();
    }

    @Test
    void scoreTrainAndSimulateNeverOverwriteWhatTheyRead(@TempDir Path tmp) throws Exception {
        Path candles = tmp.resolve("c.jsonl");
        assertThat(run("replay", "--input", COINBASE.toString(), "--out", candles.toString(), "--period", "1m"))
                .as(err).isZero();
        byte[] before = Files.readAllBytes(candles);
        Path model = TestModels.demoModel(tmp.resolve("model"), "1m");
        assertThat(run("score", "--model", model.toString(), "--candles", candles.toString(),
                "--out", candles.toString())).isEqualTo(2);
        assertThat(err).contains("--out " + candles).contains("is an input of this run");
        assertThat(run("score", "--model", model.toString(), "--candles", tmp.toString(),
                "--out", tmp.resolve("c.jsonl").toString())).isEqualTo(2);
        assertThat(err).contains("is a file this run reads from its input directory");
        assertThat(run("score", "--model", model.toString(), "--candles", candles.toString(),
                "--out", model.resolve("sub/scores.jsonl").toString())).isEqualTo(2);
        assertThat(err).contains("lies inside an input directory of this run (--model ");
        Path instruments = Files.writeString(tmp.resolve("i.properties"), "BTCUSD.lot_size=1\n");
        assertThat(run("replay", "--input", COINBASE.toString(), "--instruments", instruments.toString(),
                "--out", instruments.toString())).isEqualTo(2);
        assertThat(err).contains("is an input of this run (--instruments ");
        assertThat(Files.readString(instruments)).isEqualTo("BTCUSD.lot_size=1\n");
        assertThat(Files.readAllBytes(candles)).isEqualTo(before);

        Path notEmpty = Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(notEmpty.resolve("keep.txt"), "mine");
        assertThat(run("train", "--candles", candles.toString(), "--period", "1m", "--out", notEmpty.toString()))
                .isEqualTo(2);
        assertThat(err).contains("--out " + notEmpty).contains("already exists and is not empty");
        assertThat(tree(notEmpty)).containsExactly("", "keep.txt");

        Path recording = Files.createDirectories(tmp.resolve("rec"));
        Files.writeString(recording.resolve("trades.jsonl"), "{\"mine\":1}\n");
        assertThat(run("simulate", "--out", recording.toString(), "--minutes", "1")).isEqualTo(2);
        assertThat(err).contains("--out " + recording.resolve("trades.jsonl") + " already exists: simulate never replaces it");
        assertThat(Files.readString(recording.resolve("trades.jsonl"), StandardCharsets.UTF_8)).isEqualTo("{\"mine\":1}\n");
        assertThat(run("simulate", "--out", tmp.resolve("sim").toString(), "--minutes", "1")).isZero();
        assertThat(tree(tmp.resolve("sim"))).containsExactly("", "book.jsonl", "orders.jsonl", "trades.jsonl");
    }
}
