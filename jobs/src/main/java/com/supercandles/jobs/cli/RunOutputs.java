package com.supercandles.jobs.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The files one command run writes, kept away from its inputs and from half-written states.
 *
 * <p>Before anything is opened, every output is checked against the run's inputs (the same file, or a
 * file the run reads from an input directory) and against the other outputs: an overlap is refused
 * ({@link Refused}, exit 2) with what to do. The run then writes each file under a hidden staging
 * directory beside its target ({@code .supercandles-COMMAND-ID/NAME}), so files a run derives from a
 * target's name (a replay's {@code .guard.jsonl} beside its scores) are staged with it. {@link #commit}
 * moves every staged file into place when the run succeeds; {@link #close} without a commit (a failure,
 * Ctrl-C) removes the staging directories and the directories the run created, so a failed run leaves
 * nothing behind and an earlier run's files stay as they were.
 */
public final class RunOutputs implements AutoCloseable {

    /** An output that would overwrite an input or another output, or cannot be written at all. */
    public static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message);
        }
    }

    private static final String STAGING_PREFIX = ".supercandles-";
    /** Less free space than this when a run failed: the disk is why. */
    private static final long FULL_BELOW_BYTES = 1 << 20;

    private final String command;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final List<Input> inputs = new ArrayList<>();
    private final Map<Path, String> files = new LinkedHashMap<>();
    private final List<String> clashes = new ArrayList<>();
    private final java.util.Set<Path> mustBeNew = new java.util.HashSet<>();
    private final Map<Path, String> newDirectories = new LinkedHashMap<>();
    private final Map<Path, Path> staging = new LinkedHashMap<>();
    private final List<Path> created = new ArrayList<>();
    private final Thread cleanUpOnExit = new Thread(this::discard, "supercandles-discard-partial-output");
    private boolean committed;
    private boolean prepared;

    private static final class Input {
        final String option;
        final Path path;
        /** Which names the run reads in an input directory; null: the whole tree under it. */
        final Predicate<String> readsName;

        Input(String option, Path path, Predicate<String> readsName) {
            this.option = option;
            this.path = path;
            this.readsName = readsName;
        }
    }

    public RunOutputs(String command) {
        this.command = command;
    }

    /** An input file, or an input directory of which the run reads the names {@code readsName} accepts. */
    public RunOutputs reads(String option, Path path, Predicate<String> readsName) {
        inputs.add(new Input(option, absolute(path), readsName));
        return this;
    }

    /** An input file, or a directory the run reads whole (a model): nothing may be written under it. */
    public RunOutputs reads(String option, Path path) {
        inputs.add(new Input(option, absolute(path), null));
        return this;
    }

    /** A file the run writes, named by {@code option}; an existing file is replaced when the run succeeds. */
    public RunOutputs writes(String option, Path file) {
        Path target = absolute(file);
        String earlier = files.putIfAbsent(target, option);
        if (earlier != null) {
            clashes.add(option + " " + target + " is also the file of " + earlier + ": give each output its own name");
        }
        return this;
    }

    /** A file the run writes that must not exist yet: the run never replaces what is there (a recording). */
    public RunOutputs writesNew(String option, Path file) {
        writes(option, file);
        mustBeNew.add(absolute(file));
        return this;
    }

    /** A directory the run creates whole; it must not exist yet (or be empty). */
    public RunOutputs createsDirectory(String option, Path dir) {
        newDirectories.put(absolute(dir), option);
        return this;
    }

    /**
     * Checks every output against the inputs and the other outputs and creates the staging
     * directories; nothing is written before this returns.
     */
    public synchronized RunOutputs prepare() throws IOException {
        List<String> problems = new ArrayList<>(clashes);
        Map<Input, Integer> moreOverlaps = new LinkedHashMap<>(); // one line per input says it; the rest are counted
        for (Map.Entry<Path, String> out : outputs().entrySet()) {
            Path target = out.getKey();
            String option = out.getValue();
            for (Input in : inputs) {
                String overlap = overlap(target, in);
                if (overlap != null && moreOverlaps.containsKey(in)) {
                    moreOverlaps.merge(in, 1, Integer::sum);
                } else if (overlap != null) {
                    moreOverlaps.put(in, 0);
                    problems.add(option + " " + target + " " + overlap + " (" + in.option + " " + in.path
                            + "): " + command + " never writes over its inputs; write the output elsewhere,"
                            + " e.g. into a new directory");
                }
            }
            if (mustBeNew.contains(target) && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                problems.add(option + " " + target + " already exists: " + command + " never replaces it;"
                        + " choose a new location");
            } else if (files.containsKey(target) && Files.isDirectory(target)) {
                problems.add(option + " " + target + " is a directory: name a file");
            } else if (files.containsKey(target) && Files.exists(target) && !Files.isRegularFile(target)) {
                // a device or a pipe would be replaced by a plain file when the run commits
                problems.add(option + " " + target + " is not a regular file (a device or a pipe): name a file");
            }
        }
        moreOverlaps.forEach((in, more) -> {
            if (more > 0) {
                problems.add("and " + more + " more output" + (more == 1 ? "" : "s") + " of this run would land on "
                        + in.option + " " + in.path + " the same way");
            }
        });
        for (Path dir : newDirectories.keySet()) {
            if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && !isEmptyDirectory(dir)) {
                problems.add(newDirectories.get(dir) + " " + dir + " already exists and is not empty: " + command
                        + " writes a new directory; choose another name");
            } else if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                problems.add(newDirectories.get(dir) + " " + dir + " is a file: " + command
                        + " writes a new directory; choose another name");
            }
        }
        if (problems.size() == 1) {
            throw new Refused(problems.get(0));
        }
        if (!problems.isEmpty()) {
            throw new Refused(problems.size() + " problems:\n  - " + String.join("\n  - ", problems));
        }
        Runtime.getRuntime().addShutdownHook(cleanUpOnExit);
        prepared = true;
        try {
            for (Map.Entry<Path, String> out : outputs().entrySet()) {
                stagingFor(out.getKey(), out.getValue());
            }
        } catch (IOException e) {
            discard();
            throw e;
        }
        return this;
    }

    /** Where the run writes {@code target} (a file or a new directory given before {@link #prepare}). */
    public Path staged(Path target) {
        Path t = absolute(target);
        Path dir = staging.get(t.getParent());
        if (!prepared || dir == null || !(files.containsKey(t) || newDirectories.containsKey(t))) {
            throw new IllegalStateException(target + " is not a prepared output of this run");
        }
        return dir.resolve(t.getFileName());
    }

    /**
     * {@code failure}, or, when a disk the outputs are written to is (nearly) full, an error that says so
     * and where: a full disk fails a Flink task with words of its own ("The TaskExecutor is shutting
     * down") and a plain writer with no path. Ask before {@link #close} frees what the run staged.
     */
    public Exception explain(Exception failure) {
        for (Path parent : staging.keySet()) {
            try {
                long free = Files.getFileStore(parent).getUsableSpace();
                if (free < FULL_BELOW_BYTES) {
                    IOException full = new IOException("the disk of " + parent + " is full (" + free / 1024
                            + " KiB free): free some space or write the outputs elsewhere");
                    full.addSuppressed(failure); // --verbose still shows what failed first
                    return full;
                }
            } catch (IOException e) {
                // the store cannot be asked: keep the failure as it is
            }
        }
        return failure;
    }

    /** Moves every staged file (and new directory) into place: the run succeeded. */
    public synchronized void commit() throws IOException {
        if (!prepared) {
            throw new IllegalStateException("commit before prepare");
        }
        for (Map.Entry<Path, Path> s : staging.entrySet()) {
            try (DirectoryStream<Path> staged = Files.newDirectoryStream(s.getValue())) {
                for (Path file : staged) {
                    move(file, s.getKey().resolve(file.getFileName()));
                }
            }
            Files.delete(s.getValue());
        }
        committed = true;
        removeHook();
    }

    /** Without a commit: removes what the run staged and the directories it created. */
    @Override
    public synchronized void close() {
        if (!committed && prepared) {
            discard();
            removeHook();
        }
    }

    /** The final paths of the outputs, files and new directories, with their options. */
    private Map<Path, String> outputs() {
        Map<Path, String> all = new LinkedHashMap<>(files);
        all.putAll(newDirectories);
        return all;
    }

    /** Why {@code target} overlaps {@code in}, or null. */
    private static String overlap(Path target, Input in) {
        if (sameFile(target, in.path)) {
            return "is an input of this run";
        }
        Path realTarget = real(target);
        Path realInput = real(in.path);
        if (in.readsName == null && !realTarget.equals(realInput) && realTarget.startsWith(realInput)) {
            return Files.isDirectory(in.path) ? "lies inside an input directory of this run" : "lies under an input file";
        }
        if (in.readsName != null && Files.isDirectory(in.path) && realTarget.getParent() != null
                && realTarget.getParent().equals(realInput) && in.readsName.test(realTarget.getFileName().toString())) {
            return "is a file this run reads from its input directory";
        }
        return null;
    }

    /** {@code p} with links resolved as far as it exists: the names it will have once it does. */
    private static Path real(Path p) {
        Path existing = p;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return p;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(p));
        } catch (IOException e) {
            return p;
        }
    }

    private static boolean isEmptyDirectory(Path dir) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean sameFile(Path a, Path b) {
        if (a == null || b == null) {
            return false;
        }
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // unreadable: fall back to the names
        }
        return a.equals(b);
    }

    private Path stagingFor(Path target, String option) throws IOException {
        Path parent = target.getParent();
        Path dir = staging.get(parent);
        if (dir != null) {
            return dir;
        }
        createParents(parent, option);
        dir = parent.resolve(STAGING_PREFIX + command + "-" + runId);
        try {
            Files.createDirectory(dir);
        } catch (IOException e) {
            throw new Refused(option + " " + target + ": cannot write in " + parent + " (" + UserMessages.of(e)
                    + "): choose a writable location");
        }
        staging.put(parent, dir);
        return dir;
    }

    /** Creates the missing directories above an output, remembering them so a failure removes them. */
    private void createParents(Path dir, String option) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            try {
                Files.createDirectory(p);
            } catch (IOException e) {
                throw new Refused(option + ": cannot create the directory " + p + " (" + UserMessages.of(e)
                        + "): choose a writable location");
            }
            created.add(p);
        }
        if (!Files.isDirectory(dir)) {
            throw new Refused(option + ": " + dir + " is not a directory: choose a writable location");
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private synchronized void discard() {
        if (committed) {
            return;
        }
        for (Path dir : staging.values()) {
            deleteTree(dir);
        }
        staging.clear();
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(created.get(i)); // only if the run left it empty
            } catch (IOException e) {
                // something else was put there meanwhile: keep it
            }
        }
        created.clear();
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a file still open elsewhere
                }
            });
        } catch (IOException e) {
            // already gone
        }
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanUpOnExit);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway and finds nothing to do
        }
    }

    private static Path absolute(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
