package dev.sluice.api.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.meta.Nodes;
import java.util.List;

/** A HelmChart's status: the common source status plus what the last build observed. */
public record HelmChartStatus(SourceStatus source, String observedSourceArtifactRevision, String observedChartName,
                              List<String> observedValuesFiles) {

    public HelmChartStatus {
        observedValuesFiles = List.copyOf(observedValuesFiles);
    }

    public static HelmChartStatus from(JsonNode s) {
        return new HelmChartStatus(SourceStatus.from(s), Nodes.text(s, "observedSourceArtifactRevision"),
                Nodes.text(s, "observedChartName"), Nodes.strings(s, "observedValuesFiles"));
    }
}
