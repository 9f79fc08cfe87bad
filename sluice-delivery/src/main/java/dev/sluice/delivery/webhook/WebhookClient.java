package dev.sluice.delivery.webhook;

import dev.sluice.api.flagger.WebhookSpec;

/**
 * Calls Canary webhooks: POSTs {@link WebhookPayload#toNode()} as JSON to {@code hook.url()} with
 * {@code Content-Type: application/json}, within {@code hook.timeout()}, retrying up to
 * {@code hook.retries()} times on connection errors and 5xx, skipping TLS verification when
 * {@code hook.disableTLS()}. Thread-safe.
 *
 * <p>Errors are results, never exceptions: a status above 202 is {@link WebhookResult.Failed} with
 * the response body as message; an unreachable hook or a timeout is {@link WebhookResult.Failed}
 * with the cause. Calls are not idempotent in general (the load tester starts a run per call), so
 * callers call each hook once per decision.
 */
public interface WebhookClient {

    WebhookResult call(WebhookSpec hook, WebhookPayload payload);
}
