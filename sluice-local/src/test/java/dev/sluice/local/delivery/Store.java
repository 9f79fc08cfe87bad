package dev.sluice.local.delivery;

import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.cluster.embedded.EmbeddedCluster;
import dev.sluice.testkit.ManualClock;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** The real embedded store for the delivery cross-checks: namespace {@code test} created, helpers to put and list. */
final class Store {

    static final List<GroupKind> ROUTING = List.of(GroupKind.of("", "Service"),
            GroupKind.of("split.smi-spec.io", "TrafficSplit"), GroupKind.of("specs.smi-spec.io", "HTTPRouteGroup"),
            GroupKind.of("gateway.networking.k8s.io", "HTTPRoute"), GroupKind.of("networking.k8s.io", "Ingress"));

    final EmbeddedCluster cluster = EmbeddedCluster.inMemory(ManualClock.atEpochOfTests(), new SplittableRandom(3));

    Store() {
        put("{apiVersion: v1, kind: Namespace, metadata: {name: test}}");
    }

    KubeObject put(String yaml) {
        return cluster.create(KubeObject.parse(yaml));
    }

    /** The objects the mesh builds its routes from. */
    List<KubeObject> routingObjects() {
        return ROUTING.stream().flatMap(k -> cluster.list(k, "", LabelSelector.everything()).stream()).toList();
    }
}
