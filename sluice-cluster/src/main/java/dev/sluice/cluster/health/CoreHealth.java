package dev.sluice.cluster.health;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Condition;
import dev.sluice.api.KubeObject;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** kstatus' rules for core and batch kinds; the Job rule is Flux's. */
final class CoreHealth {

    /** How long a Pod may stay unschedulable before it counts as failed (kstatus' window). */
    static final Duration SCHEDULE_WINDOW = Duration.ofSeconds(15);

    static final HealthResult ALWAYS_READY = HealthResult.current("Resource is always ready");
    static final HealthResult PDB_READY = HealthResult.current("AllowedDisruptions has been computed.");

    private CoreHealth() {
    }

    /**
     * Flux's job reader (kustomize-controller), stricter than kstatus: a running Job is not yet
     * current, so a health check waits for it to complete.
     */
    static HealthResult job(KubeObject o) {
        int parallelism = Fields.integer(o, "/spec/parallelism", 1);
        int completions = Fields.integer(o, "/spec/completions", parallelism);
        int succeeded = Fields.integer(o, "/status/succeeded", 0);
        int failed = Fields.integer(o, "/status/failed", 0);
        for (Condition c : Fields.conditions(o)) {
            if (c.type().equals("Complete") && c.isTrue()) {
                return HealthResult.current("Job Completed. succeeded: " + succeeded + "/" + completions);
            }
            if (c.type().equals("Failed") && c.isTrue()) {
                return HealthResult.failed("Job Failed. failed: " + failed + "/" + completions);
            }
        }
        return HealthResult.inProgress("Job in progress");
    }

    static HealthResult pod(KubeObject o, Optional<Instant> now) {
        String phase = Fields.text(o, "/status/phase", "");
        switch (phase) {
            case "Succeeded":
                return HealthResult.current("Pod has completed successfully");
            case "Failed":
                // kstatus: a finished pod has reached its end state, so it is current either way.
                return HealthResult.current("Pod has completed, but not successfully");
            case "Running": {
                if (Fields.hasTrue(o, "Ready")) {
                    return HealthResult.current("Pod is Ready");
                }
                List<String> crashLooping = crashLoopingContainers(o);
                if (!crashLooping.isEmpty()) {
                    return HealthResult.failed("Containers in CrashLoop state: " + String.join(",", crashLooping));
                }
                return HealthResult.inProgress("Pod is running but is not Ready");
            }
            case "Pending": {
                boolean unschedulable = Fields.conditions(o).stream().anyMatch(c ->
                        c.type().equals("PodScheduled") && c.isFalse() && c.reason().equals("Unschedulable"));
                if (!unschedulable) {
                    return HealthResult.inProgress("Pod is in the Pending phase");
                }
                return withinScheduleWindow(o, now)
                        ? HealthResult.inProgress("Pod has not been scheduled")
                        : HealthResult.failed("Pod could not be scheduled");
            }
            case "":
                return HealthResult.inProgress("Pod phase not available");
            default:
                // kstatus returns an error here; a verdict that keeps waiting is the safe reading.
                return HealthResult.inProgress("Pod phase " + phase + " is unknown");
        }
    }

    private static boolean withinScheduleWindow(KubeObject o, Optional<Instant> now) {
        if (now.isEmpty()) {
            return true;
        }
        try {
            Instant created = Instant.parse(Fields.text(o, "/metadata/creationTimestamp", ""));
            return now.get().minus(SCHEDULE_WINDOW).isBefore(created);
        } catch (DateTimeParseException e) {
            // No creation time (or garbage): the window cannot have started, so it is over.
            return false;
        }
    }

    private static List<String> crashLoopingContainers(KubeObject o) {
        List<String> names = new ArrayList<>();
        for (JsonNode cs : o.status().path("containerStatuses")) {
            if (cs.path("name").isTextual()
                    && cs.path("state").path("waiting").path("reason").asText("").equals("CrashLoopBackOff")) {
                names.add(cs.path("name").asText());
            }
        }
        return names;
    }

    static HealthResult persistentVolumeClaim(KubeObject o) {
        String phase = Fields.text(o, "/status/phase", "unknown");
        return phase.equals("Bound")
                ? HealthResult.current("PVC is Bound")
                : HealthResult.inProgress("PVC is not Bound. phase: " + phase);
    }

    /**
     * kstatus waits only for a LoadBalancer Service's cluster IP, not for its external address (which
     * may never come without a cloud load balancer). An assigned ingress counts as well.
     */
    static HealthResult service(KubeObject o) {
        if (Fields.text(o, "/spec/type", "ClusterIP").equals("LoadBalancer")
                && Fields.text(o, "/spec/clusterIP", "").isEmpty()
                && o.at("/status/loadBalancer/ingress").isEmpty()) {
            return HealthResult.inProgress("ClusterIP not set. Service type: LoadBalancer");
        }
        return HealthResult.current("Service is ready");
    }

    static HealthResult namespace(KubeObject o) {
        if (Fields.text(o, "/status/phase", "Active").equals("Terminating")) {
            return new HealthResult(HealthResult.Status.TERMINATING, "Resource scheduled for deletion");
        }
        return HealthResult.current("Resource is current");
    }
}
