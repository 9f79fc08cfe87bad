package dev.sluice.delivery.canary;

/**
 * Controller-wide settings that shape a Canary's plan (Flagger's flags).
 *
 * @param meshProvider the default provider for Canaries without {@code spec.provider}
 *                     ({@code -mesh-provider}, Flagger's default istio)
 * @param clusterName  added as a "Cluster" field to every alert when not empty ({@code -cluster-name})
 */
public record ControllerSettings(String meshProvider, String clusterName) {

    public static final ControllerSettings DEFAULTS = new ControllerSettings("istio", "");

    public ControllerSettings {
        meshProvider = meshProvider == null || meshProvider.isEmpty() ? "istio" : meshProvider;
        clusterName = clusterName == null ? "" : clusterName;
    }
}
