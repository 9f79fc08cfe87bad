package dev.sluice.api.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Diagnostic;
import dev.sluice.api.FieldPath;
import dev.sluice.api.GroupKind;
import dev.sluice.api.KindModel;
import dev.sluice.api.KubeObject;
import dev.sluice.api.convert.Conversions;
import dev.sluice.api.convert.LegacyPatches;
import dev.sluice.api.meta.CommonRules;
import dev.sluice.api.meta.PatchChecks;
import dev.sluice.api.source.HelmChartModel;
import dev.sluice.api.validation.KindSchema;
import dev.sluice.api.validation.ModelChecks;
import dev.sluice.api.validation.schemas.HelmReleaseSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * The Flux HelmRelease: reads v2, v2beta2 and v2beta1. The spec kept its shape from v2beta1 to v2
 * ({@code chart.spec}, {@code valuesFrom} and the remediation fields are unchanged); converting
 * moves {@code chart.spec.valuesFile} into {@code valuesFiles}, folds the post-renderers' legacy
 * patch lists into {@code patches}, and drops {@code status.lastAppliedRevision}, which v2
 * replaced with {@code status.history}. Stateless and thread-safe.
 */
public final class HelmReleaseModel implements KindModel<HelmRelease> {

    private static final KindSchema SCHEMA = HelmReleaseSchema.get();
    private static final FieldPath SPEC = FieldPath.root().child("spec");

    @Override
    public GroupKind groupKind() {
        return SCHEMA.groupKind();
    }

    @Override
    public KubeObject toLatest(KubeObject object) {
        return Conversions.toLatest(object, SCHEMA, tree -> {
            ObjectNode spec = Conversions.objectAt(tree, "spec");
            if (spec != null) {
                ObjectNode chart = Conversions.objectAt(spec, "chart");
                ObjectNode chartSpec = chart == null ? null : Conversions.objectAt(chart, "spec");
                if (chartSpec != null) {
                    HelmChartModel.moveValuesFile(chartSpec);
                }
                for (JsonNode renderer : spec.path("postRenderers")) {
                    if (renderer.get("kustomize") instanceof ObjectNode kustomize) {
                        LegacyPatches.fold(kustomize);
                    }
                }
            }
            ObjectNode status = Conversions.objectAt(tree, "status");
            if (status != null) {
                status.remove("lastAppliedRevision");
            }
        });
    }

    @Override
    public Parsed<HelmRelease> parse(KubeObject latest) {
        var warnings = ModelChecks.check(latest, SCHEMA, HelmReleaseModel::rules);
        return new Parsed<>(new HelmRelease(latest, HelmReleaseSpec.from(latest.spec()),
                HelmReleaseStatus.from(latest.status())), warnings);
    }

    private static List<Diagnostic> rules(KubeObject o) {
        JsonNode spec = o.spec();
        List<Diagnostic> out = new ArrayList<>(CommonRules.dependsOn(o, spec.path("dependsOn"), SPEC.child("dependsOn")));
        strategy(spec.path("install").path("strategy"), SPEC.child("install").child("strategy"), out);
        strategy(spec.path("upgrade").path("strategy"), SPEC.child("upgrade").child("strategy"), out);
        JsonNode renderers = spec.path("postRenderers");
        for (int i = 0; i < renderers.size(); i++) {
            JsonNode patches = renderers.get(i).path("kustomize").path("patches");
            for (int j = 0; j < patches.size(); j++) {
                out.addAll(PatchChecks.check(patches.get(j),
                        SPEC.child("postRenderers").index(i).child("kustomize").child("patches").index(j)));
            }
        }
        return out;
    }

    /** A retry interval only makes sense with RetryOnFailure (the CRD's validation rules). */
    private static void strategy(JsonNode strategy, FieldPath path, List<Diagnostic> out) {
        if (strategy.has("retryInterval") && !"RetryOnFailure".equals(strategy.path("name").asText())) {
            out.add(Diagnostic.error(path.child("retryInterval"),
                    "can only be set when name is 'RetryOnFailure', not '" + strategy.path("name").asText() + "'"));
        }
    }
}
