package dev.sluice.delivery.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.flagger.AutoscalerRef;
import dev.sluice.api.flagger.Canary;
import dev.sluice.api.flagger.CanaryPhase;
import dev.sluice.api.flagger.CanaryStatus;
import dev.sluice.api.flagger.IntOrString;
import dev.sluice.cluster.Cluster;
import dev.sluice.delivery.canary.AnalysisPlan;
import dev.sluice.delivery.canary.CookieSeeds;
import dev.sluice.delivery.canary.ManualCommand;
import dev.sluice.delivery.canary.Observation;
import dev.sluice.delivery.canary.Readiness;
import dev.sluice.delivery.canary.Replicas;
import dev.sluice.delivery.canary.Revision;
import dev.sluice.delivery.canary.WorkloadReadiness;
import dev.sluice.delivery.routing.RoutingException;
import dev.sluice.delivery.routing.TrafficRouter;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the world of one Canary at the start of a tick and turns it into the state machine's
 * {@link Observation}: the target and its selector label, the tracked configs, the primary, both
 * readiness verdicts, the routes, replica counts, the revision and a manual request. Problems that
 * make a decision impossible (target missing, no selector label, a required config missing) become
 * {@link Observation#withProblem}, with Flagger's messages. Reads only; thread-safe.
 */
final class Observer {

    static final GroupKind DEPLOYMENT = GroupKind.of("apps", "Deployment");
    static final GroupKind DAEMON_SET = GroupKind.of("apps", "DaemonSet");
    static final GroupKind HPA = GroupKind.of("autoscaling", "HorizontalPodAutoscaler");
    static final GroupKind SCALED_OBJECT = GroupKind.of("keda.sh", "ScaledObject");
    /** Sidecars whose ports port discovery skips (Flagger's list). */
    private static final Set<String> SIDECARS = Set.of("istio-proxy", "envoy");

    /** The observation, and the workloads when the target could be read. */
    record Seen(Observation observation, Optional<Observed> world) {
    }

    private final Cluster cluster;
    private final CanarySettings settings;

    Observer(Cluster cluster, CanarySettings settings) {
        this.cluster = cluster;
        this.settings = settings;
    }

    /** The workload kind of a Canary's target, or empty when it is not a Deployment or DaemonSet. */
    static Optional<GroupKind> targetKind(Canary canary) {
        return switch (canary.spec().targetRef().kind()) {
            case "Deployment" -> Optional.of(DEPLOYMENT);
            case "DaemonSet" -> Optional.of(DAEMON_SET);
            default -> Optional.empty();
        };
    }

    Seen observe(Canary canary, AnalysisPlan plan, TrafficRouter router, Instant now, CookieSeeds seeds) {
        Observation base = Observation.of(Revision.of(""))
                .withCommand(canary.annotations().containsKey(Canary.REQUESTED_ACTION)
                        ? Optional.of(new ManualCommand(canary.annotations().get(Canary.REQUESTED_ACTION)))
                        : Optional.empty())
                .withCookieSeeds(seeds);
        Optional<GroupKind> kind = targetKind(canary);
        String ns = canary.namespace();
        String name = canary.targetName();
        if (kind.isEmpty()) {
            return problem(base, "targetRef kind " + canary.spec().targetRef().kind() + " of canary "
                    + canary.displayName() + " is not supported yet; Sluice runs canaries of a Deployment or a "
                    + "DaemonSet");
        }
        String word = kind.get().equals(DEPLOYMENT) ? "deployment" : "daemonset";
        Optional<KubeObject> found = cluster.get(new ObjectKey(kind.get(), ns, name));
        if (found.isEmpty()) {
            return problem(base, word + " " + name + "." + ns + " get query error: " + word + "s.apps \"" + name
                    + "\" not found");
        }
        KubeObject target = found.get();
        Optional<PrimarySpecs.Selector> selector = selector(target);
        if (selector.isEmpty()) {
            return problem(base, word + " " + name + "." + ns + " spec.selector.matchLabels must contain one of "
                    + "[" + String.join(" ", settings.selectorLabels()) + "]");
        }
        Map<String, ConfigTracker.Tracked> configs = Map.of();
        if (settings.configTracking()) {
            try {
                configs = ConfigTracker.read(cluster, ns,
                        ConfigTracker.references(target.spec().path("template").path("spec")));
            } catch (ConfigTracker.ConfigException e) {
                return problem(base, e.getMessage());
            }
        }
        Optional<KubeObject> primary = cluster.get(new ObjectKey(kind.get(), ns, canary.primaryName()));
        Observed world = new Observed(target, selector.get(), ports(canary, target), primary, configs);
        Observation obs = base
                .withRevision(new Revision(hash(canary.status(), world), ConfigTracker.checksums(configs)))
                .withReadiness(primary.map(p -> readiness(canary, plan, p, WorkloadReadiness.Role.PRIMARY, now))
                                // Created by this tick's EnsurePrimary: what Flagger reads right after creating it.
                                .orElseGet(() -> Readiness.waiting((word.equals("daemonset") ? "primary " : "")
                                        + word + " " + canary.primaryName() + "." + ns
                                        + " not ready: waiting for rollout to finish: observed " + word
                                        + " generation less than desired generation")),
                        readiness(canary, plan, target, WorkloadReadiness.Role.CANARY, now))
                .withReplicas(new Replicas(target.spec().path("replicas").asInt(0),
                        primary.map(p -> p.spec().path("replicas").asInt(0)).orElse(0), scalerMin(canary)));
        try {
            obs = obs.withRoutes(router.routes(canary));
        } catch (RoutingException e) {
            obs = obs.withRoutesError(e.getMessage());
        }
        return new Seen(obs, Optional.of(world));
    }

    private static Seen problem(Observation base, String message) {
        return new Seen(base.withProblem(message), Optional.empty());
    }

    /** The first of the controller's selector labels in the target's matchLabels (Flagger's getSelectorLabel). */
    Optional<PrimarySpecs.Selector> selector(KubeObject target) {
        JsonNode match = target.spec().path("selector").path("matchLabels");
        for (String label : settings.selectorLabels()) {
            if (match.has(label)) {
                return Optional.of(new PrimarySpecs.Selector(label, match.get(label).asText()));
            }
        }
        return Optional.empty();
    }

    private static Readiness readiness(Canary canary, AnalysisPlan plan, KubeObject w, WorkloadReadiness.Role role,
                                       Instant now) {
        int threshold = role == WorkloadReadiness.Role.PRIMARY ? plan.analysis().primaryReadyThreshold()
                : plan.analysis().canaryReadyThreshold();
        int deadline = canary.spec().progressDeadlineSeconds();
        if (w.kind().equals("DaemonSet")) {
            Instant since = parse(canary.status().lastTransitionTime());
            return WorkloadReadiness.daemonSet(w, role, deadline, threshold, since, now);
        }
        return WorkloadReadiness.deployment(w, role, deadline, threshold, now);
    }

    /**
     * The target's revision hash. A Canary migrated from Flagger stores hashes Sluice cannot compute
     * (see {@link TemplateHash}); while it rests promoted and its primary runs the target's template,
     * the stored hash is kept, so the migration does not start an analysis of what already runs.
     */
    private String hash(CanaryStatus status, Observed w) {
        String hash = TemplateHash.of(w.target().spec().path("template"));
        String applied = status.lastAppliedSpec();
        boolean resting = status.phase() == CanaryPhase.INITIALIZED || status.phase() == CanaryPhase.SUCCEEDED;
        if (resting && !applied.isEmpty() && !TemplateHash.isSluice(applied)
                && applied.equals(status.lastPromotedSpec()) && w.primary().isPresent()
                && PrimarySpecs.runsTemplateOf(w.primary().get(), w.target(), w.selector(), w.configs().keySet(),
                settings.selectorLabels())) {
            return applied;
        }
        return hash;
    }

    /** The autoscaler's minimum, for scaling the canary up (HPA minReplicas, KEDA minReplicaCount). */
    private int scalerMin(Canary canary) {
        Optional<AutoscalerRef> ref = canary.spec().autoscalerRef();
        if (ref.isEmpty()) {
            return 0;
        }
        boolean keda = ref.get().kind().equals(AutoscalerRef.SCALED_OBJECT);
        return cluster.get(new ObjectKey(keda ? SCALED_OBJECT : HPA, canary.namespace(), ref.get().name()))
                .map(s -> s.spec().path(keda ? "minReplicaCount" : "minReplicas").asInt(0)).orElse(0);
    }

    /** Flagger's getPorts: container ports other than the service's target port, sidecars skipped. */
    private static Map<String, Integer> ports(Canary canary, KubeObject target) {
        Map<String, Integer> out = new TreeMap<>();
        if (!canary.spec().service().portDiscovery()) {
            return out;
        }
        IntOrString targetPort = canary.spec().service().targetPort();
        for (JsonNode c : target.spec().path("template").path("spec").path("containers")) {
            if (SIDECARS.contains(c.path("name").asText())) {
                continue;
            }
            JsonNode ports = c.path("ports");
            for (int i = 0; i < ports.size(); i++) {
                JsonNode p = ports.get(i);
                int number = p.path("containerPort").asInt();
                boolean served = targetPort.isNumber() ? number == targetPort.number()
                        : p.path("name").asText().equals(targetPort.name());
                if (served) {
                    continue;
                }
                String name = p.path("name").asText("");
                out.put(name.isEmpty() ? "tcp-" + c.path("name").asText() + "-" + i : name, number);
            }
        }
        return out;
    }

    private static Instant parse(String time) {
        try {
            return time == null || time.isEmpty() ? null : Instant.parse(time);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
