package com.supercandles.jobs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad arguments get exit code 2 and a message that says what to fix; --help documents every option. */
class SuperCandlesCliTest {
    private String out;
    private String err;

    private int run(String... args) {
        CliRun run = CliRun.of(args);
        out = run.out;
        err = run.err;
        return run.code;
    }

    @Test
    void helpListsEveryOptionOfReplay() {
        assertThat(run("replay", "--help")).isZero();
        for (String option : new String[] {"--input", "--out", "--period", "--depth-notional", "--lot-size",
                "--tick-size", "--instruments", "--dead-letters", "--max-out-of-orderness", "--allowed-lateness",
                "--parallelism"}) {
            assertThat(out).contains(option);
        }
        assertThat(run("--help")).isZero();
        assertThat(out).contains("replay").contains("demo");
    }

    @Test
    void usageErrorsSayWhatToFix(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(data.resolve("trades.jsonl"), "");
        String out = tmp.resolve("c.jsonl").toString();

        assertThat(run()).isEqualTo(2);
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err).contains("unknown command 'frobnicate'");
        assertThat(run("replay", "--out", out)).isEqualTo(2);
        assertThat(err).contains("missing required option --input");
        assertThat(run("replay", "--input", data.toString(), "--out", out, "--speed", "2")).isEqualTo(2);
        assertThat(err).contains("unknown option --speed");
        assertThat(run("replay", "--input", data.toString(), "--out", out, "--period", "5x")).isEqualTo(2);
        assertThat(err).contains("period '5x' is not valid");
        assertThat(run("replay", "--input", data.toString(), "--out", out, "--period", "2d")).isEqualTo(2);
        assertThat(err).contains("1s to 1d");
        assertThat(run("replay", "--input", data.toString(), "--out", out, "--lot-size", "-3")).isEqualTo(2);
        assertThat(err).contains("--lot-size must be a number > 0");
        assertThat(run("replay", "--input", data.toString(), "--out", out, "--max-out-of-orderness", "soon")).isEqualTo(2);
        assertThat(err).contains("--max-out-of-orderness must be a duration");
        assertThat(run("replay", "--input", data.toString(), "--out")).isEqualTo(2);
        assertThat(err).contains("--out needs a value");
    }

    @Test
    void unreadableInputFailsWithAClearMessage(@TempDir Path tmp) throws Exception {
        assertThat(run("replay", "--input", tmp.resolve("nope").toString(), "--out", tmp.resolve("c").toString()))
                .isEqualTo(1);
        assertThat(err).contains("does not exist");
        assertThat(run("replay", "--input", tmp.toString(), "--out", tmp.resolve("c").toString())).isEqualTo(1);
        assertThat(err).contains("holds none of trades.jsonl, orders.jsonl, book.jsonl");

        Path bad = tmp.resolve("bad.properties");
        Files.writeString(bad, "BTCUSD.lot_size=ten\n");
        Path data = Files.createDirectories(tmp.resolve("d"));
        Files.writeString(data.resolve("book.jsonl"), "");
        assertThat(run("replay", "--input", data.toString(), "--out", tmp.resolve("c").toString(),
                "--instruments", bad.toString())).isEqualTo(2);
        assertThat(err).contains("BTCUSD.lot_size must be a number");
    }

    @Test
    void instrumentOverridesApplyPerSymbol(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("d"));
        Files.writeString(data.resolve("trades.jsonl"),
                "{\"type\":\"trade\",\"symbol\":\"AAA\",\"ts\":1699999980000,\"trade_id\":\"1\",\"price\":10,\"qty\":2,\"side\":\"B\"}\n"
                        + "{\"type\":\"trade\",\"symbol\":\"BBB\",\"ts\":1699999980000,\"trade_id\":\"1\",\"price\":10,\"qty\":2,\"side\":\"B\"}\n");
        Path props = tmp.resolve("instruments.properties");
        Files.writeString(props, "BBB.lot_size=100\n");
        Path out = tmp.resolve("c.jsonl");
        assertThat(run("replay", "--input", data.toString(), "--out", out.toString(), "--period", "1m",
                "--lot-size", "10", "--instruments", props.toString())).as(err).isZero();
        var candles = CandleAssertions.readCandles(out, "1m");
        assertThat(candles.get("AAA|1699999980000").get("val").asDouble()).isEqualTo(200.0);
        assertThat(candles.get("BBB|1699999980000").get("val").asDouble()).isEqualTo(2000.0);
        assertThat(candles.get("BBB|1699999980000").get("pr_vwap").asDouble()).isEqualTo(10.0);
    }

    @Test
    void liveChecksItsRequiredKeysAfterMergingTheFileAndTheFlags(@TempDir Path tmp) throws Exception {
        Path partial = tmp.resolve("partial.properties");
        Files.writeString(partial, "periods=1m\n");
        assertThat(run("live", "--config", partial.toString())).isEqualTo(2);
        assertThat(err).contains("missing required key 'bootstrap.servers'").contains("missing required key 'checkpoint.dir'")
                .doesNotContain("missing required option");

        // a flag completes the file, and flags override it: the only problem left is the bad period
        Files.writeString(partial, "periods=1m\nbootstrap.servers=localhost:9092\n");
        assertThat(run("live", "--config", partial.toString(), "--checkpoint.dir", tmp.toString(), "--periods", "7x"))
                .isEqualTo(2);
        assertThat(err).contains("period '7x' is not valid").doesNotContain("missing required");

        assertThat(run("live", "--help")).isZero();
        assertThat(out).contains("--bootstrap.servers").contains("Required, as a flag or in --config");
    }

    private static Path emptyRecording(Path tmp) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(data.resolve("trades.jsonl"), "");
        return data;
    }

    @Test
    void replayReportsEveryWrongOptionAtOnceWithWhatWasMeant(@TempDir Path tmp) throws Exception {
        assertThat(run("replay", "--input", emptyRecording(tmp).toString(), "--out", tmp.resolve("c.jsonl").toString(),
                "--period", "7x", "--signal.strategies", "momentum", "--watchdog.trade_coridor.threshold", "2",
                "--lot-size", "-3", "--model-period", "5min")).isEqualTo(2);
        assertThat(err.lines().toList()).containsExactly(
                "supercandles replay: 5 problems:",
                "  - --lot-size must be a number > 0, got '-3'",
                "  - --period '7x' is not valid: write a whole number and a unit s, m, h or d, e.g. 30s, 1m, 5m, 1h, 1d",
                "  - --model-period: period '5min' is not valid: write a whole number and a unit s, m, h or d, e.g. 30s,"
                        + " 1m, 5m, 1h, 1d; did you mean 5m?",
                "  - --signal.strategies: unknown strategy 'momentum' (known: disb, levels, levels_trend, cancels,"
                        + " levels_cancels, none)",
                "  - --watchdog.trade_coridor.threshold: unknown rule 'trade_coridor'; did you mean trade_corridor?",
                "Run 'bin/supercandles replay --help' for the options.");
    }

    @Test
    void anEmptyPeriodIsAUsageErrorThatSaysSo(@TempDir Path tmp) throws Exception {
        String data = emptyRecording(tmp).toString();
        for (String periods : new String[] {",", "1m,,5m", "1m,"}) {
            assertThat(run("replay", "--input", data, "--out", tmp.resolve("c.jsonl").toString(), "--period", periods))
                    .as(periods).isEqualTo(2);
            assertThat(err).as(periods).startsWith("supercandles replay: --period: the period list '" + periods
                    + "' has an empty item: write periods separated by single commas, e.g. 1m,5m,1h\n");
        }
    }

    @Test
    void everyUnknownOptionIsNamedWithTheOneMeant(@TempDir Path tmp) throws Exception {
        assertThat(run("replay", "--input", emptyRecording(tmp).toString(), "--out", tmp.resolve("c.jsonl").toString(),
                "--perod", "1m", "--sped", "2", "--watchdg.latency.threshold", "1")).isEqualTo(2);
        assertThat(err.lines().toList()).containsExactly(
                "supercandles replay: 3 problems:",
                "  - unknown option --perod for 'replay'; did you mean --period?",
                "  - unknown option --sped for 'replay'",
                "  - unknown option --watchdg.latency.threshold for 'replay'; did you mean --watchdog.latency.threshold?",
                "Run 'bin/supercandles replay --help' for the options.");

        assertThat(run("live", "--bootstrap.server", "localhost:9092")).isEqualTo(2);
        assertThat(err).contains("unknown option --bootstrap.server for 'live'; did you mean --bootstrap.servers?");
    }

    @Test
    void liveListsEveryMistakeOfItsFileAtItsLine(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("live.properties");
        Files.writeString(file, "bootstrap.servers=localhost:9092\n"
                + "signal.strategies=momentum\n"
                + "alert.webhok.desk.url=https://hooks.example.com/x\n"
                + "watchdog.trade_coridor.threshold=2\n"
                + "periods=7x\n");
        assertThat(run("live", "--config", file.toString(), "--checkpoint.dir", tmp.resolve("chk").toString()))
                .isEqualTo(2);
        assertThat(err.lines().toList()).containsExactly(
                "supercandles live: invalid configuration (4 problems):",
                "  - " + file + ":5: periods: period '7x' is not valid: write a whole number and a unit s, m, h or d,"
                        + " e.g. 30s, 1m, 5m, 1h, 1d",
                "  - " + file + ":2: signal.strategies: unknown strategy 'momentum' (known: disb, levels, levels_trend,"
                        + " cancels, levels_cancels, none)",
                "  - " + file + ":4: watchdog.trade_coridor.threshold: unknown rule 'trade_coridor'; did you mean"
                        + " trade_corridor?",
                "  - " + file + ":3: alert.webhok.desk.url: unknown key; did you mean alert.webhook.desk.url?",
                "Run 'bin/supercandles live --help' for the options.");
    }

    @Test
    void aFailureIsOneLineAndItsTraceOnlyWithVerbose(@TempDir Path tmp) throws Exception {
        Path model = Files.createDirectories(tmp.resolve("model"));
        Files.writeString(model.resolve("model.json"), "{ not json");
        Path candles = Files.writeString(tmp.resolve("c.jsonl"), "");
        String[] args = {"score", "--model", model.toString(), "--candles", candles.toString(),
                "--out", tmp.resolve("s.jsonl").toString()};
        assertThat(run(args)).isEqualTo(1);
        assertThat(err.lines().count()).as(err).isEqualTo(1);
        assertThat(err).startsWith("supercandles score: ").doesNotContain("\tat ").doesNotContain("Exception");

        String[] verbose = java.util.Arrays.copyOf(args, args.length + 1);
        verbose[args.length] = "--verbose";
        assertThat(run(verbose)).isEqualTo(1);
        assertThat(err).contains("\tat com.supercandles.");
        assertThat(run("score", "--help")).isZero();
        assertThat(out).contains("--verbose");
    }
}
