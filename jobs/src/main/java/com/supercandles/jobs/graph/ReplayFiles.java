package com.supercandles.jobs.graph;

import com.supercandles.output.OutputKind;
import com.supercandles.output.Outputs;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a replay writes each output kind, as JSON Lines: the candles to the file named, every other
 * kind beside it ({@code STEM.NAME.jsonl}) unless named otherwise, and the kinds declared {@link
 * OutputKind#beside} another kind beside that kind's file (the follow-ups beside the alerts).
 */
public final class ReplayFiles {
    private final Map<OutputKind<?>, Path> files = new LinkedHashMap<>();

    private ReplayFiles(Path candles, Path deadLetters) {
        files.put(Outputs.CANDLES, candles);
        files.put(Outputs.DEAD_LETTERS, deadLetters);
    }

    /** The candles and the dead letters (every replay writes both). */
    public static ReplayFiles of(Path candles, Path deadLetters) {
        return new ReplayFiles(candles, deadLetters);
    }

    /** {@code kind} to {@code file}, and the kinds written beside it to theirs; null: {@code kind} is not written. */
    public ReplayFiles with(OutputKind<?> kind, Path file) {
        if (file == null) {
            return this;
        }
        files.put(kind, file);
        for (OutputKind<?> other : Outputs.ALL) {
            if (kind.name().equals(other.beside())) {
                files.put(other, besideOther(file, other));
            }
        }
        return this;
    }

    /** {@code kind} beside the candles ({@link #besideCandles}), with the kinds written beside it. */
    public ReplayFiles with(OutputKind<?> kind) {
        return with(kind, besideCandles(files.get(Outputs.CANDLES), kind));
    }

    public Map<OutputKind<?>, Path> files() {
        return Collections.unmodifiableMap(files);
    }

    public Path file(OutputKind<?> kind) {
        return files.get(kind);
    }

    /** The same kinds, each file passed through {@code map} (a staged file, say). */
    public ReplayFiles map(java.util.function.UnaryOperator<Path> map) {
        ReplayFiles out = of(map.apply(files.get(Outputs.CANDLES)), map.apply(files.get(Outputs.DEAD_LETTERS)));
        files.forEach((kind, file) -> out.files.put(kind, map.apply(file)));
        return out;
    }

    /** Where a kind declared {@link OutputKind#beside} another goes, given that other kind's file. */
    public static Path besideOther(Path otherFile, OutputKind<?> kind) {
        return sibling(otherFile, kind.beside(), kind.name());
    }

    /** Where a kind goes beside the candles: {@code STEM.NAME.jsonl}. */
    public static Path besideCandles(Path candles, OutputKind<?> kind) {
        return sibling(candles, null, kind.name());
    }

    /**
     * {@code STEM.jsonl} or {@code STEM.KIND.jsonl} (kind null: only the former) becomes
     * {@code STEM.WHAT.jsonl} in the same directory: how a replay names its outputs beside one another.
     */
    static Path sibling(Path file, String kind, String what) {
        String name = file.getFileName().toString();
        String stem = kind != null && name.endsWith("." + kind + ".jsonl")
                ? name.substring(0, name.length() - (kind.length() + ".jsonl".length() + 1))
                : name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        return file.resolveSibling(stem + "." + what + ".jsonl");
    }
}
