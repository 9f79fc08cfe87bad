package dev.sluice.server.embedded;

import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.Watch;
import dev.sluice.cluster.WatchEvent;
import dev.sluice.cluster.WatchListener;
import dev.sluice.local.mesh.MeshProxy;
import dev.sluice.local.mesh.kube.ReadyEndpoints;
import dev.sluice.local.runtime.EndpointSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the mesh's route table in line with the store (Services, TrafficSplits, HTTPRoutes,
 * Ingresses) and the workload runner's ready endpoints. Changes are coalesced: however many arrive
 * while a rebuild runs, one more rebuild follows. The table is swapped atomically by the proxy.
 */
final class MeshSync implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MeshSync.class);
    static final List<GroupKind> KINDS = List.of(GroupKind.of("", "Service"),
            GroupKind.of("split.smi-spec.io", "TrafficSplit"), GroupKind.of("gateway.networking.k8s.io", "HTTPRoute"),
            GroupKind.of("networking.k8s.io", "Ingress"), GroupKind.of("split.smi-spec.io", "HTTPRouteGroup"));

    private final Cluster cluster;
    private final MeshProxy mesh;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mesh-sync");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicReference<ReadyEndpoints> endpoints = new AtomicReference<>(new ReadyEndpoints(List.of()));
    private final List<Watch> watches = new ArrayList<>();

    MeshSync(Cluster cluster, MeshProxy mesh) {
        this.cluster = cluster;
        this.mesh = mesh;
    }

    void start() {
        String rv = cluster.currentResourceVersion();
        for (GroupKind kind : KINDS) {
            watches.add(cluster.watch(kind, "", rv, new WatchListener() {
                @Override
                public void onEvent(WatchEvent event) {
                    request();
                }
            }));
        }
        request();
    }

    /** The runner published new ready endpoints. */
    void endpoints(EndpointSnapshot snapshot) {
        endpoints.set(new ReadyEndpoints(snapshot.endpoints().stream()
                .map(e -> new ReadyEndpoints.Pod(e.namespace(), e.pod(), e.workload(), e.labels(), e.ports().stream()
                        .map(p -> new ReadyEndpoints.Port(p.name(), p.containerPort(), e.host(), p.port())).toList()))
                .toList()));
        request();
    }

    void request() {
        if (pending.compareAndSet(false, true)) {
            worker.execute(this::rebuild);
        }
    }

    private void rebuild() {
        pending.set(false);
        try {
            List<KubeObject> objects = new ArrayList<>();
            for (GroupKind kind : KINDS) {
                objects.addAll(cluster.list(kind, "", LabelSelector.everything()));
            }
            var result = mesh.updateFrom(objects, endpoints.get());
            result.diagnostics().forEach(d -> LOG.warn("mesh routes: {}", d));
        } catch (RuntimeException e) {
            LOG.warn("mesh route rebuild failed; keeping the previous routes", e);
        }
    }

    @Override
    public void close() {
        watches.forEach(Watch::close);
        worker.shutdownNow();
    }
}
