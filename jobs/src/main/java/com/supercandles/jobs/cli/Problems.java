package com.supercandles.jobs.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The problems of a configuration or a command line, collected so that one run reports all of them
 * (a user fixing one a run would need as many runs as mistakes), each once, under the name the user
 * wrote the key with ({@code --period} on a command line) and, for a key set in a file, the file and line.
 */
public final class Problems {
    /** A parse or check that throws with its problem. */
    public interface Check<T> {
        T run() throws Exception;
    }

    /** How a message lists several problems: one per line, each an item. */
    private static final String LIST_ITEM = "\n  - ";

    private final Set<String> lines = new LinkedHashSet<>();
    private final Set<String> keys = new HashSet<>();
    private final Function<String, String> where;
    private final String namePrefix;

    private Problems(Function<String, String> where, String namePrefix) {
        this.where = where;
        this.namePrefix = namePrefix;
    }

    /** For configuration keys; {@code where} gives {@code FILE:LINE} for a key a file set, else null. */
    public static Problems ofKeys(Function<String, String> where) {
        return new Problems(where, "");
    }

    /** For a command's options: keys are shown as {@code --KEY}. */
    public static Problems ofOptions() {
        return new Problems(key -> null, "--");
    }

    /**
     * A problem found by a check that knows no key. It may hold several, one per line as a list (the
     * form the project's checks throw theirs in); each that starts with the name of a key set in a file
     * is that key's, and is located.
     */
    public void add(String problem) {
        for (String part : problem.split(Pattern.quote(LIST_ITEM))) {
            String key = part.split("[ :]", 2)[0];
            if (!key.isEmpty() && where.apply(key) != null) {
                add(key, part);
            } else {
                lines.add(part);
            }
        }
    }

    /**
     * A problem of {@code key} (or several, as a list). A message that starts with the key's name (as many
     * checks write theirs) has it replaced by the name shown; any other gets the name in front.
     */
    public void add(String key, String problem) {
        keys.add(key);
        String name = namePrefix + key;
        String at = where.apply(key);
        for (String part : problem.split(Pattern.quote(LIST_ITEM))) {
            String rest = afterName(part, name);
            if (rest == null) {
                rest = afterName(part, key);
            }
            String text = name + (rest != null ? rest : ": " + part);
            lines.add(at == null ? text : at + ": " + text);
        }
    }

    /** Runs {@code check}; its exception's message becomes a problem of {@code key} (null: of no key). */
    public <T> T check(String key, Check<T> check) {
        try {
            return check.run();
        } catch (Exception e) {
            String message = com.supercandles.jobs.cli.UserMessages.of(e);
            if (key == null) {
                add(message);
            } else {
                add(key, message);
            }
            return null;
        }
    }

    /** Every problem of {@code other} too, in its words. */
    public void addAll(Problems other) {
        lines.addAll(other.lines);
        keys.addAll(other.keys);
    }

    /** Whether {@code key} has a problem already (a later check of its value would only repeat it). */
    public boolean has(String key) {
        return keys.contains(key);
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    /** How many problems there are: a check can tell whether it found any by comparing before and after. */
    public int count() {
        return lines.size();
    }

    /** One problem on one line after the heading; several listed one per line, with their count. */
    public String report(String heading) {
        List<String> all = new ArrayList<>(lines);
        if (all.size() == 1) {
            return heading == null ? all.get(0) : heading + ": " + all.get(0);
        }
        String head = heading == null ? all.size() + " problems" : heading + " (" + all.size() + " problems)";
        return head + ":" + LIST_ITEM + String.join(LIST_ITEM, all);
    }

    /** @throws IllegalArgumentException with the {@link #report} when there is any problem */
    public void throwIfAny(String heading) {
        if (!isEmpty()) {
            throw new IllegalArgumentException(report(heading));
        }
    }

    /** What follows {@code name} at the start of {@code message}, or null if the message does not start with it. */
    private static String afterName(String message, String name) {
        if (!message.startsWith(name)) {
            return null;
        }
        String rest = message.substring(name.length());
        return rest.isEmpty() || rest.charAt(0) == ' ' || rest.charAt(0) == ':' ? rest : null;
    }
}
