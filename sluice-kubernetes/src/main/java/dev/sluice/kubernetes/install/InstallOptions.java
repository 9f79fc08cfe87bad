package dev.sluice.kubernetes.install;

import java.util.Objects;

/**
 * What {@code sluice install --export} (and the Helm chart's values) can change. Every value ends up
 * in the controller Deployment's flags or in the objects' names.
 *
 * @param namespace          where the controller runs (Flux uses {@code flux-system})
 * @param image              the controller image, e.g. {@code sluice/sluice:0.1.0}
 * @param concurrent         {@code --concurrent}: reconciles at once
 * @param leaderElect        {@code --leader-elect}; needed with more than one replica
 * @param replicas           controller replicas (only one leads)
 * @param logFormat          {@code --log-format}: {@code json} or {@code text}
 * @param watchLabelSelector {@code --watch-label-selector} for sharding ("" for none)
 * @param qps                {@code --kube-api-qps}
 * @param burst              {@code --kube-api-burst}
 * @param resources          container requests and limits
 * @param clusterAdmin       bind the controller to {@code cluster-admin} so it can apply anything a
 *                           Kustomization holds, as Flux's {@code cluster-reconciler} binding does;
 *                           false leaves only the least-privilege role (tenants then need
 *                           {@code spec.serviceAccountName})
 */
public record InstallOptions(String namespace, String image, int concurrent, boolean leaderElect, int replicas,
                             String logFormat, String watchLabelSelector, double qps, int burst,
                             ContainerResources resources, boolean clusterAdmin) {

    public static final String VERSION = "0.1.0";

    /** Requests and limits of the controller container. */
    public record ContainerResources(String cpuRequest, String memoryRequest, String cpuLimit, String memoryLimit) {

        /** Enough for about a hundred Kustomizations and Canaries; the JVM heap is 75 % of the limit. */
        public static ContainerResources defaults() {
            return new ContainerResources("100m", "256Mi", "1000m", "1Gi");
        }
    }

    public InstallOptions {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(logFormat, "logFormat");
        Objects.requireNonNull(watchLabelSelector, "watchLabelSelector");
        Objects.requireNonNull(resources, "resources");
        if (!namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            throw new IllegalArgumentException("--namespace '" + namespace + "' is not a valid namespace name"
                    + " (lower-case letters, digits and '-', at most 63)");
        }
        if (concurrent < 1) {
            throw new IllegalArgumentException("--concurrent must be at least 1, got " + concurrent);
        }
        if (replicas < 1 || (replicas > 1 && !leaderElect)) {
            throw new IllegalArgumentException("--replicas " + replicas + " needs --leader-elect when above 1, and must be at least 1");
        }
        if (!logFormat.equals("json") && !logFormat.equals("text")) {
            throw new IllegalArgumentException("--log-format must be json or text, got '" + logFormat + "'");
        }
    }

    /** Flux-like defaults: {@code sluice-system}, 4 concurrent, leader election, JSON logs, QPS 50, burst 300. */
    public static InstallOptions defaults() {
        return new InstallOptions("sluice-system", "sluice/sluice:" + VERSION, 4, true, 1, "json", "", 50, 300,
                ContainerResources.defaults(), true);
    }

    public InstallOptions withNamespace(String ns) {
        return new InstallOptions(ns, image, concurrent, leaderElect, replicas, logFormat, watchLabelSelector, qps, burst,
                resources, clusterAdmin);
    }

    public InstallOptions withImage(String img) {
        return new InstallOptions(namespace, img, concurrent, leaderElect, replicas, logFormat, watchLabelSelector, qps,
                burst, resources, clusterAdmin);
    }

    public InstallOptions withWatchLabelSelector(String selector) {
        return new InstallOptions(namespace, image, concurrent, leaderElect, replicas, logFormat, selector, qps, burst,
                resources, clusterAdmin);
    }

    public InstallOptions withClusterAdmin(boolean admin) {
        return new InstallOptions(namespace, image, concurrent, leaderElect, replicas, logFormat, watchLabelSelector, qps,
                burst, resources, admin);
    }

    public InstallOptions withReplicas(int n, boolean elect) {
        return new InstallOptions(namespace, image, concurrent, elect, n, logFormat, watchLabelSelector, qps, burst,
                resources, clusterAdmin);
    }
}
