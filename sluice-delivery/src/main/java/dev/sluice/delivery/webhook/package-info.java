/**
 * Webhook port: {@link dev.sluice.delivery.webhook.WebhookClient} POSTs Flagger's
 * {@link dev.sluice.delivery.webhook.WebhookPayload} to gates, pre-/post-rollout, rollout, rollback
 * and event hooks and answers a {@link dev.sluice.delivery.webhook.WebhookResult}; what each hook
 * type's answer means is decided by the canary state machine, not here.
 */
package dev.sluice.delivery.webhook;
