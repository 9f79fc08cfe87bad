package dev.sluice.gitops.kustomize;

import dev.sluice.api.schema.KubeSchema;
import dev.sluice.api.schema.NameReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** State shared by every kustomization of one build: loader, options, warnings, extra config. */
final class BuildContext {

    final FileLoader loader;
    final KustomizeOptions options;
    final Set<String> warnings = new LinkedHashSet<>();
    /** Directories whose kustomization is being accumulated, to report base cycles. */
    final List<Path> stack = new ArrayList<>();
    final List<NameReference> extraNameRefs = new ArrayList<>();
    final List<FieldSpec> extraCommonLabels = new ArrayList<>();
    final List<FieldSpec> extraCommonAnnotations = new ArrayList<>();
    final List<FieldSpec> extraImages = new ArrayList<>();
    KubeSchema schema = KubeSchema.builtin();

    BuildContext(FileLoader loader, KustomizeOptions options) {
        this.loader = loader;
        this.options = options;
    }
}
