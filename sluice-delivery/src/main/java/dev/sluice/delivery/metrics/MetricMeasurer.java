package dev.sluice.delivery.metrics;

import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.flagger.Canary;
import dev.sluice.api.flagger.CrossNamespaceRef;
import dev.sluice.api.flagger.MetricSpec;
import dev.sluice.api.flagger.MetricTemplate;
import dev.sluice.api.flagger.MetricTemplateKindModel;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import dev.sluice.delivery.metrics.template.GoTemplate;
import dev.sluice.delivery.metrics.template.TemplateException;
import dev.sluice.delivery.net.SecretData;
import java.util.Map;

/**
 * Answers the metric checks of a Canary, the reconciler's entry point to metrics: the builtin
 * checks (the observer's query on the metrics server), the deprecated inline {@code query} (on the
 * metrics server) and MetricTemplates (their provider, Secret and query). Every failure to get a
 * value is a {@link MetricException} whose message is the cause for the event; insufficient data is
 * a result, never a pass. Thread-safe.
 */
public final class MetricMeasurer {

    /** The metrics server of builtin and inline checks: Prometheus in Kubernetes mode, the mesh's history embedded. */
    @FunctionalInterface
    public interface MetricsServer {
        /** @param address {@code spec.metricsServer}, or "" for the controller's default */
        MetricProvider at(String address) throws MetricException;
    }

    private final Cluster cluster;
    private final MetricProviderFactory factory;
    private final MetricsServer server;
    private final boolean noCrossNamespaceRefs;
    private final MetricTemplateKindModel templates = new MetricTemplateKindModel();

    /**
     * @param noCrossNamespaceRefs refuse templateRefs to other namespaces ({@code -no-cross-namespace-refs})
     */
    public MetricMeasurer(Cluster cluster, MetricProviderFactory factory, MetricsServer server,
                          boolean noCrossNamespaceRefs) {
        this.cluster = cluster;
        this.factory = factory;
        this.server = server;
        this.noCrossNamespaceRefs = noCrossNamespaceRefs;
    }

    /** Kubernetes mode: Prometheus at the Canary's metricsServer, else at {@code defaultAddress}. */
    public static MetricsServer prometheus(MetricProviderFactory factory, String defaultAddress) {
        return address -> factory.prometheus(address.isEmpty() ? defaultAddress : address);
    }

    /**
     * {@code request-success-rate} (percent) or {@code request-duration} (P99 in milliseconds).
     *
     * @param metricsProvider the provider name the observer is chosen by (AnalysisPlan#metricsProvider)
     */
    public MetricResult builtin(Canary canary, String metricsProvider, MetricSpec metric) throws MetricException {
        BuiltinQueries q = BuiltinQueries.forProvider(metricsProvider);
        boolean duration = metric.isRequestDuration();
        String text = duration ? q.duration() : q.successRate();
        String query = render("\"" + metric.name() + "\" (builtin " + q.name().toLowerCase(java.util.Locale.ROOT) + ")",
                text, q.variables(QueryVariables.of(canary, metric)));
        MetricResult r = server.at(canary.spec().metricsServer()).query(query);
        if (duration && r instanceof MetricResult.Value v) {
            return MetricResult.value(v.value() * q.toMillis());
        }
        return r;
    }

    /** The deprecated {@code metrics[].query}, rendered and run on the metrics server. */
    public MetricResult inline(Canary canary, MetricSpec metric) throws MetricException {
        String query = render("\"" + metric.name() + "\" (spec.analysis.metrics query)", metric.query(),
                QueryVariables.of(canary, metric));
        return server.at(canary.spec().metricsServer()).query(query);
    }

    /** A metric with a {@code templateRef}: the template's provider runs its rendered query. */
    public MetricResult template(Canary canary, MetricSpec metric) throws MetricException {
        MetricTemplate t = template(canary, metric.templateRef().orElseThrow(() -> new MetricException(
                "metric " + metric.name() + " has no templateRef")));
        String query = render("\"" + t.name() + "\" (MetricTemplate " + t.namespace() + "/" + t.name() + ")", t.query(),
                QueryVariables.of(canary, metric));
        return provider(t, metric).query(query);
    }

    /**
     * Flagger's provider check at initialization: the metrics server answers when a builtin check
     * is used, and each template's provider answers.
     */
    public void checkOnline(Canary canary) throws MetricException {
        var metrics = canary.spec().analysis().map(a -> a.metrics()).orElse(java.util.List.of());
        for (MetricSpec m : metrics) {
            if (m.isBuiltin()) {
                try {
                    server.at(canary.spec().metricsServer()).checkOnline();
                } catch (MetricException e) {
                    throw new MetricException("prometheus not available: " + e.getMessage(), e);
                }
            } else if (m.templateRef().isPresent()) {
                MetricTemplate t = template(canary, m.templateRef().get());
                try {
                    provider(t, m).checkOnline();
                } catch (MetricException e) {
                    throw new MetricException(t.providerType() + " in metric template " + t.name() + "." + t.namespace()
                            + " not available: " + e.getMessage(), e);
                }
            }
        }
    }

    private MetricProvider provider(MetricTemplate t, MetricSpec metric) throws MetricException {
        Map<String, String> credentials = null;
        if (t.secretRef().isPresent()) {
            String secret = t.secretRef().get();
            try {
                credentials = SecretData.read(cluster, t.namespace(), secret).orElseThrow(() -> new MetricException(
                        "metric template " + t.name() + "." + t.namespace() + " secret " + secret + " error: not found"));
            } catch (IllegalArgumentException | ClusterException e) {
                throw new MetricException("metric template " + t.name() + "." + t.namespace() + " secret " + secret
                        + " error: " + e.getMessage(), e);
            }
        }
        try {
            return factory.forTemplate(t, credentials, metric.interval());
        } catch (MetricException e) {
            throw new MetricException("metric template " + t.name() + "." + t.namespace() + " provider "
                    + t.providerType() + " error: " + e.getMessage(), e);
        }
    }

    private MetricTemplate template(Canary canary, CrossNamespaceRef ref) throws MetricException {
        String ns = ref.namespaceOr(canary.namespace());
        if (noCrossNamespaceRefs && !ns.equals(canary.namespace())) {
            throw new MetricException("metric template " + ref.name() + "." + ns + " error: cross-namespace references "
                    + "are disabled (-no-cross-namespace-refs); Canary " + canary.displayName() + " may only use "
                    + "templates in " + canary.namespace());
        }
        KubeObject o;
        try {
            o = cluster.get(new ObjectKey(MetricTemplateKindModel.KIND, ns, ref.name())).orElseThrow(() ->
                    new MetricException("metric template " + ref.name() + "." + ns + " error: not found"));
            return templates.parse(templates.toLatest(o)).value();
        } catch (InvalidInputException e) {
            throw new MetricException("metric template " + ref.name() + "." + ns + " error: " + e.getMessage(), e);
        } catch (ClusterException e) {
            throw new MetricException("metric template " + ref.name() + "." + ns + " error: " + e.getMessage(), e);
        }
    }

    private static String render(String name, String text, QueryVariables v) throws MetricException {
        try {
            return GoTemplate.parse(name, text).render(v);
        } catch (TemplateException e) {
            throw new MetricException("rendering query failed: " + e.getMessage(), e);
        }
    }
}
