package dev.sluice.delivery.reconcile;

import dev.sluice.api.ObjectKey;
import dev.sluice.api.flagger.Canary;
import dev.sluice.api.flagger.CanaryKindModel;
import dev.sluice.api.flagger.CanaryPhase;
import dev.sluice.api.flagger.HookType;
import dev.sluice.api.flagger.WebhookSpec;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.EventRecord;
import dev.sluice.delivery.canary.EventType;
import dev.sluice.delivery.webhook.WebhookClient;
import dev.sluice.delivery.webhook.WebhookPayload;
import dev.sluice.delivery.webhook.WebhookResult;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flagger's recordEvent*: a Kubernetes Event on the Canary (reason {@code Synced}, reporting
 * controller {@code flagger}) and the same message POSTed to the Canary's event hooks, or to the
 * controller's event webhook when it has none. Best effort: failures are logged, never thrown.
 * Thread-safe.
 */
final class Events {

    static final String REASON = "Synced";
    static final String CONTROLLER = "flagger";
    private static final Logger LOG = LoggerFactory.getLogger(Events.class);

    private final Cluster cluster;
    private final WebhookClient webhooks;
    private final CanarySettings settings;
    private final Clock clock;

    Events(Cluster cluster, WebhookClient webhooks, CanarySettings settings, Clock clock) {
        this.cluster = cluster;
        this.webhooks = webhooks;
        this.settings = settings;
        this.clock = clock;
    }

    static ObjectKey key(Canary canary) {
        return new ObjectKey(CanaryKindModel.KIND, canary.namespace(), canary.name());
    }

    /**
     * Records one event.
     *
     * @param checksum the revision checksum sent to event hooks ({@link WebhookPayload#checksum})
     * @param hooks    the Canary's webhooks (its event hooks receive the message); empty for a Canary
     *                 that could not be parsed
     */
    void emit(ObjectKey canary, EventType type, String message, CanaryPhase phase, String checksum,
              List<WebhookSpec> hooks) {
        Instant now = clock.instant();
        if (type == EventType.WARNING) {
            LOG.info("canary {}.{}: {}", canary.name(), canary.namespace(), message);
        } else {
            LOG.debug("canary {}.{}: {}", canary.name(), canary.namespace(), message);
        }
        try {
            cluster.recordEvent(new EventRecord(canary, type.wireName(), REASON, message, CONTROLLER, Map.of(), 1,
                    now, now));
        } catch (RuntimeException e) {
            LOG.warn("recording the event '{}' of canary {}.{} failed: {}", message, canary.name(),
                    canary.namespace(), e.toString());
        }
        List<WebhookSpec> eventHooks = hooks.stream().filter(h -> h.type() == HookType.EVENT).toList();
        if (eventHooks.isEmpty() && !settings.eventWebhook().isEmpty()) {
            eventHooks = List.of(WebhookSpec.of("events", HookType.EVENT, settings.eventWebhook()));
        }
        for (WebhookSpec h : eventHooks) {
            WebhookPayload payload = WebhookPayload.forEvent(canary.name(), canary.namespace(), phase.wireName(),
                    checksum, message, type.wireName(), now.toEpochMilli(), h.metadata());
            try {
                if (webhooks.call(h, payload) instanceof WebhookResult.Failed f) {
                    LOG.warn("error sending event to webhook {} of canary {}.{}: {}", h.name(), canary.name(),
                            canary.namespace(), f.message());
                }
            } catch (RuntimeException e) {
                LOG.warn("error sending event to webhook {} of canary {}.{}: {}", h.name(), canary.name(),
                        canary.namespace(), e.toString());
            }
        }
    }
}
