package dev.sluice.api;

import java.util.Objects;

/**
 * A kind within an API group, independent of version: the identity under which objects are stored.
 * The core group is the empty string.
 */
public record GroupKind(String group, String kind) implements Comparable<GroupKind> {

    public GroupKind {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(kind, "kind");
    }

    public static GroupKind of(String group, String kind) {
        return new GroupKind(group, kind);
    }

    /** The group and kind of an {@code apiVersion} (such as {@code apps/v1} or {@code v1}) and a kind. */
    public static GroupKind fromApiVersion(String apiVersion, String kind) {
        return new GroupKind(groupOf(apiVersion), kind);
    }

    /** {@code apps/v1 -> apps}, {@code v1 -> ""}. */
    public static String groupOf(String apiVersion) {
        if (apiVersion == null) {
            return "";
        }
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** {@code apps/v1 -> v1}, {@code v1 -> v1}. */
    public static String versionOf(String apiVersion) {
        if (apiVersion == null) {
            return "";
        }
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    }

    /** {@code Deployment.apps}, or just {@code Service} for the core group, as kubectl prints it. */
    @Override
    public String toString() {
        return group.isEmpty() ? kind : kind + "." + group;
    }

    @Override
    public int compareTo(GroupKind o) {
        int c = group.compareTo(o.group);
        return c != 0 ? c : kind.compareTo(o.kind);
    }
}
