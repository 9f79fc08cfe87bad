package dev.sluice.gitops.kustomization;

import java.time.Duration;

/**
 * Controller-wide settings of the Kustomization reconciler.
 *
 * @param fieldManager      the server-side apply manager (Flux: {@code kustomize-controller})
 * @param requeueDependency how soon to look again at unready dependencies or a missing artifact
 *                          (Flux's {@code --requeue-dependency}, 30s by default; the seeds tune it to 5s)
 * @param healthPoll        how soon to look again while health checks wait (Flux polls every 5s)
 */
public record KustomizationSettings(String fieldManager, Duration requeueDependency, Duration healthPoll) {

    public static final KustomizationSettings FLUX_DEFAULTS =
            new KustomizationSettings("kustomize-controller", Duration.ofSeconds(30), Duration.ofSeconds(5));

    /** Embedded mode reacts faster: watches wake dependents, the timers are only a fallback. */
    public static final KustomizationSettings EMBEDDED =
            new KustomizationSettings("kustomize-controller", Duration.ofSeconds(5), Duration.ofSeconds(2));
}
