package dev.sluice.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** kustomize's built-in field spec tables, loaded once from {@code fieldspecs.yaml}. Immutable. */
record FieldSpecs(
        List<FieldSpec> templateLabels,
        List<FieldSpec> selectorLabels,
        List<FieldSpec> commonAnnotations,
        List<FieldSpec> replicas,
        List<FieldSpec> images,
        List<FieldSpec> varReference) {

    static final FieldSpecs BUILTIN = load();

    /** commonLabels / includeSelectors: selectors plus template and metadata labels. */
    List<FieldSpec> commonLabels() {
        List<FieldSpec> all = new ArrayList<>(selectorLabels);
        all.addAll(templateLabels);
        return all;
    }

    private static FieldSpecs load() {
        try (InputStream in = FieldSpecs.class.getResourceAsStream("fieldspecs.yaml")) {
            JsonNode root = new YAMLMapper().readTree(in);
            return new FieldSpecs(
                    list(root, "templateLabels"),
                    list(root, "selectorLabels"),
                    list(root, "commonAnnotations"),
                    list(root, "replicas"),
                    list(root, "images"),
                    list(root, "varReference"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<FieldSpec> list(JsonNode root, String field) {
        List<FieldSpec> out = new ArrayList<>();
        root.get(field).forEach(n -> out.add(FieldSpec.of(n)));
        return List.copyOf(out);
    }
}
