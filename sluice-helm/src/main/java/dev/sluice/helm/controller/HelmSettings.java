package dev.sluice.helm.controller;

import java.time.Duration;

/**
 * Controller-wide settings of the HelmRelease reconciler.
 *
 * @param fieldManager      the server-side apply manager (Flux: {@code helm-controller})
 * @param requeueDependency how soon to look again at unready dependencies or a chart not ready yet
 *                          (Flux's {@code --requeue-dependency})
 * @param poll              how soon to look again while a release or its tests are in progress
 */
public record HelmSettings(String fieldManager, Duration requeueDependency, Duration poll) {

    public static final HelmSettings FLUX_DEFAULTS =
            new HelmSettings("helm-controller", Duration.ofSeconds(30), Duration.ofSeconds(5));

    /** Embedded mode reacts faster; the timers are only a fallback to the watches. */
    public static final HelmSettings EMBEDDED =
            new HelmSettings("helm-controller", Duration.ofSeconds(5), Duration.ofSeconds(2));
}
