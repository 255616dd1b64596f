package com.supercandles.jobs;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The docs check: no example in README.md and docs/*.md can go stale unnoticed.
 *
 * <ul>
 *   <li>Every command of a fenced block ({@code bin/...} lines of a {@code bash} block, {@code $ bin/...} lines
 *       of a {@code console} block) is run: {@code console} commands and {@code --help} forms by this check,
 *       in-process through {@link SuperCandlesCli}, their shown output compared with what they print; every
 *       other one must be in {@link #RUN_ELSEWHERE}, which names the test or script that runs it and a string
 *       that must be in that file.</li>
 *   <li>Every option a command uses (in a block or inline in the text) is one its parser declares ({@code --help}).</li>
 *   <li>Properties examples use known {@code live} keys; the tables, queries and keys lists are whole.</li>
 *   <li>Every relative link of every .md file resolves to a file, and an anchor to a heading of it.</li>
 * </ul>
 * Self-contained on purpose (its own small Markdown reader): it depends only on the CLI's entry point.
 */
class DocsCheckTest {

    /** A command the docs show that a test or script other than this check runs. */
    private static final class Elsewhere {
        final Pattern command;
        final String runner;
        final String how;
        final List<String> evidence;

        Elsewhere(String commandRegex, String runner, String how, String... evidence) {
            this.command = Pattern.compile(commandRegex);
            this.runner = runner;
            this.how = how;
            this.evidence = List.of(evidence);
        }
    }

    /**
     * The commands shown in the docs that take too long for this check (a live job, a cluster, the full
     * benchmark, the model score's minute-long path) and who runs them. {@code runner}: a test class's simple
     * name, or a path from the repository root; each evidence string must be in that file.
     */
    private static final List<Elsewhere> RUN_ELSEWHERE = List.of(
            new Elsewhere("bin/supercandles demo", "docs/operations.md",
                    "this check runs the demo transcript of operations.md, the same command with --duration",
                    "$ bin/supercandles demo --duration"),
            new Elsewhere("bin/test", ".ci/run", "CI runs exactly bin/test (which runs this check)", "bin/test"),
            new Elsewhere("bin/supercandles live --config \\S+", "KafkaPipelineTest",
                    "live --config FILE through the CLI against the test broker", "\"live\", \"--config\""),
            new Elsewhere("bin/supercandles live --config \\S+ --restore latest", "KafkaPipelineTest",
                    "the job restored from the newest retained checkpoint that --restore latest resolves",
                    "LiveCommand.restorePath(\"latest\""),
            new Elsewhere("bin/supercandles migrate --config \\S+", "ClickHouseOutputTest",
                    "migrate through the CLI on ClickHouse 18.16 (its clickhouse.* keys as flags)",
                    "\"migrate\", \"--clickhouse.url\""),
            new Elsewhere("bin/supercandles simulate --out \\S+ --minutes \\d+( --symbols \\d+)?", "CommandSafetyTest",
                    "simulate --out DIR --minutes N through the CLI", "\"simulate\", \"--out\""),
            new Elsewhere("bin/supercandles produce --simulate true --bootstrap.servers \\S+( --symbols \\d+)?( --rate \\d+)?",
                    "KafkaPipelineTest", "produce --simulate true through the CLI into the test broker",
                    "\"produce\", \"--simulate\", \"true\""),
            new Elsewhere("bin/supercandles produce --input \\S+ --bootstrap.servers \\S+( --speedup \\S+)?",
                    "UnreachableKafkaTest", "produce --input through the CLI (to a closed port); KafkaPipelineTest "
                    + "produces recorded files with MarketFeed.recorded, what produce --input runs",
                    "\"produce\", \"--bootstrap.servers\", address, \"--input\""),
            new Elsewhere("bin/supercandles tail --bootstrap.servers \\S+ --topic \\S+ --count \\d+", "KafkaPipelineTest",
                    "tail through the CLI against the test broker", "CliRun.of(\"tail\""),
            new Elsewhere("bin/flink-cluster start", "bin/cluster-check", "the failure drill", "bin/flink-cluster start"),
            new Elsewhere("bin/flink-cluster submit .*", "bin/cluster-check", "the failure drill",
                    "bin/flink-cluster submit --bootstrap.servers"),
            new Elsewhere("bin/flink-cluster status \\S+", "bin/cluster-check", "the failure drill", "bin/flink-cluster status"),
            new Elsewhere("bin/flink-cluster cancel \\S+", "bin/cluster-check", "the failure drill (on exit)",
                    "bin/flink-cluster cancel"),
            new Elsewhere("bin/flink-cluster add-taskmanager", "bin/cluster-check", "the failure drill",
                    "bin/flink-cluster add-taskmanager"),
            new Elsewhere("bin/flink-cluster kill-taskmanager", "bin/cluster-check", "the failure drill",
                    "bin/flink-cluster kill-taskmanager"),
            new Elsewhere("bin/flink-cluster kill-taskmanager \\S+", "bin/cluster-check",
                    "the failure drill kills one of its two TaskManagers", "bin/flink-cluster kill-taskmanager taskmanager"),
            new Elsewhere("bin/flink-cluster metrics-targets", "bin/cluster-check",
                    "the failure drill's Prometheus scrapes what it prints", "bin/flink-cluster metrics-targets"),
            new Elsewhere("bin/flink-cluster stop", "bin/cluster-check", "the failure drill (on exit)", "bin/flink-cluster stop"),
            new Elsewhere("bin/cluster-check", "bin/test", "bin/test runs it after Maven", "bin/cluster-check"),
            new Elsewhere("bin/jmh -l", "bin/test", "bin/test lists the JMH benchmarks after Maven", "bin/jmh -l"),
            new Elsewhere("bin/supercandles benchmark", "BenchmarkTest",
                    "the benchmark's engine (Benchmark, what the command runs) on a small plan", "new Benchmark(plan"),
            new Elsewhere("bin/supercandles backtest --input \\S+ --period 1m", "BacktestCommandTest",
                    "backtest --input on the recorded day through the CLI", "\"backtest\", \"--input\", DAY.toString()"),
            new Elsewhere("bin/supercandles backtest --candles \\S+", "BacktestCommandTest",
                    "backtest --candles through the CLI", "\"backtest\", \"--candles\""),
            new Elsewhere("bin/supercandles backtest --algopack \\S+ --algopack-period \\S+ --signal.sessions .*",
                    "BacktestCommandTest", "backtest --algopack --algopack-period and --signal.sessions through the CLI",
                    "\"--algopack\", csv.toString(), \"--algopack-period\"", "\"--signal.sessions\""),
            new Elsewhere("bin/supercandles replay --input \\S+bitstamp-btcusd-2013-11-25 --out \\S+ --period 1m",
                    "RecordedDataReplayTest", "replay of the recorded week through the CLI (ModelScoreReplayTest replays it"
                    + " at 1m through Replay.run)", "bitstamp-btcusd-2013-11-25", "\"replay\", \"--input\""),
            new Elsewhere("bin/supercandles train --candles \\S+ --out \\S+", "ModelScoreReplayTest",
                    "train on the week's candles through the CLI", "\"train\", \"--candles\""),
            new Elsewhere("bin/supercandles replay --input \\S+ --out \\S+ --period 1m --model \\S+", "ClickHouseOutputTest",
                    "replay --model through the CLI (ModelScoreReplayTest scores the week in the job with Replay.run)",
                    "\"--model\", model.toString()"),
            new Elsewhere("bin/supercandles score --model \\S+ --candles \\S+ --out \\S+", "ModelScoreReplayTest",
                    "score through the CLI, compared bit for bit with the job's scores", "\"score\", \"--model\""));

    private static final Pattern FENCE = Pattern.compile("^( *)(`{3,}|~{3,})\\s*(.*)$");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)\\]\\(([^)\\s]+)(\\s+\"[^\"]*\")?\\)");
    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d[\\d,.]*");
    private static final Pattern ENV = Pattern.compile("[A-Z_][A-Z0-9_]*=.*");

    @TempDir
    static Path tmp;
    private static Path root;
    private static Path shared;
    private static List<Doc> docs;
    private static final Map<String, Set<String>> OPTIONS = new HashMap<>();

    /** A fenced block: its file, first line, info string and lines (the fence's indentation removed). */
    private record Block(Path file, int line, String info, List<String> lines) {
        String language() {
            return info.isEmpty() ? "" : info.split("\\s+")[0];
        }

        boolean has(String word) {
            return List.of(info.split("\\s+")).contains(word);
        }

        String fileOption() {
            for (String w : info.split("\\s+")) {
                if (w.startsWith("file=")) {
                    return w.substring(5);
                }
            }
            return null;
        }
    }

    /** A command shown in the docs, with its printed output when a console block shows one. */
    private record Command(Path file, int line, String kind, List<String> words, List<String> expected, boolean digitsVary) {
        String text() {
            return String.join(" ", words);
        }

        String where() {
            return root.relativize(file) + ":" + line;
        }

        boolean supercandles() {
            return words.get(0).equals("bin/supercandles");
        }

        /** The subcommand of bin/supercandles, or "" for the launcher's own --help. */
        String subcommand() {
            return words.size() > 1 && !words.get(1).startsWith("-") ? words.get(1) : "";
        }
    }

    /** One Markdown file: its fenced blocks, its prose paragraphs (with their first line) and its heading ids. */
    private static final class Doc {
        final Path file;
        final List<Block> blocks = new ArrayList<>();
        final Map<Integer, String> paragraphs = new LinkedHashMap<>();
        final Set<String> anchors = new LinkedHashSet<>();

        Doc(Path file) throws IOException {
            this.file = file;
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            Map<String, Integer> seen = new HashMap<>();
            StringBuilder paragraph = new StringBuilder();
            int paragraphLine = 0;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                Matcher fence = FENCE.matcher(line);
                if (fence.matches()) {
                    paragraphLine = flush(paragraph, paragraphLine);
                    int indent = fence.group(1).length();
                    String marker = fence.group(2);
                    List<String> content = new ArrayList<>();
                    int start = i + 1;
                    for (i++; i < lines.size() && !lines.get(i).trim().equals(marker); i++) {
                        String c = lines.get(i);
                        int strip = 0;
                        while (strip < indent && strip < c.length() && c.charAt(strip) == ' ') {
                            strip++;
                        }
                        content.add(c.substring(strip));
                    }
                    blocks.add(new Block(file, start, fence.group(3).trim(), content));
                    continue;
                }
                Matcher heading = HEADING.matcher(line);
                if (heading.matches()) {
                    String slug = slug(heading.group(1));
                    int n = seen.merge(slug, 1, Integer::sum);
                    anchors.add(n == 1 ? slug : slug + "-" + (n - 1));
                }
                if (line.isBlank()) {
                    paragraphLine = flush(paragraph, paragraphLine);
                } else {
                    if (paragraph.length() == 0) {
                        paragraphLine = i + 1;
                    }
                    paragraph.append(line).append(' ');
                }
            }
            flush(paragraph, paragraphLine);
        }

        private int flush(StringBuilder paragraph, int line) {
            if (paragraph.length() > 0) {
                paragraphs.put(line, paragraph.toString());
                paragraph.setLength(0);
            }
            return 0;
        }
    }

    @BeforeAll
    static void readTheDocs() throws IOException {
        root = Paths.get("").toAbsolutePath();
        while (root != null && !(Files.isRegularFile(root.resolve("README.md")) && Files.isDirectory(root.resolve("docs")))) {
            root = root.getParent();
        }
        assertThat(root).as("the repository root (README.md and docs/ above the working directory)").isNotNull();
        shared = Paths.get(System.getProperty("supercandles.shared.dir", root.resolve("../shared").toString()));
        docs = new ArrayList<>();
        docs.add(new Doc(root.resolve("README.md")));
        try (Stream<Path> files = Files.list(root.resolve("docs"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".md")).sorted().collect(Collectors.toList())) {
                docs.add(new Doc(f));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Commands

    @Test
    void everyCommandShownIsRunHereOrByTheTestNamedForIt() throws Exception {
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> ranHere = new ArrayList<>();
        List<Command> elsewhere = new ArrayList<>();
        List<Thread> background = new ArrayList<>();
        // a run that lasts its --duration (the demo) starts first and waits beside the others, not before them
        for (Doc doc : docs) {
            for (Block b : doc.blocks) {
                for (Command c : commands(b)) {
                    if (c.kind.equals("console") && c.words.contains("--duration")) {
                        Thread t = new Thread(() -> run(c, problems), "docs check: " + c.text());
                        t.start();
                        background.add(t);
                    }
                }
            }
        }
        for (Doc doc : docs) {
            for (Block b : doc.blocks) {
                String target = b.fileOption();
                if (target != null) {
                    Path path = Paths.get(mapArgument(target));
                    Files.createDirectories(path.getParent());
                    Files.writeString(path, String.join("\n", b.lines) + "\n", StandardCharsets.UTF_8);
                }
                for (Command c : commands(b)) {
                    if (c.kind.equals("console")) {
                        if (!c.words.contains("--duration")) {
                            run(c, problems);
                        }
                        ranHere.add(c.text());
                    } else if (c.supercandles() && c.words.get(c.words.size() - 1).equals("--help")) {
                        Printed help = cli(c.words.subList(1, c.words.size()));
                        if (help.code != 0 || help.out.isBlank()) {
                            problems.add(c.where() + ": " + c.text() + " exits " + help.code + ": " + help.err);
                        }
                        ranHere.add(c.text());
                    } else {
                        elsewhere.add(c);
                    }
                }
            }
        }
        for (Thread t : background) {
            t.join(180_000);
            if (t.isAlive()) {
                problems.add(t.getName() + " still runs after 3 minutes");
            }
        }
        Set<Elsewhere> used = new LinkedHashSet<>();
        for (Command c : elsewhere) {
            if (ranHere.contains(c.text())) {
                continue;
            }
            List<Elsewhere> runners = RUN_ELSEWHERE.stream().filter(e -> e.command.matcher(c.text()).matches())
                    .collect(Collectors.toList());
            if (runners.isEmpty()) {
                problems.add(c.where() + ": `" + c.text() + "` is run neither by the docs check nor by a test named for it"
                        + " in DocsCheckTest.RUN_ELSEWHERE: show it in a console block (run here) or name its test there");
            }
            used.addAll(runners);
        }
        for (Elsewhere e : RUN_ELSEWHERE) {
            if (!used.contains(e)) {
                problems.add("RUN_ELSEWHERE names `" + e.command + "` (" + e.runner + "), which no docs command matches"
                        + " any more: remove the entry");
                continue;
            }
            Path runner = runnerFile(e.runner);
            if (runner == null) {
                problems.add("RUN_ELSEWHERE: " + e.runner + " (for `" + e.command + "`) is not in the repository");
                continue;
            }
            String text = Files.readString(runner, StandardCharsets.UTF_8);
            for (String evidence : e.evidence) {
                if (!text.contains(evidence)) {
                    problems.add("RUN_ELSEWHERE: " + root.relativize(runner) + " no longer contains " + evidence
                            + ", which shows that it runs `" + e.command + "` (" + e.how + ")");
                }
            }
        }
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
        assertThat(ranHere).as("commands run by the docs check").isNotEmpty();
    }

    /** Runs a console command in this JVM and compares the output lines the docs show with what it printed. */
    private static void run(Command c, List<String> problems) {
        if (!c.supercandles()) {
            problems.add(c.where() + ": a console block may show only bin/supercandles commands (run in-process): " + c.text());
            return;
        }
        List<String> args = new ArrayList<>();
        for (String w : c.words.subList(1, c.words.size())) {
            args.add(mapArgument(w));
        }
        long started = System.nanoTime();
        Printed r = cli(args);
        String printed = unmap(r.out + r.err);
        Set<String> lines = new LinkedHashSet<>();
        for (String l : printed.split("\\R")) {
            lines.add(c.digitsVary ? masked(l) : l.stripTrailing());
        }
        boolean error = c.expected.stream().anyMatch(l -> l.startsWith("supercandles "));
        if (error == (r.code == 0)) {
            problems.add(c.where() + ": `" + c.text() + "` exited " + r.code + (error ? ", the docs show an error" : "")
                    + "; it printed:\n" + printed);
            return;
        }
        for (String expected : c.expected) {
            String want = c.digitsVary ? masked(expected) : expected.stripTrailing();
            if (!want.isEmpty() && !lines.contains(want)) {
                problems.add(c.where() + ": `" + c.text() + "` no longer prints\n  " + expected + "\nit printed:\n" + printed);
            }
        }
        System.out.printf(Locale.ROOT, "docs check: ran %s in %.1f s (exit %d)%n", c.text(), (System.nanoTime() - started) / 1e9,
                r.code);
    }

    /** A path of the docs in this check's world: ../shared/ is the shared data, /tmp/ this check's directory. */
    private static String mapArgument(String word) {
        int eq = word.startsWith("--") ? word.indexOf('=') : -1;
        if (eq >= 0) {
            return word.substring(0, eq + 1) + mapArgument(word.substring(eq + 1));
        }
        if (word.startsWith("../shared/")) {
            return shared.resolve(word.substring("../shared/".length())).toString();
        }
        if (word.equals("/tmp") || word.startsWith("/tmp/")) {
            return tmp.resolve(word.substring(Math.min(word.length(), 5))).toString();
        }
        return word;
    }

    /** The printed text with this check's paths written as the docs write them. */
    private static String unmap(String text) {
        String t = text;
        for (Path p : new Path[] {tmp, tmp.toAbsolutePath().normalize()}) {
            t = t.replace(p.toString(), "/tmp");
        }
        for (Path p : new Path[] {shared, shared.toAbsolutePath().normalize()}) {
            t = t.replace(p + "/", "../shared/");
        }
        return t;
    }

    /** A line of a run whose figures change from run to run: numbers and spacing masked. */
    private static String masked(String line) {
        return NUMBER.matcher(line).replaceAll("0").replaceAll("\\s+", "");
    }

    private static Path runnerFile(String runner) throws IOException {
        if (runner.contains("/")) {
            Path p = root.resolve(runner);
            return Files.isRegularFile(p) ? p : null;
        }
        try (Stream<Path> modules = Files.list(root)) {
            for (Path tests : modules.map(m -> m.resolve("src/test/java")).filter(Files::isDirectory)
                    .collect(Collectors.toList())) {
                try (Stream<Path> files = Files.walk(tests)) {
                    Path found = files.filter(p -> p.getFileName().toString().equals(runner + ".java")).findFirst()
                            .orElse(null);
                    if (found != null) {
                        return found;
                    }
                }
            }
        }
        return null;
    }

    /** The commands of one block: bin/ lines of a bash block, $ lines (and the output after them) of a console block. */
    private static List<Command> commands(Block b) {
        List<Command> out = new ArrayList<>();
        boolean console = b.language().equals("console");
        boolean shell = List.of("bash", "sh", "shell").contains(b.language());
        List<String> lines = b.lines;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean prompt = line.startsWith("$ ");
            if (!(console && prompt) && !shell) {
                continue;
            }
            int first = i;
            StringBuilder text = new StringBuilder(prompt ? line.substring(2) : line);
            while (text.toString().stripTrailing().endsWith("\\") && i + 1 < lines.size()) {
                String t = text.toString().stripTrailing();
                text.setLength(0);
                text.append(t, 0, t.length() - 1).append(' ').append(lines.get(++i).trim());
            }
            List<String> words = words(text.toString());
            while (!words.isEmpty() && ENV.matcher(words.get(0)).matches()) {
                words.remove(0);
            }
            if (words.isEmpty() || !words.get(0).startsWith("bin/")) {
                continue;
            }
            List<String> expected = new ArrayList<>();
            if (console) {
                while (i + 1 < lines.size() && !lines.get(i + 1).startsWith("$ ")) {
                    expected.add(lines.get(++i));
                }
            }
            out.add(new Command(b.file, b.line + first, console ? "console" : "bash", words, expected, b.has("digits-vary")));
        }
        return out;
    }

    /** Shell words: quotes removed, a word starting with # ends the line, [ and ] of optional parts dropped. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else {
                    w.append(ch);
                }
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
                inWord = true;
            } else if (Character.isWhitespace(ch)) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else if (ch == '#' && !inWord) {
                break;
            } else {
                w.append(ch);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        List<String> out = new ArrayList<>();
        for (String word : words) {
            String s = word.replaceAll("^\\[+|\\]+$", "");
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Options

    @Test
    void everyOptionShownIsOneItsCommandDeclares() throws Exception {
        List<String> problems = new ArrayList<>();
        List<Command> all = new ArrayList<>();
        for (Doc doc : docs) {
            for (Block b : doc.blocks) {
                // a console command is run by the check (which is the proof), and may show a wrong option on purpose
                commands(b).stream().filter(c -> !c.kind.equals("console")).forEach(all::add);
            }
            for (Map.Entry<Integer, String> p : doc.paragraphs.entrySet()) {
                for (String span : codeSpans(p.getValue())) {
                    List<String> words = words(span.replace('\n', ' '));
                    if (!words.isEmpty() && words.get(0).startsWith("bin/")) {
                        all.add(new Command(doc.file, p.getKey(), "inline", words, List.of(), false));
                    }
                }
            }
        }
        Set<String> commands = subcommands();
        Set<String> clusterCommands = flinkClusterCommands();
        for (Command c : all) {
            String program = c.words.get(0);
            if (!Files.isExecutable(root.resolve(program))) {
                problems.add(c.where() + ": " + program + " is not an executable of the repository");
                continue;
            }
            if (c.supercandles()) {
                String sub = c.subcommand();
                if (sub.equals(sub.toUpperCase(Locale.ROOT)) && !sub.isEmpty()) {
                    continue; // a placeholder: bin/supercandles COMMAND --help
                }
                if (!sub.isEmpty() && !commands.contains(sub)) {
                    problems.add(c.where() + ": `" + c.text() + "`: bin/supercandles has no command '" + sub + "'");
                    continue;
                }
                checkOptions(c, sub, c.words.subList(sub.isEmpty() ? 1 : 2, c.words.size()), problems);
            } else if (program.equals("bin/flink-cluster") && c.words.size() > 1) {
                String sub = c.words.get(1);
                if (!clusterCommands.contains(sub)) {
                    problems.add(c.where() + ": `" + c.text() + "`: bin/flink-cluster has no command '" + sub + "'");
                } else if (sub.equals("submit")) {
                    checkOptions(c, "live", c.words.subList(2, c.words.size()), problems);
                }
            }
        }
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    private static void checkOptions(Command c, String sub, List<String> args, List<String> problems) {
        Set<String> declared = options(sub);
        for (String a : args) {
            if (!a.startsWith("--")) {
                continue;
            }
            String name = a.substring(2).split("=", 2)[0];
            boolean known = declared.contains(name) || name.equals("help") || name.equals("verbose")
                    || declared.stream().anyMatch(d -> d.endsWith("*") && name.startsWith(d.substring(0, d.length() - 1))
                            && name.length() > d.length() - 1);
            if (!known) {
                problems.add(c.where() + ": `" + c.text() + "`: --" + name + " is not an option of '"
                        + (sub.isEmpty() ? "bin/supercandles" : sub) + "' (see its --help)");
            }
        }
    }

    /** The options a command declares, read from its --help (names; a family as PREFIX*). */
    private static Set<String> options(String sub) {
        return OPTIONS.computeIfAbsent(sub, s -> {
            Printed help = cli(s.isEmpty() ? List.of("--help") : List.of(s, "--help"));
            assertThat(help.code).as(s + " --help: " + help.err).isZero();
            Set<String> names = new TreeSet<>();
            Matcher m = Pattern.compile("(?m)^  --(\\S+)").matcher(help.out);
            while (m.find()) {
                names.add(m.group(1));
            }
            return names;
        });
    }

    /** The commands bin/supercandles --help lists. */
    private static Set<String> subcommands() {
        Printed help = cli(List.of("--help"));
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^  ([a-z][a-z-]*) +\\S").matcher(help.out);
        while (m.find()) {
            names.add(m.group(1));
        }
        assertThat(names).contains("replay", "demo", "live");
        return names;
    }

    /** The commands of the bin/flink-cluster script (its case branches). */
    private static Set<String> flinkClusterCommands() throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\s+([a-z-]+)\\) shift; cmd_").matcher(Files.readString(root.resolve("bin/flink-cluster")));
        while (m.find()) {
            names.add(m.group(1));
        }
        assertThat(names).contains("start", "submit", "stop");
        return names;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Configuration examples and reference lists

    @Test
    void propertiesExamplesUseKnownKeysAndNoCommentAfterAValue() throws Exception {
        Set<String> keys = options("live");
        List<String> problems = new ArrayList<>();
        for (Doc doc : docs) {
            for (Block b : doc.blocks) {
                if (!b.language().equals("properties") || b.fileOption() != null) {
                    continue; // a file= block is an example the check runs (its mistakes are the point)
                }
                Properties p = new Properties();
                p.load(new StringReader(String.join("\n", b.lines)));
                for (String key : p.stringPropertyNames()) {
                    String where = root.relativize(b.file) + ":" + b.line;
                    boolean known = keys.contains(key) || keys.stream().anyMatch(d -> d.endsWith("*")
                            && key.startsWith(d.substring(0, d.length() - 1)));
                    if (!known) {
                        problems.add(where + ": " + key + " is not a key of live (see bin/supercandles live --help)");
                    }
                    if (p.getProperty(key).matches(".*\\s#.*")) {
                        problems.add(where + ": " + key + "'s value ends in a comment, which a properties file takes as"
                                + " part of the value: put the comment on a line of its own");
                    }
                }
                validate(b, problems);
            }
        }
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    /**
     * Loads a properties example as live does, through the CLI: with a broker and a checkpoint directory given as
     * flags and --restore latest, which stops (exit 2, "no completed checkpoint") only after the whole configuration
     * was checked. Secrets (${env:..}, ${file:..}) read a file of this check; a file the example names that is not
     * on this machine (a CA certificate) is left out.
     */
    private static void validate(Block b, List<String> problems) throws IOException {
        Path secret = tmp.resolve("docs-secret");
        Files.writeString(secret, "https://example.invalid/secret");
        List<String> lines = new ArrayList<>();
        for (String line : b.lines) {
            String value = line.contains("=") ? line.substring(line.indexOf('=') + 1).trim() : "";
            if (!line.startsWith("#") && value.startsWith("/") && !Files.exists(Paths.get(value))) {
                continue;
            }
            lines.add(line.replaceAll("\\$\\{(env|file):[^}]*}", Matcher.quoteReplacement("${file:" + secret + "}")));
        }
        Path copy = tmp.resolve("docs-example-" + b.line + ".properties");
        Files.write(copy, lines, StandardCharsets.UTF_8);
        Printed r = cli(List.of("live", "--config", copy.toString(), "--bootstrap.servers", "localhost:1",
                "--checkpoint.dir", tmp.resolve("docs-no-checkpoints").toString(), "--restore", "latest"));
        if (r.code != 2 || !r.err.contains("no completed checkpoint")) {
            problems.add(root.relativize(b.file) + ":" + b.line + ": the example is not a valid live configuration: " + r.err);
        }
    }

    @Test
    void everyTableQueryAndLiveKeyIsInOperations() throws Exception {
        String operations = Files.readString(root.resolve("docs/operations.md"), StandardCharsets.UTF_8);
        List<String> missing = new ArrayList<>();
        Pattern create = Pattern.compile("CREATE TABLE IF NOT EXISTS \\$\\{database}\\.(\\w+)");
        try (Stream<Path> files = Files.list(root.resolve("sql/migrations"))) {
            for (Path f : files.sorted().collect(Collectors.toList())) {
                Matcher m = create.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    if (!operations.contains("| `" + m.group(1) + "` |")) {
                        missing.add("table " + m.group(1) + " (" + f.getFileName() + ") in the tables list");
                    }
                }
            }
        }
        try (Stream<Path> files = Files.list(root.resolve("sql/queries"))) {
            for (Path f : files.sorted().collect(Collectors.toList())) {
                if (!operations.contains("`" + f.getFileName() + "`")) {
                    missing.add("query " + f.getFileName() + " in the list of documented queries");
                }
            }
        }
        StringBuilder allDocs = new StringBuilder();
        for (Doc doc : docs) {
            allDocs.append(Files.readString(doc.file, StandardCharsets.UTF_8));
        }
        for (String key : options("live")) {
            String written = key.endsWith("*") ? "`" + key.substring(0, key.length() - 1) : "`" + key + "`";
            if (!Set.of("config", "restore", "help", "verbose").contains(key) && !allDocs.toString().contains(written)) {
                missing.add("live key " + key + " in a key table (operations.md, or the strategies' settings)");
            }
        }
        assertThat(missing).as("the docs lack:\n" + String.join("\n", missing)).isEmpty();
    }

    @Test
    void readmeShowsExactlyTheTwoCommands() {
        List<String> shown = new ArrayList<>();
        for (Block b : docs.get(0).blocks) {
            commands(b).forEach(c -> shown.add(c.text()));
        }
        assertThat(shown).containsExactly("bin/supercandles demo", "bin/test");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Links

    @Test
    void everyRelativeLinkResolves() throws Exception {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                return !dir.equals(root) && Set.of("target", "node_modules", ".git").contains(name)
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (file.toString().endsWith(".md")) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        Map<Path, Doc> read = new HashMap<>();
        List<String> problems = new ArrayList<>();
        int links = 0;
        for (Path f : files) {
            Doc doc = read.computeIfAbsent(f, DocsCheckTest::doc);
            for (Map.Entry<Integer, String> p : doc.paragraphs.entrySet()) {
                Matcher m = LINK.matcher(withoutCodeSpans(p.getValue()));
                while (m.find()) {
                    String target = m.group(2);
                    if (target.matches("[a-z][a-z0-9+.-]*:.*")) {
                        continue; // http:, https:, mailto:
                    }
                    links++;
                    String where = root.relativize(f) + ":" + p.getKey() + ": [" + m.group(1) + "](" + target + ")";
                    int hash = target.indexOf('#');
                    String path = hash >= 0 ? target.substring(0, hash) : target;
                    String anchor = hash >= 0 ? target.substring(hash + 1) : null;
                    Path to = path.isEmpty() ? f : f.getParent().resolve(path).normalize();
                    if (!Files.exists(to)) {
                        problems.add(where + ": no file " + root.relativize(to));
                    } else if (anchor != null) {
                        if (!to.toString().endsWith(".md")) {
                            problems.add(where + ": an anchor into a file that is not Markdown");
                        } else if (!read.computeIfAbsent(to, DocsCheckTest::doc).anchors.contains(anchor)) {
                            problems.add(where + ": " + root.relativize(to) + " has no heading #" + anchor);
                        }
                    }
                }
            }
        }
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
        assertThat(links).as("relative links checked").isGreaterThan(20);
    }

    private static Doc doc(Path f) {
        try {
            return new Doc(f);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** GitHub's id of a heading: lower case, punctuation (backticks too) dropped, spaces as hyphens. */
    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
        return text.replaceAll("[^\\p{L}\\p{M}\\p{Nd}\\p{Pc} -]", "").replace(' ', '-');
    }

    /** The contents of the inline code spans of a paragraph (CommonMark: a run of n backticks closes with n). */
    private static List<String> codeSpans(String text) {
        List<String> spans = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) != '`') {
                i++;
                continue;
            }
            int n = 0;
            while (i + n < text.length() && text.charAt(i + n) == '`') {
                n++;
            }
            int close = closing(text, i + n, n);
            if (close < 0) {
                i += n;
                continue;
            }
            spans.add(text.substring(i + n, close).trim());
            i = close + n;
        }
        return spans;
    }

    private static int closing(String text, int from, int n) {
        for (int j = from; j < text.length(); j++) {
            if (text.charAt(j) == '`') {
                int k = 0;
                while (j + k < text.length() && text.charAt(j + k) == '`') {
                    k++;
                }
                if (k == n) {
                    return j;
                }
                j += k - 1;
            }
        }
        return -1;
    }

    private static String withoutCodeSpans(String text) {
        StringBuilder out = new StringBuilder(text);
        for (String span : codeSpans(text)) {
            int at = out.indexOf(span);
            if (at >= 0) {
                out.replace(at, at + span.length(), " ".repeat(span.length()));
            }
        }
        return out.toString();
    }

    // ---------------------------------------------------------------------------------------------------------

    /** One run of the command line in this JVM. */
    private static Printed cli(List<String> args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = SuperCandlesCli.run(args.toArray(new String[0]), new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Printed(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    private record Printed(int code, String out, String err) {}
}
