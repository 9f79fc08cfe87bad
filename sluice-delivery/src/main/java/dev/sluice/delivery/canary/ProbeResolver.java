package dev.sluice.delivery.canary;

import dev.sluice.delivery.webhook.WebhookResult;

/**
 * Answers the probes of a tick: the reconciler calls webhooks and queries metric providers; the
 * simulator answers from its script. Errors are answers ({@link WebhookResult.Failed},
 * {@link MetricOutcome.Failed}), never exceptions. Each probe is asked at most once per tick.
 */
public interface ProbeResolver {

    WebhookResult call(Probe.Hook probe);

    MetricOutcome measure(Probe.Metric probe);
}
