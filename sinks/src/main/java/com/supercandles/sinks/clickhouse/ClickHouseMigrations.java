package com.supercandles.sinks.clickhouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The schema as the ordered migration files of the repository's {@code sql/} folder, applied to a
 * database: {@code migrations/NNN_name.sql} always, in order; {@code opt-in/name.sql} only when asked
 * for, and only on a server at least as new as its {@code -- requires-server: X.Y} line says.
 *
 * <p>Every file is idempotent by itself: IF NOT EXISTS everywhere, and for {@code ALTER TABLE ... ADD
 * COLUMN}, which ClickHouse 18.16 cannot say IF NOT EXISTS of, {@link #run} skips a column that is there. Applied files are also recorded,
 * with a checksum, in {@code schema_migrations} (created by the first migration): they are skipped
 * later, and a file changed after it was applied stops the migration instead of silently drifting.
 * In a file, {@code ${database}} stands for the configured database, and statements end with a
 * {@code ;} at the end of a line.
 */
public final class ClickHouseMigrations {
    /** Where the {@code sql/} folder sits on the classpath (the sinks jar carries it). */
    public static final String CLASSPATH_ROOT = "supercandles-sql";
    public static final String TRACKING_TABLE = "schema_migrations";

    private static final Pattern REGULAR = Pattern.compile("(\\d{3})_[a-z0-9_]+\\.sql");
    private static final Pattern OPT_IN = Pattern.compile("[a-z0-9_]+\\.sql");
    private static final Pattern REQUIRES = Pattern.compile("(?m)^--\\s*requires-server:\\s*(\\S+)\\s*$");

    /** One migration file. */
    public static final class Migration {
        public final String name;
        public final boolean optIn;
        /** The oldest server it runs on, or null: any. */
        public final ServerVersion requiresServer;
        public final String text;
        public final String checksum;

        Migration(String name, boolean optIn, String text) {
            this.name = name;
            this.optIn = optIn;
            this.text = text;
            Matcher m = REQUIRES.matcher(text);
            this.requiresServer = m.find() ? ServerVersion.parse(m.group(1)) : null;
            this.checksum = Sha256.hex(text);
        }

        /** The file's statements with {@code ${database}} replaced. */
        public List<String> statements(String database) {
            StringBuilder sql = new StringBuilder();
            for (String line : text.split("\n")) {
                if (!line.trim().startsWith("--")) {
                    sql.append(line).append('\n');
                }
            }
            List<String> statements = new ArrayList<>();
            for (String s : sql.toString().split(";\\s*(\n|$)")) {
                if (!s.isBlank()) {
                    statements.add(s.trim().replace("${database}", database));
                }
            }
            return statements;
        }
    }

    private final List<Migration> regular;
    private final Map<String, Migration> optIns;

    private ClickHouseMigrations(List<Migration> regular, Map<String, Migration> optIns) {
        this.regular = regular;
        this.optIns = optIns;
    }

    /** The migrations packed into the jar from the repository's {@code sql/} folder. */
    public static ClickHouseMigrations fromClasspath() {
        Map<String, String> files = new TreeMap<>();
        for (String folder : List.of("migrations", "opt-in")) {
            for (String file : listClasspathFolder(CLASSPATH_ROOT + "/" + folder)) {
                files.put(folder + "/" + file, readResource(CLASSPATH_ROOT + "/" + folder + "/" + file));
            }
        }
        return of(files);
    }

    /** The migrations of an {@code sql/} folder on disk. */
    public static ClickHouseMigrations fromDirectory(Path sqlDir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (String folder : List.of("migrations", "opt-in")) {
            Path dir = sqlDir.resolve(folder);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> list = Files.list(dir)) {
                    for (Path p : (Iterable<Path>) list::iterator) {
                        files.put(folder + "/" + p.getFileName(), Files.readString(p, StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return of(files);
    }

    private static ClickHouseMigrations of(Map<String, String> files) {
        List<Migration> regular = new ArrayList<>();
        Map<String, Migration> optIns = new TreeMap<>();
        Set<String> versions = new TreeSet<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            String folder = f.getKey().substring(0, f.getKey().indexOf('/'));
            String file = f.getKey().substring(folder.length() + 1);
            String name = file.substring(0, Math.max(0, file.length() - 4));
            if (folder.equals("migrations")) {
                Matcher m = REGULAR.matcher(file);
                if (!m.matches()) {
                    throw new IllegalStateException("sql/migrations/" + file + ": migration files are named NNN_name.sql");
                }
                if (!versions.add(m.group(1))) {
                    throw new IllegalStateException("sql/migrations: two files have number " + m.group(1));
                }
                regular.add(new Migration(name, false, f.getValue()));
            } else {
                if (!OPT_IN.matcher(file).matches()) {
                    throw new IllegalStateException("sql/opt-in/" + file + ": opt-in files are named name.sql");
                }
                optIns.put(name, new Migration(name, true, f.getValue()));
            }
        }
        if (regular.isEmpty()) {
            throw new IllegalStateException("no migration files found (sql/migrations/NNN_name.sql)");
        }
        return new ClickHouseMigrations(regular, optIns);
    }

    public List<Migration> regular() {
        return regular;
    }

    public Map<String, Migration> optIns() {
        return optIns;
    }

    /**
     * Brings the database up to date: every regular migration not yet applied, then the requested
     * opt-in ones. Returns one line per migration saying what happened.
     *
     * @throws IllegalArgumentException for an unknown opt-in name
     * @throws IllegalStateException when an opt-in needs a newer server or an applied file was changed
     */
    public List<String> apply(ClickHouseSql sql, Set<String> requestedOptIns) throws ClickHouseFailure {
        List<Migration> todo = new ArrayList<>(regular);
        for (String name : requestedOptIns) {
            Migration m = optIns.get(name);
            if (m == null) {
                throw new IllegalArgumentException("unknown opt-in migration '" + name + "'; available: "
                        + String.join(", ", optIns.keySet()));
            }
            todo.add(m);
        }
        ServerVersion server = sql.serverVersion();
        for (Migration m : todo) {
            if (m.requiresServer != null && !server.atLeast(m.requiresServer)) {
                throw new IllegalStateException("opt-in migration '" + m.name + "' needs ClickHouse "
                        + m.requiresServer + " or newer; the server at " + sql.connection().url() + " is " + server);
            }
        }
        String database = sql.connection().database();
        Map<String, String[]> applied = applied(sql);
        List<String> report = new ArrayList<>();
        for (Migration m : todo) {
            String[] before = applied.get(m.name);
            if (before != null) {
                if (!before[0].equals(m.checksum)) {
                    throw new IllegalStateException("migration '" + m.name + "' was changed after it was applied to "
                            + database + " (at " + before[1] + " UTC): restore the file and add a new migration instead");
                }
                report.add("up to date  " + m.name);
                continue;
            }
            for (String statement : m.statements(database)) {
                run(sql, statement);
            }
            sql.execute("INSERT INTO " + sql.connection().qualified(TRACKING_TABLE)
                    + " (name, checksum, applied_at) VALUES ('" + m.name + "', '" + m.checksum + "', now())");
            report.add("applied     " + m.name);
        }
        return report;
    }

    private static final Pattern ADD_COLUMN = Pattern.compile(
            "(?is)ALTER\\s+TABLE\\s+(?:([A-Za-z0-9_]+)\\.)?([A-Za-z0-9_]+)\\s+ADD\\s+COLUMN\\s+([A-Za-z0-9_]+)\\s.*");

    /**
     * Runs one statement of a migration; an {@code ALTER TABLE t ADD COLUMN c} whose column is there
     * already (a migration stopped half-way and run again) is skipped.
     */
    public static void run(ClickHouseSql sql, String statement) throws ClickHouseFailure {
        Matcher add = ADD_COLUMN.matcher(statement.trim());
        if (add.matches()) {
            String database = add.group(1) != null ? add.group(1) : sql.connection().database();
            String there = sql.query("SELECT count() FROM system.columns WHERE database = '" + database
                    + "' AND table = '" + add.group(2) + "' AND name = '" + add.group(3) + "' FORMAT TabSeparated").trim();
            if (!there.equals("0")) {
                return;
            }
        }
        sql.execute(statement);
    }

    /** name -> {checksum, applied_at} of the migrations recorded in the database (none before the first). */
    private static Map<String, String[]> applied(ClickHouseSql sql) throws ClickHouseFailure {
        Map<String, String[]> applied = new HashMap<>();
        boolean databaseExists = !sql.query("SELECT name FROM system.databases WHERE name = '"
                + sql.connection().database() + "' FORMAT TabSeparated").isBlank();
        if (!databaseExists || !sql.tableExists(TRACKING_TABLE)) {
            return applied;
        }
        String rows = sql.query("SELECT name, checksum, toString(applied_at) FROM "
                + sql.connection().qualified(TRACKING_TABLE) + " FORMAT TabSeparated");
        for (String line : rows.split("\n")) {
            String[] cols = line.split("\t");
            if (cols.length == 3) {
                applied.putIfAbsent(cols[0], new String[] {cols[1], cols[2]});
            }
        }
        return applied;
    }

    private static List<String> listClasspathFolder(String folder) {
        URL url = ClickHouseMigrations.class.getClassLoader().getResource(folder);
        List<String> names = new ArrayList<>();
        if (url == null) {
            return names;
        }
        try {
            if (url.getProtocol().equals("jar")) {
                JarFile jar = ((JarURLConnection) url.openConnection()).getJarFile();
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    String entry = entries.nextElement().getName();
                    if (entry.startsWith(folder + "/") && entry.endsWith(".sql")) {
                        names.add(entry.substring(folder.length() + 1));
                    }
                }
            } else {
                try (Stream<Path> list = Files.list(Paths.get(url.toURI()))) {
                    list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).forEach(names::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + url, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot list " + url, e);
        }
        return names;
    }

    private static String readResource(String path) {
        try (InputStream in = ClickHouseMigrations.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
