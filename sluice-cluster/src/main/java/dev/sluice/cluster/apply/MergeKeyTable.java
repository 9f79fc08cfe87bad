package dev.sluice.cluster.apply;

import dev.sluice.api.GroupKind;
import java.util.List;

/**
 * Says how each list of a kind merges. The port through which server-side apply learns the schema;
 * {@link SharedMergeKeys} reads the shared table of {@code dev.sluice.api.schema}. Implementations are
 * immutable and thread-safe.
 */
@FunctionalInterface
public interface MergeKeyTable {

    /**
     * The type of the list at {@code fieldNames} (the field names from the root, list items
     * skipped, e.g. {@code [spec, template, spec, containers, ports]}) in an object of {@code kind}.
     * Lists the table does not know are {@link ListType#ATOMIC}.
     */
    ListType listType(GroupKind kind, List<String> fieldNames);
}
