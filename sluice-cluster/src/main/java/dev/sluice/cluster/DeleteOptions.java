package dev.sluice.cluster;

/**
 * How to delete.
 *
 * @param propagation what happens to dependents (objects whose ownerReferences point here)
 * @param preconditionResourceVersion delete only this version, or "" for any
 */
public record DeleteOptions(Propagation propagation, String preconditionResourceVersion) {

    public enum Propagation {
        /** Delete the owner now, collect dependents afterwards (the API default). */
        BACKGROUND,
        /** Keep the owner (with a deletionTimestamp) until every blocking dependent is gone. */
        FOREGROUND,
        /** Leave dependents, removing their owner references. */
        ORPHAN
    }

    public static DeleteOptions background() {
        return new DeleteOptions(Propagation.BACKGROUND, "");
    }

    public static DeleteOptions foreground() {
        return new DeleteOptions(Propagation.FOREGROUND, "");
    }
}
