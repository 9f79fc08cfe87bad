package dev.sluice.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Runs one kustomization's built-in transformers in kustomize's order. */
final class Transformers {

    private Transformers() {}

    static void run(BuildContext ctx, Kustomization k, ResourceMap ra) {
        Patches.strategicMerge(ctx, k, ra);
        Patches.patches(ctx, k, ra);
        MetadataTransformers.namespace(ctx, k.string("namespace"), ra);
        MetadataTransformers.prefixSuffix(k.string("namePrefix"), k.string("nameSuffix"), ra);
        for (JsonNode label : k.objects("labels")) {
            MetadataTransformers.setMap(k.stringMap(label.get("pairs"), "labels.pairs"),
                    MetadataTransformers.labelSpecs(label, ctx), ra, "labels");
        }
        List<FieldSpec> common = new java.util.ArrayList<>(FieldSpecs.BUILTIN.commonLabels());
        common.addAll(ctx.extraCommonLabels);
        MetadataTransformers.setMap(k.stringMap("commonLabels"), common, ra, "commonLabels");
        List<FieldSpec> annotations = new java.util.ArrayList<>(FieldSpecs.BUILTIN.commonAnnotations());
        annotations.addAll(ctx.extraCommonAnnotations);
        MetadataTransformers.setMap(k.stringMap("commonAnnotations"), annotations, ra, "commonAnnotations");
        Patches.json6902(ctx, k, ra);
        MetadataTransformers.replicas(k, ra);
        Images.run(ctx, k, ra);
        Replacements.run(ctx, k, ra);
        ConfiguredTransformers.run(ctx, k, ra);
    }
}
