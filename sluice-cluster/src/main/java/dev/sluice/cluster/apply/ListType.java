package dev.sluice.cluster.apply;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** How a list merges under server-side apply ({@code x-kubernetes-list-type}). */
public sealed interface ListType {

    /** Replaced wholesale; owned as one field (the default, as for CRDs). */
    record Atomic() implements ListType {
    }

    /** A set of scalars, each owned on its own ({@code v:} steps), e.g. {@code metadata.finalizers}. */
    record Set() implements ListType {
    }

    /**
     * An associative list: items are matched by their key fields ({@code k:} steps), e.g. containers
     * by {@code name}.
     *
     * @param keys     the key fields
     * @param defaults values the API server would default a missing key field to (e.g. protocol TCP),
     *                 used only to identify items
     */
    record Map(List<String> keys, java.util.Map<String, JsonNode> defaults) implements ListType {

        public Map {
            keys = List.copyOf(keys);
            defaults = java.util.Map.copyOf(defaults);
        }

        public static Map by(String... keys) {
            return new Map(List.of(keys), java.util.Map.of());
        }
    }

    ListType ATOMIC = new Atomic();
    ListType SET = new Set();
}
