package dev.sluice.server.kubernetes.setup;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes server version, read from {@code /version}'s {@code gitVersion} ({@code v1.33.0},
 * {@code v1.31.4+k3s1}, {@code v1.30.5-gke.1014001}) and compared on major, minor and patch only, as
 * flux's {@code >=1.30.0-0} constraint does (the {@code -0} admits pre-releases and vendor suffixes).
 */
public record KubeVersion(int major, int minor, int patch) implements Comparable<KubeVersion> {

    /** The oldest Kubernetes Sluice supports. */
    public static final KubeVersion MINIMUM = new KubeVersion(1, 30, 0);

    private static final Pattern GIT_VERSION = Pattern.compile("^v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*$");

    /**
     * Parses a {@code gitVersion}.
     *
     * @throws IllegalArgumentException naming the value when it is not {@code vMAJOR.MINOR[.PATCH]...}
     */
    public static KubeVersion parse(String gitVersion) {
        Matcher m = GIT_VERSION.matcher(gitVersion == null ? "" : gitVersion.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("the API server's version '" + gitVersion
                    + "' is not of the form vMAJOR.MINOR.PATCH");
        }
        return new KubeVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    /** The constraint as flux prints it: {@code >=1.30.0-0}. */
    public String constraint() {
        return ">=" + this + "-0";
    }

    @Override
    public int compareTo(KubeVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
