package dev.sluice.api.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Diagnostic;
import dev.sluice.api.FieldPath;
import dev.sluice.api.GroupKind;
import dev.sluice.api.Json;
import dev.sluice.api.KindModel;
import dev.sluice.api.KubeObject;
import dev.sluice.api.convert.Conversions;
import dev.sluice.api.validation.KindSchema;
import dev.sluice.api.validation.ModelChecks;
import dev.sluice.api.validation.schemas.HelmChartSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * The Flux HelmChart: reads v1, v1beta2 and v1beta1. Converting to v1 moves the deprecated
 * {@code valuesFile} to the front of {@code valuesFiles} (it was merged first) and drops
 * {@code accessFrom}, which v1 no longer has. Stateless and thread-safe.
 */
public final class HelmChartModel implements KindModel<HelmChart> {

    private static final KindSchema SCHEMA = HelmChartSchema.get();

    @Override
    public GroupKind groupKind() {
        return SCHEMA.groupKind();
    }

    @Override
    public KubeObject toLatest(KubeObject object) {
        return Conversions.toLatest(object, SCHEMA, tree -> {
            ObjectNode spec = Conversions.objectAt(tree, "spec");
            if (spec != null) {
                spec.remove("accessFrom");
                moveValuesFile(spec);
            }
        });
    }

    /**
     * Puts a legacy {@code valuesFile} first in {@code valuesFiles} (unless listed already). Shared
     * with HelmRelease's chart template, which had the same field.
     */
    public static void moveValuesFile(ObjectNode chartSpec) {
        JsonNode single = chartSpec.get("valuesFile");
        JsonNode list = chartSpec.get("valuesFiles");
        if (single == null || !single.isTextual() || (list != null && !list.isArray())) {
            return;
        }
        chartSpec.remove("valuesFile");
        if (single.asText().isEmpty()) {
            return;
        }
        ArrayNode merged = Json.nodes().arrayNode().add(single.asText());
        if (list != null) {
            list.forEach(v -> {
                if (!v.asText().equals(single.asText())) {
                    merged.add(v);
                }
            });
        }
        chartSpec.set("valuesFiles", merged);
    }

    @Override
    public Parsed<HelmChart> parse(KubeObject latest) {
        var warnings = ModelChecks.check(latest, SCHEMA, HelmChartModel::rules);
        return new Parsed<>(new HelmChart(latest, HelmChart.Spec.from(latest.spec()),
                HelmChartStatus.from(latest.status())), warnings);
    }

    private static List<Diagnostic> rules(KubeObject o) {
        List<Diagnostic> out = new ArrayList<>();
        String kind = o.spec().path("sourceRef").path("kind").asText();
        if (o.spec().has("verify") && !kind.equals("HelmRepository")) {
            out.add(Diagnostic.error(FieldPath.of("spec.verify"),
                    "only charts from a HelmRepository (of type oci) can be verified; sourceRef.kind is '" + kind + "'"));
        }
        return out;
    }
}
