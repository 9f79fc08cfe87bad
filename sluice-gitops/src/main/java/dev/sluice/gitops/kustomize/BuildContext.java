package dev.sluice.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.schema.KubeSchema;
import dev.sluice.api.schema.NameReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** State shared by every kustomization of one build: loader, options, warnings, extra config. */
final class BuildContext {

    final FileLoader loader;
    final KustomizeOptions options;
    /** In load order, one per deprecated field per kustomization, as kustomize prints them. */
    final List<String> warnings = new ArrayList<>();
    /** Directories whose kustomization is being accumulated, to report base cycles. */
    final List<Path> stack = new ArrayList<>();
    final List<NameReference> extraNameRefs = new ArrayList<>();
    final List<FieldSpec> extraCommonLabels = new ArrayList<>();
    final List<FieldSpec> extraCommonAnnotations = new ArrayList<>();
    final List<FieldSpec> extraImages = new ArrayList<>();
    final List<FieldSpec> extraVarReferences = new ArrayList<>();
    /** The deprecated vars declared so far, by name, in declaration order. */
    final java.util.Map<String, JsonNode> vars = new java.util.LinkedHashMap<>();
    KubeSchema schema = KubeSchema.builtin();

    BuildContext(FileLoader loader, KustomizeOptions options) {
        this.loader = loader;
        this.options = options;
    }
}
