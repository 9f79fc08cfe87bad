package dev.sluice.delivery.reconcile;

import dev.sluice.delivery.metrics.MetricMeasurer;
import dev.sluice.delivery.routing.RouterFactory;
import dev.sluice.delivery.webhook.WebhookClient;
import java.util.Objects;

/**
 * The I/O the canary reconciler reaches beyond the cluster store, one port each: the routers of each
 * provider, the metric checks (builtin queries on the metrics server, MetricTemplates through their
 * providers), the webhook client and the alert notifiers. Kubernetes mode passes Prometheus as the
 * metrics server and an HTTP webhook client; embedded mode passes its own metrics server (the mesh's
 * golden metrics) and a mesh-aware webhook client (Service names resolve to local endpoints).
 */
public record CanaryAdapters(RouterFactory routers, MetricMeasurer metrics, WebhookClient webhooks,
                             AlertNotifiers notifiers) {

    public CanaryAdapters {
        Objects.requireNonNull(routers, "routers");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(webhooks, "webhooks");
        Objects.requireNonNull(notifiers, "notifiers");
    }
}
