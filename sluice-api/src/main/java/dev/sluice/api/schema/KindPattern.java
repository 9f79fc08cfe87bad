package dev.sluice.api.schema;

/**
 * A group and kind to match, where {@code "*"} matches any group or any kind.
 *
 * @param group the API group ({@code ""} for the core group) or {@code "*"}
 * @param kind the kind or {@code "*"}
 */
public record KindPattern(String group, String kind) {

    /** Parses {@code "group/Kind"}, {@code "/Kind"} (core group) or {@code "*\/Kind"}. */
    public static KindPattern parse(String s) {
        int slash = s.lastIndexOf('/');
        if (slash < 0) {
            return new KindPattern("*", s);
        }
        return new KindPattern(s.substring(0, slash), s.substring(slash + 1));
    }

    /** True if the given group and kind match this pattern. */
    public boolean matches(String g, String k) {
        return ("*".equals(group) || group.equals(g)) && ("*".equals(kind) || kind.equals(k));
    }

    /** The API group of an {@code apiVersion} ({@code "apps/v1"} gives {@code "apps"}, {@code "v1"} gives {@code ""}). */
    public static String groupOf(String apiVersion) {
        if (apiVersion == null) {
            return "";
        }
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }
}
