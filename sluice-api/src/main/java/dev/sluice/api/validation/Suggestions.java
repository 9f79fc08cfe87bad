package dev.sluice.api.validation;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean ...?" for misspelt field names, enum values and kinds: the closest candidate by
 * Damerau-Levenshtein distance (optimal string alignment, so one swap of neighbours costs 1),
 * ignoring case, within a budget that grows with the word's length.
 */
public final class Suggestions {

    private Suggestions() {
    }

    /** The closest candidate, if one is close enough to be a likely typo of {@code word}. */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        String w = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            if (c.isEmpty()) {
                continue;
            }
            int d = distance(w, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance || (d == bestDistance && best != null && c.compareTo(best) < 0)) {
                best = c;
                bestDistance = d;
            }
        }
        if (best == null || best.equals(word)) {
            return Optional.empty();
        }
        return bestDistance <= budget(word) ? Optional.of(best) : Optional.empty();
    }

    /** Edits allowed: 1 for short words, 2 from 5 characters, 3 from 10. */
    static int budget(String word) {
        int n = word.length();
        return n < 5 ? 1 : n < 10 ? 2 : 3;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    public static int distance(String a, String b) {
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
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }

    /** {@code a}, {@code a or b}, {@code a, b or c}. */
    public static String joinOr(List<String> items) {
        return join(items, "or");
    }

    /** {@code a}, {@code a and b}, {@code a, b and c}. */
    public static String joinAnd(List<String> items) {
        return join(items, "and");
    }

    private static String join(List<String> items, String last) {
        if (items.isEmpty()) {
            return "";
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " " + last + " " + items.get(items.size() - 1);
    }
}
