package dev.sluice.api.meta;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** kustomize's selector, patch and image records as Flux embeds them (fluxcd/pkg/apis/kustomize). */
public final class KustomizeRecords {

    private KustomizeRecords() {
    }

    /**
     * Which objects a patch or rule applies to; empty fields match anything, and name and
     * namespace are regular expressions.
     */
    public record Selector(String group, String version, String kind, String name, String namespace,
                           String labelSelector, String annotationSelector) {

        public static Selector from(JsonNode n) {
            return new Selector(Nodes.text(n, "group"), Nodes.text(n, "version"), Nodes.text(n, "kind"),
                    Nodes.text(n, "name"), Nodes.text(n, "namespace"), Nodes.text(n, "labelSelector"),
                    Nodes.text(n, "annotationSelector"));
        }
    }

    /**
     * An inline patch: a strategic merge patch or a JSON6902 operation list, as YAML text.
     * Without a target, a strategic merge patch applies to the object its own kind and name match.
     */
    public record Patch(String patch, Optional<Selector> target) {

        public static Patch from(JsonNode n) {
            return new Patch(Nodes.text(n, "patch"), Nodes.object(n, "target", Selector::from));
        }
    }

    /** An image override: new name, new tag or digest (the digest wins over the tag). */
    public record Image(String name, String newName, String newTag, String digest) {

        public static Image from(JsonNode n) {
            return new Image(Nodes.text(n, "name"), Nodes.text(n, "newName"), Nodes.text(n, "newTag"), Nodes.text(n, "digest"));
        }
    }

    /** Paths (JSON pointers) to ignore on the objects a target selects, e.g. for drift detection. */
    public record IgnoreRule(List<String> paths, Optional<Selector> target) {

        public static IgnoreRule from(JsonNode n) {
            return new IgnoreRule(Nodes.strings(n, "paths"), Nodes.object(n, "target", Selector::from));
        }
    }

    /** One entry of a status inventory: {@code <ns>_<name>_<group>_<Kind>} and the version. */
    public record InventoryEntry(String id, String version) {

        public static InventoryEntry from(JsonNode n) {
            return new InventoryEntry(Nodes.text(n, "id"), Nodes.text(n, "v"));
        }
    }
}
