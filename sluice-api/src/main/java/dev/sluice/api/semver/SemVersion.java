package dev.sluice.api.semver;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version as Flux reads tags (Masterminds/semver {@code NewVersion}): an optional
 * {@code v} prefix and missing minor or patch numbers are accepted ({@code v1.2} is 1.2.0), build
 * metadata is kept but ignored for ordering. Ordering follows semver 2.0.0: a pre-release sorts
 * before its release, identifiers compare numerically when both are numbers.
 *
 * @param original the text it was parsed from (e.g. the tag name)
 */
public record SemVersion(long major, long minor, long patch, String prerelease, String metadata, String original)
        implements Comparable<SemVersion> {

    private static final Pattern LOOSE = Pattern.compile(
            "v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?"
                    + "(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?"
                    + "(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?");

    public SemVersion {
        prerelease = prerelease == null ? "" : prerelease;
        metadata = metadata == null ? "" : metadata;
        original = original == null ? "" : original;
    }

    public static SemVersion of(long major, long minor, long patch) {
        return new SemVersion(major, minor, patch, "", "", major + "." + minor + "." + patch);
    }

    /** Parses a version such as {@code v1.2.3}, {@code 1.2}, {@code 2.0.0-rc.1+build.5}; empty if it is not one. */
    public static Optional<SemVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = LOOSE.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SemVersion(Long.parseLong(m.group(1)), number(m.group(2)), number(m.group(3)),
                    m.group(4), m.group(5), text));
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    private static long number(String s) {
        return s == null ? 0 : Long.parseLong(s);
    }

    public boolean isPrerelease() {
        return !prerelease.isEmpty();
    }

    @Override
    public int compareTo(SemVersion o) {
        int c = Long.compare(major, o.major);
        if (c == 0) {
            c = Long.compare(minor, o.minor);
        }
        if (c == 0) {
            c = Long.compare(patch, o.patch);
        }
        return c != 0 ? c : comparePrerelease(prerelease, o.prerelease);
    }

    private static int comparePrerelease(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        if (a.isEmpty()) {
            return 1; // a release is higher than any of its pre-releases
        }
        if (b.isEmpty()) {
            return -1;
        }
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = compareIdentifier(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static int compareIdentifier(String a, String b) {
        boolean an = a.chars().allMatch(Character::isDigit);
        boolean bn = b.chars().allMatch(Character::isDigit);
        if (an && bn) {
            return new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b));
        }
        if (an != bn) {
            return an ? -1 : 1; // numeric identifiers sort before alphanumeric ones
        }
        return a.compareTo(b);
    }

    /** {@code 1.2.3-rc.1}, without the prefix and metadata. */
    public String canonical() {
        return major + "." + minor + "." + patch + (prerelease.isEmpty() ? "" : "-" + prerelease);
    }

    @Override
    public String toString() {
        return original.isEmpty() ? canonical() : original;
    }
}
