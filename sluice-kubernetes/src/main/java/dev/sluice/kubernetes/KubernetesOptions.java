package dev.sluice.kubernetes;

import dev.sluice.api.GroupKind;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ResourceTypes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link KubernetesCluster#connect} reaches the API server, with the flags Flux and Flagger users
 * know.
 *
 * @param kubeconfig          a kubeconfig file, or empty for the usual lookup ({@code KUBECONFIG},
 *                            {@code ~/.kube/config}, then the in-cluster service account)
 * @param context             a kubeconfig context, or empty for the current one
 * @param masterUrl           the API server URL, or empty to take it from the kubeconfig (tests set it)
 * @param namespace           the namespace Sluice runs in (leases, events of cluster-scoped objects);
 *                            empty means the kubeconfig's or the service account's namespace
 * @param qps                 requests per second the client may send on average (client-go's
 *                            {@code --kube-api-qps}; Flux defaults to 50, Flagger had to raise it at about
 *                            50 canaries); 0 or less means unlimited
 * @param burst               requests allowed at once above the average ({@code --kube-api-burst}, Flux: 300)
 * @param watchLabelSelector  Flux's {@code --watch-label-selector}: applied to every list and watch of the
 *                            controllers' own kinds ({@link #isShardedKind}), e.g.
 *                            {@code sharding.fluxcd.io/key=shard1} or {@code !sharding.fluxcd.io/key}
 * @param requestTimeout      timeout of one API request (watches excepted)
 */
public record KubernetesOptions(Optional<Path> kubeconfig, String context, String masterUrl, String namespace,
                                double qps, int burst, LabelSelector watchLabelSelector, Duration requestTimeout) {

    /** Flux's defaults for its controllers' clients. */
    public static final double DEFAULT_QPS = 50;
    public static final int DEFAULT_BURST = 300;

    public KubernetesOptions {
        Objects.requireNonNull(kubeconfig, "kubeconfig");
        context = context == null ? "" : context;
        masterUrl = masterUrl == null ? "" : masterUrl;
        namespace = namespace == null ? "" : namespace;
        Objects.requireNonNull(watchLabelSelector, "watchLabelSelector");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (qps > 0 && burst < 1) {
            throw new IllegalArgumentException("--kube-api-burst must be at least 1 when --kube-api-qps is set, got " + burst);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("the request timeout must be positive, got " + requestTimeout);
        }
    }

    /** The usual kubeconfig lookup, Flux's QPS and burst, no sharding, 30 s requests. */
    public static KubernetesOptions defaults() {
        return new KubernetesOptions(Optional.empty(), "", "", "", DEFAULT_QPS, DEFAULT_BURST,
                LabelSelector.everything(), Duration.ofSeconds(30));
    }

    public KubernetesOptions withKubeconfig(Path file) {
        return new KubernetesOptions(Optional.of(file), context, masterUrl, namespace, qps, burst, watchLabelSelector,
                requestTimeout);
    }

    public KubernetesOptions withContext(String ctx) {
        return new KubernetesOptions(kubeconfig, ctx, masterUrl, namespace, qps, burst, watchLabelSelector, requestTimeout);
    }

    public KubernetesOptions withMasterUrl(String url) {
        return new KubernetesOptions(kubeconfig, context, url, namespace, qps, burst, watchLabelSelector, requestTimeout);
    }

    public KubernetesOptions withNamespace(String ns) {
        return new KubernetesOptions(kubeconfig, context, masterUrl, ns, qps, burst, watchLabelSelector, requestTimeout);
    }

    public KubernetesOptions withRateLimit(double newQps, int newBurst) {
        return new KubernetesOptions(kubeconfig, context, masterUrl, namespace, newQps, newBurst, watchLabelSelector,
                requestTimeout);
    }

    /**
     * Flux's {@code --watch-label-selector}.
     *
     * @throws IllegalArgumentException naming the bad part of the selector
     */
    public KubernetesOptions withWatchLabelSelector(String selector) {
        return new KubernetesOptions(kubeconfig, context, masterUrl, namespace, qps, burst, LabelSelector.parse(selector),
                requestTimeout);
    }

    public KubernetesOptions withRequestTimeout(Duration timeout) {
        return new KubernetesOptions(kubeconfig, context, masterUrl, namespace, qps, burst, watchLabelSelector, timeout);
    }

    /**
     * The kinds the watch label selector shards: the Flux and Flagger kinds the controllers reconcile.
     * Everything else (Deployments, Services, the objects Sluice applies) is listed unfiltered, as
     * Flux shards only its own kinds.
     */
    public static boolean isShardedKind(GroupKind kind) {
        String g = kind.group();
        return g.endsWith(".toolkit.fluxcd.io") || g.equals(ResourceTypes.FLAGGER);
    }
}
