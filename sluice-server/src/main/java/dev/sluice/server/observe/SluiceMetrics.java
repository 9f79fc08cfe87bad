package dev.sluice.server.observe;

import com.sun.net.httpserver.HttpHandler;
import dev.sluice.api.GroupKind;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.reconcile.SchedulerListener;
import dev.sluice.delivery.observe.OutcomeRecorder;
import dev.sluice.gitops.notification.alert.DispatchCounters;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Sluice's own Prometheus metrics, with the names and labels of Flux's and Flagger's controllers
 * so that their dashboards and alerts keep working:
 * <ul>
 *   <li>{@code gotk_reconcile_duration_seconds{kind,name,namespace}} (buckets
 *       {@code ExponentialBucketsRange(0.01, 1800, 10)}), fed by {@link #schedulerListener()};</li>
 *   <li>{@code gotk_reconcile_condition{kind,name,namespace,type,status}},
 *       {@code gotk_suspend_status{kind,name,namespace}}: from the stored objects when scraped;</li>
 *   <li>{@code flagger_info{version,mesh_provider}}, {@code flagger_canary_total{namespace}},
 *       {@code flagger_canary_status{name,namespace}}, {@code flagger_canary_weight{workload,namespace}},
 *       {@code flagger_canary_metric_analysis{name,namespace,metric}}: from the stored Canaries and the
 *       latest ticks when scraped ({@code name} is the target's name, as in Flagger's recorder);</li>
 *   <li>{@code flagger_canary_duration_seconds{name,namespace}}: the canary controller's reconcile
 *       durations, fed by {@link #schedulerListener()};</li>
 *   <li>{@code flagger_canary_successes_total} and {@code flagger_canary_failures_total}
 *       {@code {name,namespace,deployment_strategy,analysis_status}}, fed by {@link #outcomeRecorder()}.</li>
 * </ul>
 * Thread-safe. The listeners do no I/O; scraping lists the Flux kinds and Canaries once.
 */
public final class SluiceMetrics {

    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private static final Set<String> FLUX_GROUPS = Set.of(ResourceTypes.SOURCE, ResourceTypes.KUSTOMIZE,
            ResourceTypes.HELM, ResourceTypes.NOTIFICATION);

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final DurationCells reconcile = new DurationCells(DurationCells.exponentialRange(0.01, 1800, 10));
    private final DurationCells canaryTicks = new DurationCells(DurationCells.DEFAULT_BUCKETS);
    private final Counter successes;
    private final Counter failures;

    /**
     * @param version      reported as {@code flagger_info{version}}
     * @param meshProvider the default mesh provider, reported as {@code flagger_info{mesh_provider}}
     */
    public SluiceMetrics(Cluster cluster, TickStore ticks, String version, String meshProvider) {
        registry.register(new StateCollector(cluster, ticks, reconcile, canaryTicks, version, meshProvider));
        successes = Counter.builder().name("flagger_canary_successes_total").help("Total number of canary successes")
                .labelNames("name", "namespace", "deployment_strategy", "analysis_status").register(registry);
        failures = Counter.builder().name("flagger_canary_failures_total").help("Total number of canary failures")
                .labelNames("name", "namespace", "deployment_strategy", "analysis_status").register(registry);
    }

    /** Give this to the reconcile scheduler: reconcile durations of Flux kinds and Canaries. */
    public SchedulerListener schedulerListener() {
        return new SchedulerListener() {
            @Override
            public void finished(String controller, ObjectKey key, Duration took, Throwable error) {
                GroupKind gk = key.groupKind();
                if (FLUX_GROUPS.contains(gk.group())) {
                    reconcile.observe(key, took);
                } else if (gk.equals(StateCollector.CANARY)) {
                    canaryTicks.observe(key, took);
                }
            }
        };
    }

    /** Give this to the canary reconciler: counts promotions and rollbacks. */
    public OutcomeRecorder outcomeRecorder() {
        return (canary, target, strategy, succeeded, skipped) -> {
            Counter c = succeeded ? successes : failures;
            c.labelValues(target, canary.namespace(), strategy.label(), skipped ? "skipped" : "completed").inc();
        };
    }

    /**
     * Exposes the notification side's counters: {@code sluice_receiver_rejected_requests_total}
     * (webhook calls refused for a bad signature or token; a forged call triggers nothing, but it
     * is counted) and {@code sluice_notification_events_total{outcome}} (what the Alerts'
     * dispatcher did with the controllers' events).
     */
    public void registerNotifications(LongSupplier rejectedWebhookCalls, Supplier<DispatchCounters.Snapshot> dispatch) {
        CounterWithCallback.builder().name("sluice_receiver_rejected_requests")
                .help("Receiver webhook calls refused because their signature or token did not check")
                .callback(cb -> cb.call(rejectedWebhookCalls.getAsLong())).register(registry);
        CounterWithCallback.builder().name("sluice_notification_events")
                .help("Events handed to the Alerts' dispatcher, by what became of them").labelNames("outcome")
                .callback(cb -> {
                    DispatchCounters.Snapshot d = dispatch.get();
                    cb.call(d.received(), "received");
                    cb.call(d.dropped(), "dropped");
                    cb.call(d.rateLimited(), "rate_limited");
                    cb.call(d.sent(), "sent");
                    cb.call(d.failed(), "failed");
                }).register(registry);
    }

    /** The registry, for callers that expose several sources together. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** Writes every metric in the Prometheus text format (version 0.0.4). */
    public void writeText(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }

    /** {@code GET /metrics}. */
    public HttpHandler handler() {
        return h -> {
            try (h) {
                if (!h.getRequestMethod().equals("GET")) {
                    h.sendResponseHeaders(405, -1);
                    return;
                }
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                writeText(body);
                h.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
                h.sendResponseHeaders(200, body.size());
                try (OutputStream out = h.getResponseBody()) {
                    body.writeTo(out);
                }
            }
        };
    }
}
