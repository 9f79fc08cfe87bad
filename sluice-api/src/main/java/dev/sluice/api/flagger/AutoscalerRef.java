package dev.sluice.api.flagger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.FieldPath;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code spec.autoscalerRef}: the HorizontalPodAutoscaler or KEDA ScaledObject of the target, copied
 * to a {@code -primary} scaler.
 *
 * @param primaryScalerQueries      KEDA trigger queries for the primary, by trigger name
 * @param primaryMinReplicas        override of the primary scaler's minimum, if set
 * @param primaryMaxReplicas        override of the primary scaler's maximum, if set
 */
public record AutoscalerRef(String apiVersion, String kind, String name, Map<String, String> primaryScalerQueries,
                            OptionalInt primaryMinReplicas, OptionalInt primaryMaxReplicas) {

    public static final String HPA = "HorizontalPodAutoscaler";
    public static final String SCALED_OBJECT = "ScaledObject";

    public AutoscalerRef {
        primaryScalerQueries = Map.copyOf(primaryScalerQueries);
    }

    static AutoscalerRef read(JsonNode node, FieldPath at, Fields f) {
        f.known(node, at, Set.of("apiVersion", "kind", "name", "primaryScalerQueries", "primaryScalerReplicas"));
        String kind = f.string(node, at, "kind", "");
        if (!kind.isEmpty() && !kind.equals(HPA) && !kind.equals(SCALED_OBJECT)) {
            f.error(at.child("kind"), "'" + kind + "' is not supported; expected " + HPA + " or " + SCALED_OBJECT);
        }
        JsonNode replicas = f.object(node, at, "primaryScalerReplicas");
        FieldPath rAt = at.child("primaryScalerReplicas");
        f.known(replicas, rAt, Set.of("minReplicas", "maxReplicas"));
        OptionalInt min = f.optionalInt(replicas, rAt, "minReplicas");
        OptionalInt max = f.optionalInt(replicas, rAt, "maxReplicas");
        if (min.isPresent() && max.isPresent() && min.getAsInt() > max.getAsInt()) {
            f.error(rAt.child("minReplicas"), min.getAsInt() + " must be <= maxReplicas (" + max.getAsInt() + ")");
        }
        return new AutoscalerRef(f.string(node, at, "apiVersion", ""), kind, f.requiredString(node, at, "name"),
                f.stringMap(node, at, "primaryScalerQueries"), min, max);
    }
}
