package com.supercandles.jobs.cli;

import com.supercandles.output.Outputs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Outputs never overwrite inputs, appear only when a run succeeds, and a failed run leaves nothing. */
class RunOutputsTest {

    private static Path recording(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("trades.jsonl"), "{\"a\":1}\n");
        return dir;
    }

    private static boolean isStream(String name) {
        return name.equals("trades.jsonl") || name.equals("orders.jsonl") || name.equals("book.jsonl");
    }

    /** Every path under {@code dir}, relative, sorted: what a run left there. */
    private static List<String> tree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.map(p -> dir.relativize(p).toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void anOutputOnAnInputIsRefusedBeforeAnythingIsWritten(@TempDir Path tmp) throws Exception {
        Path in = recording(tmp.resolve("in"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), in);
        Files.createDirectories(tmp.resolve("model"));
        List<String> before = tree(tmp);

        RunOutputs same = new RunOutputs("replay").reads("--input", in, RunOutputsTest::isStream)
                .writes("--out", in.resolve("trades.jsonl"));
        assertThatThrownBy(same::prepare).isInstanceOf(RunOutputs.Refused.class)
                .hasMessageContaining("--out " + in.resolve("trades.jsonl"))
                .hasMessageContaining("--input " + in)
                .hasMessageContaining("never writes over its inputs");
        // a stream file the directory does not hold yet would become an input of the next replay
        RunOutputs future = new RunOutputs("replay").reads("--input", in, RunOutputsTest::isStream)
                .writes("--out", in.resolve("orders.jsonl"));
        assertThatThrownBy(future::prepare).isInstanceOf(RunOutputs.Refused.class);
        // the same file reached through another name (a symbolic link, dots) is the same input
        RunOutputs linked = new RunOutputs("replay").reads("--input", in, RunOutputsTest::isStream)
                .writes("--out", link.resolve("../link/trades.jsonl"));
        assertThatThrownBy(linked::prepare).isInstanceOf(RunOutputs.Refused.class);
        RunOutputs file = new RunOutputs("score").reads("--candles", in.resolve("trades.jsonl"))
                .writes("--out", in.resolve("trades.jsonl"));
        assertThatThrownBy(file::prepare).hasMessageContaining("is an input of this run");
        Path model = Files.createDirectories(tmp.resolve("model"));
        RunOutputs inside = new RunOutputs("score").reads("--model", model).writes("--out", model.resolve("a/b.jsonl"));
        assertThatThrownBy(inside::prepare).hasMessageContaining("lies inside an input directory of this run");
        RunOutputs twice = new RunOutputs("replay").writes("--out", tmp.resolve("c.jsonl"))
                .writes("--dead-letters", tmp.resolve("c.jsonl"));
        assertThatThrownBy(twice::prepare).hasMessageContaining("is also the file of --out");

        assertThat(tree(tmp)).isEqualTo(before);
        assertThat(Files.readString(in.resolve("trades.jsonl"))).isEqualTo("{\"a\":1}\n");
    }

    @Test
    void aLinkToAnInputAndADeviceOrPipeAreNeverReplaced(@TempDir Path tmp) throws Exception {
        Path in = recording(tmp.resolve("in"));
        // a link elsewhere whose target is a stream file of the input directory
        Path link = Files.createSymbolicLink(tmp.resolve("candles.jsonl"), in.resolve("trades.jsonl"));
        RunOutputs linked = new RunOutputs("replay").reads("--input", in, RunOutputsTest::isStream).writes("--out", link);
        assertThatThrownBy(linked::prepare).hasMessageContaining("is a file this run reads from its input directory");
        Path fifo = tmp.resolve("pipe");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        RunOutputs pipe = new RunOutputs("replay").writes("--out", fifo);
        assertThatThrownBy(pipe::prepare).hasMessageContaining("is not a regular file (a device or a pipe)");
        RunOutputs device = new RunOutputs("replay").writes("--out", Path.of("/dev/null"));
        assertThatThrownBy(device::prepare).hasMessageContaining("/dev/null is not a regular file");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.isRegularFile(fifo)).isFalse();
    }

    @Test
    void otherFilesBesideTheInputsMayBeWritten(@TempDir Path tmp) throws Exception {
        Path in = recording(tmp.resolve("in"));
        try (RunOutputs run = new RunOutputs("replay").reads("--input", in, RunOutputsTest::isStream)
                .writes("--out", in.resolve("candles.jsonl")).prepare()) {
            Files.writeString(run.staged(in.resolve("candles.jsonl")), "c\n");
            run.commit();
        }
        assertThat(Files.readString(in.resolve("candles.jsonl"))).isEqualTo("c\n");
        assertThat(tree(in)).containsExactly("", "candles.jsonl", "trades.jsonl");
    }

    @Test
    void outputsAppearOnlyWhenTheRunCommits(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("new/deeper/c.jsonl");
        Path dead = tmp.resolve("elsewhere/c.dead.jsonl");
        try (RunOutputs run = new RunOutputs("replay").writes("--out", out).writes("--dead-letters", dead).prepare()) {
            Files.writeString(run.staged(out), "candle\n");
            Files.writeString(run.staged(dead), "dead\n");
            // a file derived from an output's name lands beside it, staged with it
            Files.writeString(run.staged(out).resolveSibling("c.guard.jsonl"), "guard\n");
            assertThat(out).doesNotExist();
            run.commit();
        }
        assertThat(Files.readString(out)).isEqualTo("candle\n");
        assertThat(Files.readString(dead)).isEqualTo("dead\n");
        assertThat(Files.readString(out.resolveSibling("c.guard.jsonl"))).isEqualTo("guard\n");
        assertThat(tree(tmp)).containsExactly("", "elsewhere", "elsewhere/c.dead.jsonl", "new", "new/deeper",
                "new/deeper/c.guard.jsonl", "new/deeper/c.jsonl");
    }

    @Test
    void aFailedRunLeavesNothingAndKeepsTheEarlierRunsFiles(@TempDir Path tmp) throws Exception {
        Path earlier = tmp.resolve("out/c.jsonl");
        Files.createDirectories(earlier.getParent());
        Files.writeString(earlier, "earlier run\n", StandardCharsets.UTF_8);
        Path fresh = tmp.resolve("made/by/the/run/d.jsonl");
        List<String> before = tree(tmp);
        try (RunOutputs run = new RunOutputs("replay").writes("--out", earlier).writes("--dead-letters", fresh).prepare()) {
            Files.writeString(run.staged(earlier), "half a candle");
            Files.writeString(run.staged(fresh), "half a letter");
            // no commit: the run failed
        }
        assertThat(tree(tmp)).isEqualTo(before);
        assertThat(Files.readString(earlier)).isEqualTo("earlier run\n");
    }

    @Test
    void aNewDirectoryIsRenamedIntoPlaceWhole(@TempDir Path tmp) throws Exception {
        Path model = tmp.resolve("models/m1");
        try (RunOutputs run = new RunOutputs("train").createsDirectory("--out", model).prepare()) {
            Files.createDirectories(run.staged(model));
            Files.writeString(run.staged(model).resolve("model.json"), "{}");
            assertThat(model).doesNotExist();
            run.commit();
        }
        assertThat(Files.readString(model.resolve("model.json"))).isEqualTo("{}");
        assertThat(tree(tmp)).containsExactly("", "models", "models/m1", "models/m1/model.json");

        RunOutputs again = new RunOutputs("train").createsDirectory("--out", model);
        assertThatThrownBy(again::prepare).hasMessageContaining("already exists and is not empty");
    }

    @Test
    void anUnwritableLocationIsRefusedNamingTheOption(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        RunOutputs run = new RunOutputs("replay").writes("--out", file.resolve("c.jsonl"));
        assertThatThrownBy(run::prepare).isInstanceOf(RunOutputs.Refused.class)
                .hasMessageContaining("--out")
                .hasMessageContaining("choose a writable location")
                .hasMessageNotContaining("Exception");
        assertThat(tree(tmp)).containsExactly("", "plain-file");
    }
}
