package com.supercandles.jobs.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * "Did you mean": the known words a mistyped word is close to.
 *
 * <p>A known word is near when, ignoring case, either
 * <ul>
 *   <li>its edit distance from the word (insertions, deletions, substitutions and swaps of two
 *       neighbouring characters, each counting 1: the optimal-string-alignment form of Damerau-Levenshtein)
 *       is at most a third of the longer one's length and at most 2: {@code perod} -> {@code period},
 *       {@code ture} -> {@code true}, {@code bootstrap.server} -> {@code bootstrap.servers}, while a one- or
 *       two-letter word is near nothing by distance (every short word is one edit from another), or</li>
 *   <li>the word, 3 characters or more, begins that known word and no other: the abbreviations people
 *       write for enumerated values, {@code warn} -> {@code warning}, {@code crit} -> {@code critical}.</li>
 * </ul>
 * The nearest by distance win (all of them when they tie); an abbreviation counts only when nothing is
 * near by distance.
 */
public final class NearMiss {
    private static final int MAX_DISTANCE = 2;
    private static final int MIN_ABBREVIATION = 3;

    private NearMiss() {}

    /** The optimal-string-alignment distance between {@code a} and {@code b}, case sensitive. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** The known words near {@code word}, in the order of {@code known}; empty when none is. */
    public static List<String> nearest(String word, Collection<String> known) {
        String w = word.toLowerCase(Locale.ROOT);
        List<String> best = new ArrayList<>();
        int bestDistance = Integer.MAX_VALUE;
        List<String> abbreviated = new ArrayList<>();
        for (String k : known) {
            String c = k.toLowerCase(Locale.ROOT);
            int d = distance(w, c);
            if (d <= Math.min(MAX_DISTANCE, Math.max(w.length(), c.length()) / 3) && d <= bestDistance) {
                if (d < bestDistance) {
                    best.clear();
                    bestDistance = d;
                }
                best.add(k);
            }
            if (w.length() >= MIN_ABBREVIATION && c.startsWith(w)) {
                abbreviated.add(k);
            }
        }
        if (best.isEmpty() && abbreviated.size() == 1) {
            return abbreviated;
        }
        return best;
    }

    /**
     * The known key near {@code key}: a known key itself, else {@code key} with its leading segments
     * replaced by a known prefix they are near ({@code watchdogs.x.threshold} -> {@code watchdog.x.threshold},
     * {@code alert.webhok.desk.url} -> {@code alert.webhook.desk.url}); empty when neither is.
     *
     * @param prefixes families of keys, each ending with a dot ({@code watchdog.}, {@code alert.webhook.})
     */
    public static List<String> nearestKey(String key, Collection<String> keys, Collection<String> prefixes) {
        List<String> near = nearest(key, keys);
        if (!near.isEmpty()) {
            return near;
        }
        List<String> replaced = new ArrayList<>();
        for (String prefix : prefixes) {
            String head = leadingSegments(key, segments(prefix));
            if (head != null && !head.equals(prefix) && !nearest(head, List.of(prefix)).isEmpty()) {
                replaced.add(prefix + key.substring(head.length()));
            }
        }
        return replaced;
    }

    /** {@code "; did you mean X?"} (or {@code X or Y}) for a near miss, else an empty string. */
    public static String didYouMean(List<String> near) {
        return near.isEmpty() ? "" : "; did you mean " + String.join(" or ", near) + "?";
    }

    /** {@link #didYouMean} of the words near {@code word}, or the whole list of known words. */
    public static String didYouMeanOrKnown(String word, Collection<String> known) {
        List<String> near = nearest(word, known);
        return near.isEmpty() ? " (known: " + String.join(", ", known) + ")" : didYouMean(near);
    }

    /** The problem of {@code value} of {@code key}, which must be one of {@code known}; null when it is. */
    public static String notOneOf(String key, String value, List<String> known) {
        if (known.contains(value)) {
            return null;
        }
        String either = known.size() == 1 ? known.get(0)
                : String.join(", ", known.subList(0, known.size() - 1)) + " or " + known.get(known.size() - 1);
        return key + " must be " + either + ", got '" + value + "'" + didYouMean(nearest(value, known));
    }

    private static int segments(String prefix) {
        return (int) prefix.chars().filter(c -> c == '.').count();
    }

    /** The first {@code n} dot-separated segments of {@code key} with their dots, or null if it has fewer. */
    private static String leadingSegments(String key, int n) {
        int end = -1;
        for (int i = 0; i < n; i++) {
            end = key.indexOf('.', end + 1);
            if (end < 0) {
                return null;
            }
        }
        return key.substring(0, end + 1);
    }
}
