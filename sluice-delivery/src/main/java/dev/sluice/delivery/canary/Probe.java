package dev.sluice.delivery.canary;

import dev.sluice.api.flagger.MetricSpec;
import dev.sluice.api.flagger.WebhookSpec;
import dev.sluice.delivery.webhook.WebhookPayload;

/**
 * An I/O result the state machine needs in the middle of a tick: a webhook's answer or a metric's
 * value. The core never performs it; it returns a {@link Step} {@link Step#awaiting() awaiting} the
 * probe, the reconciler performs it and calls the machine again with the result added to the
 * {@link Observation}. Probes are values: equal probes in one tick are the same call.
 */
public sealed interface Probe {

    /** Call {@code hook} with {@code payload} (POST JSON) and report whether it passed. */
    record Hook(WebhookSpec hook, WebhookPayload payload) implements Probe {
    }

    /** Measure {@code metric} from {@code source}; see {@link MetricSource}. */
    record Metric(MetricSpec metric, MetricSource source) implements Probe {
    }
}
