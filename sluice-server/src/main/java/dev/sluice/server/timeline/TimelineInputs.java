package dev.sluice.server.timeline;

import dev.sluice.api.KubeObject;
import dev.sluice.cluster.EventRecord;
import dev.sluice.delivery.observe.AnalysisTick;
import java.util.List;
import java.util.Objects;

/**
 * Everything a {@link Timeline} is built from.
 *
 * @param canary        the Canary object
 * @param kustomization the Kustomization whose inventory holds the Canary's target (or the Canary), or null
 * @param source        that Kustomization's source object (GitRepository), or null
 * @param ticks         the Canary's recorded analysis ticks, any order
 */
public record TimelineInputs(KubeObject canary, KubeObject kustomization, KubeObject source,
                             List<EventRecord> canaryEvents, List<EventRecord> kustomizationEvents,
                             List<EventRecord> sourceEvents, List<AnalysisTick> ticks) {

    public TimelineInputs {
        Objects.requireNonNull(canary, "canary");
        canaryEvents = List.copyOf(canaryEvents);
        kustomizationEvents = List.copyOf(kustomizationEvents);
        sourceEvents = List.copyOf(sourceEvents);
        ticks = List.copyOf(ticks);
    }
}
