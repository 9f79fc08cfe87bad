package dev.sluice.api.flagger;

import java.util.Map;

/**
 * A Canary (flagger.app/v1beta1): the typed, read-only view the delivery core works with. Built by
 * {@link CanaryKindModel#parse}; the {@link dev.sluice.api.KubeObject} it came from keeps every field
 * as written.
 *
 * @param annotations metadata.annotations (manual requests live in {@code sluice.dev/requested-action})
 * @param generation  metadata.generation, 0 when not stored yet
 */
public record Canary(String name, String namespace, Map<String, String> annotations, long generation,
                     CanarySpec spec, CanaryStatus status) {

    /** The annotation through which users request promote, abort, retry, pause or resume. */
    public static final String REQUESTED_ACTION = "sluice.dev/requested-action";
    /** Flagger's finalizer, added when {@code revertOnDeletion} is set. */
    public static final String FINALIZER = "finalizer.flagger.app";

    public Canary {
        annotations = Map.copyOf(annotations);
    }

    /** {@code name.namespace}, the way Flagger's messages name a Canary. */
    public String displayName() {
        return name + "." + namespace;
    }

    public String targetName() {
        return spec.targetRef().name();
    }

    /** {@code target.namespace}, the way Flagger's messages name the target. */
    public String targetDisplayName() {
        return targetName() + "." + namespace;
    }

    /** The workload that runs the promoted version: {@code <target>-primary}. */
    public String primaryName() {
        return targetName() + "-primary";
    }

    /** The apex Service: {@code spec.service.name}, else the target's name. */
    public String apexName() {
        return spec.service().name().isEmpty() ? targetName() : spec.service().name();
    }

    public String primaryServiceName() {
        return apexName() + "-primary";
    }

    public String canaryServiceName() {
        return apexName() + "-canary";
    }

    public Canary withSpec(CanarySpec s) {
        return new Canary(name, namespace, annotations, generation, s, status);
    }

    public Canary withStatus(CanaryStatus s) {
        return new Canary(name, namespace, annotations, generation, spec, s);
    }
}
