package dev.sluice.api.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Condition;
import dev.sluice.api.Conditions;
import dev.sluice.api.meta.Artifact;
import dev.sluice.api.meta.Nodes;
import java.util.List;
import java.util.Optional;

/**
 * The status fields every Helm source shares: the stored artifact, its URL and the conditions.
 * HelmChart adds what it observed in {@link HelmChartStatus}.
 */
public record SourceStatus(long observedGeneration, List<Condition> conditions, Optional<Artifact> artifact,
                           String url, String lastHandledReconcileAt) {

    public SourceStatus {
        conditions = List.copyOf(conditions);
    }

    public static SourceStatus from(JsonNode s) {
        return new SourceStatus(Nodes.longValue(s, "observedGeneration"), Conditions.of(s),
                Nodes.object(s, "artifact", Artifact::from), Nodes.text(s, "url"), Nodes.text(s, "lastHandledReconcileAt"));
    }
}
