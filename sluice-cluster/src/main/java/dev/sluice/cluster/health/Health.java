package dev.sluice.cluster.health;

import dev.sluice.api.Condition;
import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The health rules of kstatus (kubernetes-sigs/cli-utils) as Flux applies them in its health
 * checks: a pure function from an object, status included, to {@link HealthResult}.
 *
 * <p>Order, as in kstatus: a deletionTimestamp makes any object {@code Terminating}; a
 * {@code metadata.generation} that differs from {@code status.observedGeneration} (when the latter
 * is set) is {@code InProgress}; a {@code Reconciling=True} condition is {@code InProgress} and
 * {@code Stalled=True} is {@code Failed} (the first of the two in the list wins). Then the kind's own
 * rule decides (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod, PVC, Service,
 * Namespace, CRD, PodDisruptionBudget, ConfigMap, Secret, and Flagger's Canary); any other kind is
 * judged by its {@code Ready} condition, and is {@code Current} when it has none.
 *
 * <p>Differences from kstatus, on purpose: a Job follows Flux's job reader (current only once
 * complete); a Canary is judged by its phase (see {@link CustomHealth}); a paused Deployment says
 * so. Stateless and thread-safe; never throws for any status content.
 */
public final class Health {

    /** The rule of one kind; {@code now} is empty when the caller has no clock. */
    @FunctionalInterface
    interface Rule {
        HealthResult apply(KubeObject object, Optional<Instant> now);
    }

    private static final Map<GroupKind, Rule> RULES = new HashMap<>();

    static {
        for (String group : new String[] {"apps", "extensions"}) {
            RULES.put(GroupKind.of(group, "Deployment"), (o, now) -> AppsHealth.deployment(o));
            RULES.put(GroupKind.of(group, "DaemonSet"), (o, now) -> AppsHealth.daemonSet(o));
            RULES.put(GroupKind.of(group, "ReplicaSet"), (o, now) -> AppsHealth.replicaSet(o));
        }
        RULES.put(GroupKind.of("apps", "StatefulSet"), (o, now) -> AppsHealth.statefulSet(o));
        RULES.put(GroupKind.of("batch", "Job"), (o, now) -> CoreHealth.job(o));
        RULES.put(GroupKind.of("batch", "CronJob"), (o, now) -> CoreHealth.ALWAYS_READY);
        RULES.put(GroupKind.of("", "ConfigMap"), (o, now) -> CoreHealth.ALWAYS_READY);
        RULES.put(GroupKind.of("", "Secret"), (o, now) -> CoreHealth.ALWAYS_READY);
        RULES.put(GroupKind.of("", "Pod"), CoreHealth::pod);
        RULES.put(GroupKind.of("", "PersistentVolumeClaim"), (o, now) -> CoreHealth.persistentVolumeClaim(o));
        RULES.put(GroupKind.of("", "Service"), (o, now) -> CoreHealth.service(o));
        RULES.put(GroupKind.of("", "Namespace"), (o, now) -> CoreHealth.namespace(o));
        RULES.put(GroupKind.of("policy", "PodDisruptionBudget"), (o, now) -> CoreHealth.PDB_READY);
        RULES.put(GroupKind.of("apiextensions.k8s.io", "CustomResourceDefinition"),
                (o, now) -> CustomHealth.customResourceDefinition(o));
        RULES.put(GroupKind.of(ResourceTypes.FLAGGER, "Canary"), (o, now) -> CustomHealth.canary(o));
    }

    private Health() {
    }

    /**
     * The health of {@code object} without a clock: a Pod that cannot be scheduled is reported
     * {@code InProgress} rather than {@code Failed}, since kstatus' 15 s grace period cannot be judged.
     */
    public static HealthResult of(KubeObject object) {
        return judge(object, Optional.empty());
    }

    /** The health of {@code object} as seen at {@code now} (only Pod scheduling uses the time). */
    public static HealthResult of(KubeObject object, Instant now) {
        return judge(object, Optional.of(now));
    }

    /** The verdict for an object that does not exist. */
    public static HealthResult absent(ObjectKey key) {
        return new HealthResult(HealthResult.Status.NOT_FOUND, "Resource not found");
    }

    private static HealthResult judge(KubeObject object, Optional<Instant> now) {
        Optional<HealthResult> generic = generic(object);
        if (generic.isPresent()) {
            return generic.get();
        }
        Rule rule = RULES.get(object.groupKind());
        return rule != null ? rule.apply(object, now) : CustomHealth.readyCondition(object);
    }

    /** The kinds with a rule of their own (for tests that check every rule has fixtures). */
    static Set<GroupKind> kindsWithRules() {
        return Set.copyOf(RULES.keySet());
    }

    /** kstatus' checks shared by every kind; empty when they do not decide. */
    static Optional<HealthResult> generic(KubeObject o) {
        if (o.isDeleting()) {
            return Optional.of(new HealthResult(HealthResult.Status.TERMINATING, "Resource scheduled for deletion"));
        }
        if (Fields.present(o, "/metadata/generation") && Fields.present(o, "/status/observedGeneration")) {
            long generation = o.at("/metadata/generation").longValue();
            long observed = o.at("/status/observedGeneration").longValue();
            if (generation != observed) {
                return Optional.of(HealthResult.inProgress(o.kind() + " generation is " + generation
                        + ", but latest observed generation is " + observed));
            }
        }
        for (Condition c : Fields.conditions(o)) {
            if (c.type().equals("Reconciling") && c.isTrue()) {
                return Optional.of(HealthResult.inProgress(c.message()));
            }
            if (c.type().equals("Stalled") && c.isTrue()) {
                return Optional.of(HealthResult.failed(c.message()));
            }
        }
        return Optional.empty();
    }
}
