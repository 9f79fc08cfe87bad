package dev.sluice.delivery.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.flagger.Canary;
import dev.sluice.api.flagger.CanaryKindModel;
import dev.sluice.api.flagger.CanaryPhase;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.reconcile.Fingerprint;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which changes of which objects wake a Canary before its next tick, and which Canary. A woken Canary
 * runs a whole tick, so only changes that a tick should answer at once count, and only in phases where
 * an early tick cannot advance the analysis ahead of its interval:
 * <ul>
 *   <li>the Canary itself: a spec change, deletion, Flux's {@code requestedAt} or a manual request
 *       ({@value Canary#REQUESTED_ACTION});</li>
 *   <li>a new revision of the target (its pod template) or of a config it references (its data): new
 *       revisions are detected, or an analysis restarted, at once; not while Promoting or Finalising,
 *       whose steps keep the interval;</li>
 *   <li>the primary's readiness while the Canary initializes, so initialization completes as soon as
 *       the primary is ready.</li>
 * </ul>
 * Our own writes (scaling, status) change none of these fingerprints. Mappers read the Canaries of the
 * object's namespace from the store; they never throw.
 */
final class CanaryWatches {

    private static final Set<CanaryPhase> NOT_EARLY = Set.of(CanaryPhase.PROMOTING, CanaryPhase.FINALISING,
            CanaryPhase.TERMINATING, CanaryPhase.TERMINATED);
    private static final Set<CanaryPhase> INITIALIZING = Set.of(CanaryPhase.NONE, CanaryPhase.INITIALIZING);

    private final Cluster cluster;
    private final CanarySettings settings;

    CanaryWatches(Cluster cluster, CanarySettings settings) {
        this.cluster = cluster;
        this.settings = settings;
    }

    /** The Canary's own changes that count. */
    static final Fingerprint CANARY = o -> List.of(o.generation(), o.isDeleting(),
            o.annotation(Fingerprint.REQUESTED_AT).orElse(""), o.annotation(Canary.REQUESTED_ACTION).orElse(""));

    /** A workload's pod template; for a {@code -primary} one also its readiness. */
    static final Fingerprint WORKLOAD = o -> {
        String hash = TemplateHash.of(o.spec().path("template"));
        if (!o.name().endsWith("-primary")) {
            return hash;
        }
        JsonNode s = o.status();
        List<Object> ready = new ArrayList<>(List.of(hash, o.generation(), s.path("observedGeneration").asLong(0),
                s.path("updatedReplicas").asInt(0), s.path("availableReplicas").asInt(0),
                s.path("updatedNumberScheduled").asInt(0), s.path("numberAvailable").asInt(0)));
        s.path("conditions").forEach(c -> ready.add(c.path("type").asText() + "=" + c.path("reason").asText()));
        return ready;
    };

    /** A config's data and whether it is tracked. */
    static final Fingerprint CONFIG = o -> List.of(ConfigTracker.checksum(ConfigTracker.data(o)),
            o.annotation(ConfigTracker.DISABLE_ANNOTATION).orElse(""), o.field("type").asText(""));

    /** Canaries whose target is {@code workload} (a new revision) or whose primary it is (readiness). */
    List<ObjectKey> forWorkload(KubeObject workload) {
        List<ObjectKey> out = new ArrayList<>();
        for (KubeObject c : canaries(workload.namespace())) {
            String kind = c.spec().path("targetRef").path("kind").asText();
            String target = c.spec().path("targetRef").path("name").asText();
            CanaryPhase phase = phase(c);
            if (!kind.equals(workload.kind())) {
                continue;
            }
            if (workload.name().equals(target) && !NOT_EARLY.contains(phase)) {
                out.add(c.key());
            } else if (workload.name().equals(target + "-primary") && INITIALIZING.contains(phase)) {
                out.add(c.key());
            }
        }
        return out;
    }

    /** Canaries whose target references {@code config}. */
    List<ObjectKey> forConfig(KubeObject config) {
        if (!settings.configTracking()) {
            return List.of();
        }
        String ref = (config.kind().equals("Secret") ? "secret/" : "configmap/") + config.name();
        List<ObjectKey> out = new ArrayList<>();
        for (KubeObject c : canaries(config.namespace())) {
            if (NOT_EARLY.contains(phase(c))) {
                continue;
            }
            String kind = c.spec().path("targetRef").path("kind").asText();
            var gk = kind.equals("DaemonSet") ? Observer.DAEMON_SET : kind.equals("Deployment") ? Observer.DEPLOYMENT
                    : null;
            if (gk == null) {
                continue;
            }
            cluster.get(new ObjectKey(gk, config.namespace(), c.spec().path("targetRef").path("name").asText()))
                    .filter(t -> ConfigTracker.references(t.spec().path("template").path("spec")).containsKey(ref))
                    .ifPresent(t -> out.add(c.key()));
        }
        return out;
    }

    private List<KubeObject> canaries(String namespace) {
        return cluster.list(CanaryKindModel.KIND, namespace, LabelSelector.everything());
    }

    private static CanaryPhase phase(KubeObject canary) {
        return CanaryPhase.fromWire(canary.status().path("phase").asText("")).orElse(CanaryPhase.NONE);
    }
}
