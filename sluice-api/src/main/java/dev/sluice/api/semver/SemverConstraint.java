package dev.sluice.api.semver;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semver range as Flux writes them ({@code spec.ref.semver}, HelmChart {@code version}), with the
 * semantics of Masterminds/semver v3, the library Flux uses: {@code ||} separates alternatives;
 * commas or spaces join comparators; operators {@code = != > >= < <= ~ ~> ^}; wildcards
 * {@code 1.2.x}, {@code 1.x}, {@code *} and missing parts ({@code 1.2} means {@code 1.2.x});
 * hyphen ranges {@code 1.2 - 1.4.5}. A pre-release version matches only a comparator that itself
 * names a pre-release, so {@code >=1.0.0} never picks {@code 2.0.0-rc.1}.
 *
 * <p>Written here rather than taken from a library: the Java semver libraries follow npm's range
 * grammar, which differs from Flux's in commas, {@code v}-prefixed and partial versions and the
 * pre-release rule, and users' existing ranges must select the same tags as Flux did. Immutable.
 */
public final class SemverConstraint {

    private static final Pattern HYPHEN = Pattern.compile("(\\S+)\\s+-\\s+(\\S+)");
    private static final Pattern COMPARATOR = Pattern.compile(
            "(!=|>=|=>|<=|=<|~>|>|<|=|~|\\^)?\\s*(v?(?:[0-9]+|[xX*])(?:\\.(?:[0-9]+|[xX*])){0,2}"
                    + "(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?)");

    private final String text;
    private final List<List<Comparator>> alternatives;

    private SemverConstraint(String text, List<List<Comparator>> alternatives) {
        this.text = text;
        this.alternatives = alternatives;
    }

    /**
     * Parses a range.
     *
     * @throws IllegalArgumentException naming the part that is not a comparator, e.g.
     *         {@code 'abc' in '>=1.0, abc' is not a semver comparator}
     */
    public static SemverConstraint parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty semver range; expected e.g. '>=1.0.0 <2.0.0', '^1.2' or '1.x'");
        }
        List<List<Comparator>> alternatives = new ArrayList<>();
        for (String group : text.split("\\|\\|")) {
            alternatives.add(parseGroup(group, text));
        }
        return new SemverConstraint(text, List.copyOf(alternatives));
    }

    private static List<Comparator> parseGroup(String group, String whole) {
        List<Comparator> out = new ArrayList<>();
        Matcher hyphen = HYPHEN.matcher(group);
        StringBuilder rest = new StringBuilder();
        while (hyphen.find()) {
            out.add(Comparator.of(">=", hyphen.group(1), whole));
            out.add(Comparator.of("<=", hyphen.group(2), whole));
            hyphen.appendReplacement(rest, " ");
        }
        hyphen.appendTail(rest);
        String s = rest.toString();
        Matcher m = COMPARATOR.matcher(s);
        int pos = 0;
        while (pos < s.length()) {
            char ch = s.charAt(pos);
            if (ch == ',' || Character.isWhitespace(ch)) {
                pos++;
                continue;
            }
            if (!m.find(pos) || m.start() != pos || (m.end() < s.length() && !isSeparator(s.charAt(m.end())))) {
                int end = pos;
                while (end < s.length() && !isSeparator(s.charAt(end))) {
                    end++;
                }
                throw new IllegalArgumentException("'" + s.substring(pos, end) + "' in '" + whole
                        + "' is not a semver comparator; expected e.g. '>=1.0.0', '~1.2', '^1', '1.x' or '*'");
            }
            out.add(Comparator.of(m.group(1) == null ? "=" : m.group(1), m.group(2), whole));
            pos = m.end();
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("empty alternative in semver range '" + whole + "'");
        }
        return List.copyOf(out);
    }

    private static boolean isSeparator(char c) {
        return c == ',' || Character.isWhitespace(c);
    }

    public boolean matches(SemVersion v) {
        for (List<Comparator> all : alternatives) {
            if (all.stream().allMatch(c -> c.matches(v))) {
                return true;
            }
        }
        return false;
    }

    /** The highest matching version; ties (e.g. {@code v1.0.0} and {@code 1.0.0}) go to the first given. */
    public Optional<SemVersion> highest(Collection<SemVersion> versions) {
        SemVersion best = null;
        for (SemVersion v : versions) {
            if (matches(v) && (best == null || v.compareTo(best) > 0)) {
                best = v;
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public String toString() {
        return text;
    }

    /** One comparator; {@code minorDirty}/{@code patchDirty} mark wildcard or missing parts. */
    private record Comparator(String op, SemVersion version, boolean any, boolean minorDirty, boolean patchDirty) {

        static Comparator of(String op, String raw, String whole) {
            String v = raw.startsWith("v") ? raw.substring(1) : raw;
            String core = v.split("[-+]", 2)[0];
            String[] parts = core.split("\\.");
            boolean any = isWild(parts[0]);
            boolean minorDirty = any || parts.length < 2 || isWild(parts[1]);
            boolean patchDirty = minorDirty || parts.length < 3 || isWild(parts[2]);
            long major = any ? 0 : Long.parseLong(parts[0]);
            long minor = minorDirty ? 0 : Long.parseLong(parts[1]);
            long patch = patchDirty ? 0 : Long.parseLong(parts[2]);
            String suffix = v.substring(core.length());
            String pre = "";
            if (suffix.startsWith("-")) {
                pre = suffix.substring(1).split("\\+", 2)[0];
            }
            if (any && !pre.isEmpty()) {
                throw new IllegalArgumentException("'" + raw + "' in '" + whole + "' mixes a wildcard and a pre-release");
            }
            return new Comparator(op, new SemVersion(major, minor, patch, pre, "", raw), any, minorDirty, patchDirty);
        }

        private static boolean isWild(String p) {
            return p.equals("x") || p.equals("X") || p.equals("*");
        }

        boolean matches(SemVersion v) {
            if (v.isPrerelease() && !version.isPrerelease()) {
                return false;
            }
            if (any) {
                return !op.equals("!=") && !op.equals("<") && !op.equals(">");
            }
            int cmp = v.compareTo(version);
            return switch (op) {
                case "=" -> equalTo(v, cmp);
                case "!=" -> !equalTo(v, cmp);
                case ">" -> greaterThan(v, cmp);
                case "<" -> cmp < 0;
                case ">=", "=>" -> cmp >= 0;
                case "<=", "=<" -> lessOrEqual(v, cmp);
                case "~", "~>" -> cmp >= 0 && v.major() == version.major()
                        && (minorDirty || v.minor() == version.minor());
                case "^" -> cmp >= 0 && caret(v);
                default -> throw new IllegalStateException(op);
            };
        }

        private boolean equalTo(SemVersion v, int cmp) {
            if (!minorDirty && !patchDirty) {
                return cmp == 0;
            }
            return v.major() == version.major() && (minorDirty || v.minor() == version.minor());
        }

        private boolean greaterThan(SemVersion v, int cmp) {
            if (minorDirty) {
                return v.major() > version.major();
            }
            if (patchDirty) {
                return v.major() > version.major() || (v.major() == version.major() && v.minor() > version.minor());
            }
            return cmp > 0;
        }

        private boolean lessOrEqual(SemVersion v, int cmp) {
            if (minorDirty) {
                return v.major() <= version.major();
            }
            if (patchDirty) {
                return v.major() < version.major() || (v.major() == version.major() && v.minor() <= version.minor());
            }
            return cmp <= 0;
        }

        private boolean caret(SemVersion v) {
            if (version.major() > 0 || minorDirty) {
                return v.major() == version.major();
            }
            if (version.minor() > 0 || patchDirty) {
                return v.major() == 0 && v.minor() == version.minor();
            }
            return v.major() == 0 && v.minor() == 0 && v.patch() == version.patch();
        }
    }
}
