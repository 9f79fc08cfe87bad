package dev.sluice.api.meta;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Diagnostic;
import dev.sluice.api.FieldPath;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.Yaml;
import dev.sluice.api.YamlDocument;
import dev.sluice.api.validation.Schema;
import dev.sluice.api.validation.SchemaValidator;
import dev.sluice.api.validation.schemas.Common;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks an inline {@code patches[]} item before any build: the patch text must be YAML, either a
 * strategic merge patch (a mapping) or a JSON6902 operation list, which needs a target.
 */
public final class PatchChecks {

    private static final Set<String> NEEDS_VALUE = Set.of("add", "replace", "test");
    private static final Set<String> NEEDS_FROM = Set.of("move", "copy");
    /** One JSON6902 operation, as the legacy patchesJson6902 schema describes it. */
    private static final Schema OPERATION =
            ((Schema.ListOf) Common.JSON6902_PATCH.field("patch").orElseThrow().schema()).items();

    private PatchChecks() {
    }

    /** Findings about the patch item at {@code path} (an element of a {@code patches} list). */
    public static List<Diagnostic> check(JsonNode item, FieldPath path) {
        FieldPath at = path.child("patch");
        String text = item.path("patch").asText("");
        List<Diagnostic> out = new ArrayList<>(selectors(item.path("target"), path.child("target")));
        List<YamlDocument> docs;
        try {
            docs = Yaml.readAll(text, "");
        } catch (InvalidInputException e) {
            e.diagnostics().forEach(d -> out.add(Diagnostic.error(at, "is not valid YAML: " + d.message())));
            return out;
        }
        if (docs.isEmpty()) {
            out.add(Diagnostic.error(at, "is empty; expected a strategic merge patch or a JSON6902 operation list"));
            return out;
        }
        JsonNode first = docs.get(0).content();
        boolean hasTarget = item.path("target").isObject();
        if (first.isArray()) {
            if (!hasTarget) {
                out.add(Diagnostic.error(path.child("target"),
                        "required field is missing; a JSON6902 patch (a list of operations) needs a target"));
            }
            out.addAll(operations(first, at));
        } else if (first.isObject()) {
            if (!hasTarget) {
                for (YamlDocument d : docs) {
                    if (d.content().path("kind").asText("").isEmpty() || d.content().path("metadata").path("name").asText("").isEmpty()) {
                        out.add(Diagnostic.error(at, "a patch without a target must name the object it changes "
                                + "(kind and metadata.name); add them or set target"));
                        break;
                    }
                }
            }
        } else {
            out.add(Diagnostic.error(at, "expected a strategic merge patch (a mapping) or a JSON6902 operation list, got "
                    + (first.isTextual() ? "'" + first.asText() + "'" : first.toString())));
        }
        return out;
    }

    /**
     * The label and annotation selectors of a kustomize target ({@code app=web,tier in (a,b)}); a
     * selector that does not parse would fail every build.
     */
    public static List<Diagnostic> selectors(JsonNode target, FieldPath path) {
        List<Diagnostic> out = new ArrayList<>();
        for (String field : List.of("labelSelector", "annotationSelector")) {
            JsonNode v = target.path(field);
            if (v.isTextual()) {
                try {
                    LabelSelector.parse(v.asText());
                } catch (IllegalArgumentException e) {
                    out.add(Diagnostic.error(path.child(field), e.getMessage()));
                }
            }
        }
        return out;
    }

    private static List<Diagnostic> operations(JsonNode ops, FieldPath at) {
        List<Diagnostic> out = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            JsonNode op = ops.get(i);
            FieldPath p = at.index(i);
            out.addAll(SchemaValidator.validate(op, OPERATION, p));
            String name = op.path("op").asText("");
            if (NEEDS_VALUE.contains(name) && !op.has("value")) {
                out.add(Diagnostic.error(p.child("value"), "required field is missing; '" + name + "' needs a value"));
            }
            if (NEEDS_FROM.contains(name) && !op.path("from").isTextual()) {
                out.add(Diagnostic.error(p.child("from"), "required field is missing; '" + name + "' needs a from path"));
            }
        }
        return out;
    }
}
