package dev.sluice.api.kustomize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.KindModel;
import dev.sluice.api.KubeObject;
import dev.sluice.api.convert.Conversions;
import dev.sluice.api.convert.LegacyPatches;
import dev.sluice.api.validation.KindSchema;
import dev.sluice.api.validation.ModelChecks;
import dev.sluice.api.validation.schemas.KustomizationSchema;

/**
 * The Flux Kustomization: reads v1, v1beta2 and v1beta1. Converting to v1 drops {@code validation}
 * (never used since v1beta2) and folds {@code patchesStrategicMerge} and {@code patchesJson6902}
 * into {@code patches} (see {@link LegacyPatches}); every other field, known or not, is kept. There
 * are no renames between these versions. Stateless and thread-safe.
 */
public final class KustomizationModel implements KindModel<Kustomization> {

    private static final KindSchema SCHEMA = KustomizationSchema.get();

    @Override
    public GroupKind groupKind() {
        return SCHEMA.groupKind();
    }

    @Override
    public KubeObject toLatest(KubeObject object) {
        return Conversions.toLatest(object, SCHEMA, tree -> {
            ObjectNode spec = Conversions.objectAt(tree, "spec");
            if (spec != null) {
                spec.remove("validation");
                LegacyPatches.fold(spec);
            }
            ObjectNode status = Conversions.objectAt(tree, "status");
            if (status != null) {
                // v1beta1's snapshot listed kinds per namespace without names; v1 keeps an inventory
                // instead, which the next apply rebuilds.
                status.remove("snapshot");
            }
        });
    }

    @Override
    public Parsed<Kustomization> parse(KubeObject latest) {
        var warnings = ModelChecks.check(latest, SCHEMA, KustomizationRules::check);
        return new Parsed<>(new Kustomization(latest, KustomizationSpec.from(latest.spec()),
                KustomizationStatus.from(latest.status())), warnings);
    }
}
