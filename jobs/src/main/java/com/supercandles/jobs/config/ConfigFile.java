package com.supercandles.jobs.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A properties file with the line each key is set on, so that a problem can point at it:
 * {@link Properties} reads the values but keeps no line numbers.
 */
final class ConfigFile {
    static final ConfigFile NONE = new ConfigFile(null, Map.of(), Map.of());

    private final Path path;
    private final Map<String, String> values;
    private final Map<String, Integer> lines;

    private ConfigFile(Path path, Map<String, String> values, Map<String, Integer> lines) {
        this.path = path;
        this.values = values;
        this.lines = lines;
    }

    static ConfigFile read(Path path) throws IOException {
        String text = Files.readString(path, StandardCharsets.UTF_8);
        Properties p = new Properties();
        p.load(new StringReader(text));
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : p.stringPropertyNames()) {
            values.put(name, p.getProperty(name).trim());
        }
        return new ConfigFile(path, values, lineOfEachKey(text.lines().toList()));
    }

    /** Every key with its value, trimmed. */
    Map<String, String> values() {
        return values;
    }

    /** {@code FILE:LINE} where {@code key} is set, or null if this file does not set it. */
    String where(String key) {
        Integer line = lines.get(key);
        return line == null ? null : path + ":" + line;
    }

    /**
     * The first line of the logical line that sets each key (its last setting wins, as in Properties).
     * Each logical line (a line and its continuations) is read by Properties itself, so escapes and
     * separators are understood exactly as when the values were read.
     */
    static Map<String, Integer> lineOfEachKey(List<String> lines) {
        Map<String, Integer> at = new HashMap<>();
        int i = 0;
        while (i < lines.size()) {
            int first = i;
            String start = lines.get(i++).stripLeading();
            if (start.isEmpty() || start.startsWith("#") || start.startsWith("!")) {
                continue; // comments do not continue onto the next line, even ending with a backslash
            }
            while (continues(lines.get(i - 1)) && i < lines.size()) {
                i++;
            }
            Properties one = new Properties();
            try {
                one.load(new StringReader(String.join("\n", lines.subList(first, i))));
            } catch (IOException | IllegalArgumentException e) {
                continue; // the whole file was read by Properties already; a line it cannot place has no number
            }
            for (String key : one.stringPropertyNames()) {
                at.put(key, first + 1);
            }
        }
        return at;
    }

    /** A line continues onto the next when it ends with an odd number of backslashes. */
    private static boolean continues(String line) {
        int n = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }
}
