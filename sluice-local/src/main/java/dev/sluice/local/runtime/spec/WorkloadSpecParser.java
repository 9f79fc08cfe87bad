package dev.sluice.local.runtime.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Diagnostic;
import dev.sluice.api.FieldPath;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads a Deployment or DaemonSet into a {@link WorkloadSpec}. Stateless and thread-safe. */
public final class WorkloadSpecParser {

    /** Kubernetes' default {@code progressDeadlineSeconds}. */
    public static final int DEFAULT_PROGRESS_DEADLINE = 600;

    private WorkloadSpecParser() {
    }

    /**
     * @throws InvalidInputException listing every problem with its field path, value and expectation
     * @throws IllegalArgumentException when the object is not a workload kind
     */
    public static WorkloadSpec parse(KubeObject object) {
        WorkloadKind kind = WorkloadKind.of(object.groupKind()).filter(k -> k == WorkloadKind.DEPLOYMENT || k == WorkloadKind.DAEMON_SET)
                .orElseThrow(() -> new IllegalArgumentException(object.groupKind() + " is not a Deployment or DaemonSet"));
        FieldReader r = new FieldReader();
        JsonNode spec = object.spec();
        FieldPath at = FieldPath.root().child("spec");

        int replicas = kind == WorkloadKind.DEPLOYMENT ? r.integer(spec, "replicas", at, 1, 0) : 1;
        LabelSelector selector = selector(spec, at, r);
        RolloutStrategy strategy = kind == WorkloadKind.DEPLOYMENT ? deploymentStrategy(spec, at, r) : daemonSetStrategy(spec, at, r);
        int minReady = r.integer(spec, "minReadySeconds", at, 0, 0);
        int deadline = kind == WorkloadKind.DEPLOYMENT ? r.integer(spec, "progressDeadlineSeconds", at, DEFAULT_PROGRESS_DEADLINE, 1) : 0;
        boolean paused = kind == WorkloadKind.DEPLOYMENT && r.bool(spec, "paused", at);
        PodTemplate template = template(spec.path("template"), at.child("template"), r, RestartPolicy.ALWAYS, List.of(RestartPolicy.ALWAYS));

        if (selector.isEverything() && kind == WorkloadKind.DEPLOYMENT) {
            r.error(at.child("selector"), "required: a label selector matching the pod template's labels");
        } else if (!selector.matches(template.labels())) {
            r.error(at.child("selector"), "selector " + selector + " does not match the template labels " + template.labels());
        }
        if (minReady > 0 && deadline > 0 && deadline <= minReady) {
            r.error(at.child("progressDeadlineSeconds"), "must be greater than minReadySeconds (" + minReady + "), got " + deadline);
        }
        if (!r.problems().isEmpty()) {
            throw new InvalidInputException(r.problems());
        }
        return new WorkloadSpec(kind, object.namespace(), object.name(), object.generation(), replicas, selector, strategy,
                minReady, deadline, paused, template);
    }

    private static LabelSelector selector(JsonNode spec, FieldPath at, FieldReader r) {
        try {
            return LabelSelector.fromNode(spec.path("selector"), at.child("selector"));
        } catch (InvalidInputException e) {
            e.diagnostics().forEach(d -> r.error(d.path(), d.message()));
            return LabelSelector.everything();
        }
    }

    private static RolloutStrategy deploymentStrategy(JsonNode spec, FieldPath at, FieldReader r) {
        FieldPath sp = at.child("strategy");
        JsonNode strategy = spec.path("strategy");
        String type = r.text(strategy, "type", sp, "RollingUpdate");
        return switch (type) {
            case "Recreate" -> {
                if (!FieldReader.absent(strategy.path("rollingUpdate"))) {
                    r.error(sp.child("rollingUpdate"), "may not be given when strategy type is 'Recreate'");
                }
                yield new RolloutStrategy.Recreate();
            }
            case "RollingUpdate" -> rolling(strategy.path("rollingUpdate"), sp.child("rollingUpdate"), RolloutStrategy.DEPLOYMENT_DEFAULT, r);
            default -> {
                r.error(sp.child("type"), "'" + type + "' is not a strategy; expected RollingUpdate or Recreate");
                yield RolloutStrategy.DEPLOYMENT_DEFAULT;
            }
        };
    }

    private static RolloutStrategy daemonSetStrategy(JsonNode spec, FieldPath at, FieldReader r) {
        FieldPath sp = at.child("updateStrategy");
        JsonNode strategy = spec.path("updateStrategy");
        String type = r.text(strategy, "type", sp, "RollingUpdate");
        if (!type.equals("RollingUpdate") && !type.equals("OnDelete")) {
            r.error(sp.child("type"), "'" + type + "' is not an update strategy; expected RollingUpdate or OnDelete");
        }
        // OnDelete waits for someone to delete the pod; embedded mode has no pods to delete, so it rolls.
        return rolling(strategy.path("rollingUpdate"), sp.child("rollingUpdate"), RolloutStrategy.DAEMON_SET_DEFAULT, r);
    }

    private static RolloutStrategy.RollingUpdate rolling(JsonNode n, FieldPath at, RolloutStrategy.RollingUpdate defaults,
                                                         FieldReader r) {
        IntOrPercent surge = r.intOrPercent(n, "maxSurge", at, defaults.maxSurge());
        IntOrPercent unavailable = r.intOrPercent(n, "maxUnavailable", at, defaults.maxUnavailable());
        if (surge.value() == 0 && unavailable.value() == 0) {
            r.error(at.child("maxUnavailable"), "may not be 0 when maxSurge is 0");
        }
        if (unavailable.percent() && unavailable.value() > 100) {
            r.error(at.child("maxUnavailable"), "must not be greater than 100%, got " + unavailable);
        }
        return new RolloutStrategy.RollingUpdate(surge, unavailable);
    }

    /**
     * Reads a pod template ({@code metadata} + {@code spec}); a Pod itself is one, at the root.
     *
     * @param allowed the restart policies this kind of workload accepts
     */
    static PodTemplate template(JsonNode t, FieldPath at, FieldReader r, RestartPolicy fallback, List<RestartPolicy> allowed) {
        FieldPath meta = at.child("metadata");
        FieldPath podSpec = at.child("spec");
        JsonNode spec = t.path("spec");
        List<ContainerSpec> containers = new ArrayList<>();
        JsonNode list = spec.path("containers");
        if (!list.isArray() || list.isEmpty()) {
            r.error(podSpec.child("containers"), "required: at least one container");
        } else {
            ContainerParser parser = new ContainerParser(r);
            Set<String> names = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                ContainerSpec c = parser.parse(list.get(i), podSpec.child("containers").index(i));
                if (!c.name().isEmpty() && !names.add(c.name())) {
                    r.error(podSpec.child("containers").index(i).child("name"), "duplicate container name '" + c.name() + "'");
                }
                containers.add(c);
            }
        }
        int grace = r.integer(spec, "terminationGracePeriodSeconds", podSpec, 30, 0);
        String policyText = r.text(spec, "restartPolicy", podSpec, fallback.text());
        RestartPolicy policy = RestartPolicy.parse(policyText);
        if (policy == null || !allowed.contains(policy)) {
            r.error(podSpec.child("restartPolicy"), "unsupported value '" + policyText + "'; expected "
                    + String.join(" or ", allowed.stream().map(RestartPolicy::text).toList()));
            policy = fallback;
        }
        return new PodTemplate(r.stringMap(t.path("metadata"), "labels", meta), r.stringMap(t.path("metadata"), "annotations", meta),
                containers, grace, policy, TemplateHash.of(t));
    }

    /** The diagnostics of a parse failure as one line, for a status condition message. */
    public static String summary(InvalidInputException e) {
        return String.join("; ", e.diagnostics().stream().map(Diagnostic::toString).toList());
    }
}
