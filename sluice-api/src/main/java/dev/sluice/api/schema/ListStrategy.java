package dev.sluice.api.schema;

/** How two versions of a list field combine in a strategic merge patch or a server-side apply. */
public enum ListStrategy {
    /** Elements are objects matched by a key field (containers by name); others are kept. */
    MERGE_BY_KEY,
    /** Elements are scalars merged as a set (metadata.finalizers). */
    SET,
    /** The list is replaced whole (args, command, tolerations, and every list of unknown kinds). */
    ATOMIC
}
