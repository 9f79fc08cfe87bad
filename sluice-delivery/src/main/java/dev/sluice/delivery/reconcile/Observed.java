package dev.sluice.delivery.reconcile;

import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.delivery.routing.ServiceRouter;
import java.util.Map;
import java.util.Optional;

/**
 * The workloads of one Canary as read at the start of a tick: what the effects act on.
 *
 * @param target   the Deployment or DaemonSet of {@code targetRef}
 * @param selector its selector label and value ({@code app: podinfo})
 * @param ports    container ports found by {@code service.portDiscovery} (empty otherwise)
 * @param primary  {@code <target>-primary}, empty before it is created
 * @param configs  the tracked ConfigMaps and Secrets by key ({@code configmap/<name>})
 */
record Observed(KubeObject target, PrimarySpecs.Selector selector, Map<String, Integer> ports,
                Optional<KubeObject> primary, Map<String, ConfigTracker.Tracked> configs) {

    Observed {
        ports = Map.copyOf(ports);
        configs = Map.copyOf(configs);
    }

    boolean daemonSet() {
        return target.kind().equals("DaemonSet");
    }

    /** "deployment" or "daemonset", as Flagger's messages name the kind. */
    String kindWord() {
        return daemonSet() ? "daemonset" : "deployment";
    }

    ObjectKey primaryKey() {
        return new ObjectKey(target.groupKind(), target.namespace(), target.name() + "-primary");
    }

    ServiceRouter.WorkloadSelector workloadSelector() {
        return new ServiceRouter.WorkloadSelector(selector.label(), selector.value(), ports);
    }
}
