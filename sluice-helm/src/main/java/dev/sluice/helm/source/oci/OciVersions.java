package dev.sluice.helm.source.oci;

import dev.sluice.api.semver.SemVersion;
import dev.sluice.api.semver.SemverConstraint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How source-controller picks a chart version in an OCI repository. An exact version (strict
 * semver, an optional {@code v}) is pulled by its tag without listing tags. Otherwise the tags are
 * read as Helm's registry client reads them ({@code _} stands for {@code +}, which tags cannot
 * hold; only strict semver tags count), a tag equal to the asked version wins, and else the
 * highest version matching the range ({@code *} or "" never picks a pre-release). Pure.
 */
public final class OciVersions {

    private static final Pattern STRICT = Pattern.compile("(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");
    private static final int SHOWN = 10;

    private OciVersions() {
    }

    /** Whether {@code version} names one version, so it is pulled without listing tags (Flux's shortcut). */
    public static boolean isExact(String version) {
        String v = version == null ? "" : version.strip();
        return STRICT.matcher(v.startsWith("v") ? v.substring(1) : v).matches();
    }

    /** The tag that holds {@code version}: OCI tags cannot contain {@code +}. */
    public static String tag(String version) {
        return version.replace('+', '_');
    }

    /** The chart versions among {@code tags}, highest first. */
    public static List<SemVersion> versions(List<String> tags) {
        List<SemVersion> out = new ArrayList<>();
        for (String t : tags) {
            String v = t.replace('_', '+');
            if (STRICT.matcher(v).matches()) {
                SemVersion.parse(v).ifPresent(out::add);
            }
        }
        out.sort(Comparator.reverseOrder());
        return out;
    }

    /**
     * The version to pull for {@code range} among {@code tags}.
     *
     * @param where the chart's repository, shown in errors
     * @throws IllegalArgumentException for an invalid range, or naming the versions seen when none matches
     */
    public static String select(List<String> tags, String range, String chart, String where) {
        List<SemVersion> versions = versions(tags);
        String r = range == null ? "" : range.strip();
        for (SemVersion v : versions) {
            if (v.original().equals(r)) {
                return v.original();
            }
        }
        SemverConstraint c;
        try {
            c = SemverConstraint.parse(r.isEmpty() ? "*" : r);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid version '" + r + "' for chart '" + chart + "': " + e.getMessage(), e);
        }
        for (SemVersion v : versions) {
            if (c.matches(v)) {
                return v.original();
            }
        }
        throw new IllegalArgumentException("no '" + chart + "' chart with version matching '" + (r.isEmpty() ? "*" : r)
                + "' found in " + where + "; " + seen(tags, versions));
    }

    private static String seen(List<String> tags, List<SemVersion> versions) {
        if (versions.isEmpty()) {
            return tags.isEmpty() ? "it has no tags" : "it has no semver tags (" + String.join(", ", tags.subList(0,
                    Math.min(SHOWN, tags.size()))) + (tags.size() > SHOWN ? ", …" : "") + ")";
        }
        List<String> shown = versions.stream().limit(SHOWN).map(SemVersion::original).toList();
        return "versions seen: " + String.join(", ", shown) + (versions.size() > SHOWN ? " and " + (versions.size() - SHOWN)
                + " more" : "");
    }
}
