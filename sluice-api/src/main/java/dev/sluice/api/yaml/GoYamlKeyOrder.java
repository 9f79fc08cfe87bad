package dev.sluice.api.yaml;

import java.util.Comparator;

/**
 * The order in which go-yaml v2 sorts the string keys of a map when it marshals one: kustomize
 * (and kubectl) print resources through it, so {@code n9} comes before {@code n10} and letters
 * sort after digits and punctuation at the first difference.
 *
 * <p>Runs of digits compare by numeric value (a "natural" sort); otherwise code points compare.
 * Stateless and thread-safe.
 */
public final class GoYamlKeyOrder implements Comparator<String> {

    /** The shared instance. */
    public static final GoYamlKeyOrder INSTANCE = new GoYamlKeyOrder();

    private GoYamlKeyOrder() {}

    @Override
    public int compare(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        if (less(a, b)) {
            return -1;
        }
        // Go's Less is not a total order in corner cases; fall back to code points so sorting stays valid.
        return less(b, a) ? 1 : a.compareTo(b);
    }

    private static boolean less(String as, String bs) {
        // Most keys are plain ASCII words: decide at the first differing letter without allocating.
        int n = Math.min(as.length(), bs.length());
        for (int i = 0; i < n; i++) {
            char x = as.charAt(i);
            char y = bs.charAt(i);
            if (x == y) {
                if (x >= 0x80 || (x >= '0' && x <= '9')) {
                    break; // digits and non-ASCII need the full rules
                }
                continue;
            }
            if (isAsciiLetter(x) && isAsciiLetter(y)) {
                return x < y;
            }
            break;
        }
        return lessFull(as, bs);
    }

    /** go-yaml v2's keyList.Less on two strings, without the ASCII shortcut. */
    static boolean lessFull(String as, String bs) {
        int[] a = as.codePoints().toArray();
        int[] b = bs.codePoints().toArray();
        for (int i = 0; i < a.length && i < b.length; i++) {
            if (a[i] == b[i]) {
                continue;
            }
            boolean al = Character.isLetter(a[i]);
            boolean bl = Character.isLetter(b[i]);
            if (al && bl) {
                return a[i] < b[i];
            }
            if (al || bl) {
                return bl;
            }
            long an = 0;
            long bn = 0;
            if (a[i] == '0' || b[i] == '0') {
                // A zero inside a longer number ("10" vs "1a") still counts as part of that number.
                for (int j = i - 1; j >= 0 && Character.isDigit(a[j]); j--) {
                    if (a[j] != '0') {
                        an = 1;
                        bn = 1;
                        break;
                    }
                }
            }
            int ai = i;
            while (ai < a.length && Character.isDigit(a[ai])) {
                an = an * 10 + (a[ai] - '0');
                ai++;
            }
            int bi = i;
            while (bi < b.length && Character.isDigit(b[bi])) {
                bn = bn * 10 + (b[bi] - '0');
                bi++;
            }
            if (an != bn) {
                return an < bn;
            }
            if (ai != bi) {
                return ai < bi;
            }
            return a[i] < b[i];
        }
        return a.length < b.length;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
