package dev.sluice.delivery.canary;

import dev.sluice.api.flagger.AlertSeverity;
import dev.sluice.api.flagger.CanaryPhase;
import dev.sluice.api.flagger.Strategy;
import dev.sluice.api.flagger.WebhookSpec;
import dev.sluice.delivery.notify.Notification;
import dev.sluice.delivery.routing.StickySession;
import dev.sluice.delivery.routing.TrafficSplit;
import dev.sluice.delivery.webhook.WebhookPayload;
import java.time.Duration;
import java.util.List;

/**
 * One thing the reconciler must do, in the order of {@link Step#effects()}. The family is closed, so
 * the reconciler is one exhaustive switch.
 *
 * <p><b>Failure rule.</b> A {@link #critical() critical} effect that fails ends the tick: the
 * reconciler records a Warning event with the error and skips the remaining effects (so the status
 * is not advanced past an action that did not happen; the next tick decides again from the stored
 * status). Best-effort effects (events, alerts, post-rollout hooks, metrics, metric-provider
 * checks) never stop the tick; their failures are only logged. All critical effects are idempotent.
 */
public sealed interface Effect {

    /** Whether a failure of this effect ends the tick. */
    default boolean critical() {
        return true;
    }

    // --- bootstrap (every tick; idempotent "ensure" steps) ---

    /** Create or update {@code <apex>-canary} and {@code <apex>-primary} (ServiceRouter#ensureServices). */
    record EnsureServices() implements Effect {
    }

    /**
     * Check the metric providers answer; record "all the metrics providers are available!" (Normal)
     * or "Error checking metric providers: ..." (Warning). Best effort.
     */
    record CheckMetricProviders() implements Effect {
        @Override
        public boolean critical() {
            return false;
        }
    }

    /** Create the mesh/ingress routing objects or take them over, keeping weights (TrafficRouter#reconcile). */
    record EnsureMeshRoutes() implements Effect {
    }

    /** Create {@code <target>-primary} and the {@code -primary} ConfigMaps/Secrets if missing. */
    record EnsurePrimary() implements Effect {
    }

    /**
     * Create the primary HPA/ScaledObject if missing; with {@code sync} also copy the target scaler's
     * current spec to it (done only while promoting, as Flagger).
     */
    record EnsurePrimaryScaler(boolean sync) implements Effect {
    }

    /** Pause the target's scaler (KEDA: {@code autoscaling.keda.sh/paused-replicas: "0"}). */
    record PauseTargetScaler() implements Effect {
    }

    record ResumeTargetScaler() implements Effect {
    }

    /** Point the apex Service at the primary (ServiceRouter#pointApexToPrimary). */
    record PointApexToPrimary() implements Effect {
    }

    // --- workloads and traffic ---

    /** Scale the target to zero (DaemonSet: the {@code flagger.app/scale-to-zero} node selector). */
    record ScaleToZero() implements Effect {
    }

    /** Scale the target up to {@code replicas} (DaemonSet: remove the scale-to-zero node selector). */
    record ScaleFromZero(int replicas) implements Effect {
    }

    /**
     * Copy the target's pod template (config refs renamed to {@code -primary}), labels, annotations
     * and strategy to the primary, sync the {@code -primary} configs first, and add a new
     * {@code flagger-id} so the primary rolls out.
     */
    record PromoteSpec() implements Effect {
    }

    /** Write the routes (TrafficRouter#setRoutes). */
    record SetRoutes(TrafficSplit split, StickySession session) implements Effect {
    }

    /** Write the Canary's status (update of the status subresource, optimistic locking). */
    record SaveStatus(CanaryState state) implements Effect {
    }

    // --- best effort ---

    /**
     * Call a post-rollout hook. Record "Post-rollout check <name> passed" (Normal) or
     * "Post-rollout hook <name> failed <error>" (Warning) with its answer.
     */
    record CallWebhook(WebhookSpec hook, WebhookPayload payload) implements Effect {
        @Override
        public boolean critical() {
            return false;
        }
    }

    /**
     * Record a Kubernetes Event on the Canary (reason {@code Synced}) and send it to the Canary's
     * event hooks, or to the controller's event webhook when it has none, with {@code phase} in
     * the payload.
     */
    record EmitEvent(EventType type, String message, CanaryPhase phase) implements Effect {
        @Override
        public boolean critical() {
            return false;
        }
    }

    /**
     * Post an alert to each of the Canary's alerts whose severity receives {@code severity} (see
     * {@link AlertSeverity#receives}), or to the global notifier when the Canary has none.
     */
    record Alert(AlertSeverity severity, String message, List<Notification.Field> fields) implements Effect {
        public Alert {
            fields = List.copyOf(fields);
        }

        @Override
        public boolean critical() {
            return false;
        }
    }

    /** Set the {@code flagger_canary_metric_analysis} gauge (request-duration in seconds). */
    record RecordAnalysis(String metric, double value) implements Effect {
        @Override
        public boolean critical() {
            return false;
        }
    }

    /** Count a finished rollout ({@code flagger_canary_successes_total} or {@code _failures_total}). */
    record RecordOutcome(boolean succeeded, Strategy strategy, boolean skipped) implements Effect {
        @Override
        public boolean critical() {
            return false;
        }
    }

    /** Run the next tick after {@code delay} (always the last effect). */
    record RequeueAfter(Duration delay) implements Effect {
        @Override
        public boolean critical() {
            return false;
        }
    }
}
