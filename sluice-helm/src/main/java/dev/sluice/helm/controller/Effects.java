package dev.sluice.helm.controller;

import dev.sluice.api.KubeObject;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.EventRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two outputs every step has: the HelmRelease's status and its events, as helm-controller
 * writes them (events carry the chart version, the values digest and the app version as
 * {@code helm.toolkit.fluxcd.io/*} metadata). Thread-safe.
 */
final class Effects {

    static final String CONTROLLER = "helm-controller";

    private final Cluster cluster;

    Effects(Cluster cluster) {
        this.cluster = cluster;
    }

    /** Writes the status built so far; a conflict or a deleted object is left to the next run. */
    void write(Ctx ctx) {
        write(ctx.obj, ctx.status);
    }

    void write(KubeObject obj, HrStatus status) {
        var next = status.build();
        if (next.equals(obj.status())) {
            return;
        }
        try {
            cluster.updateStatus(obj.withStatus(next));
        } catch (ClusterException e) {
            if (!e.is(ClusterException.Reason.CONFLICT) && !e.is(ClusterException.Reason.NOT_FOUND)) {
                throw e;
            }
        }
    }

    void event(Ctx ctx, String type, String reason, String message, String chartVersion, String configDigest,
               String appVersion) {
        Map<String, String> meta = new LinkedHashMap<>();
        if (!chartVersion.isEmpty()) {
            meta.put("helm.toolkit.fluxcd.io/revision", chartVersion);
        }
        if (!configDigest.isEmpty()) {
            meta.put("helm.toolkit.fluxcd.io/token", configDigest);
        }
        if (!appVersion.isEmpty()) {
            meta.put("helm.toolkit.fluxcd.io/app-version", appVersion);
        }
        cluster.recordEvent(new EventRecord(ctx.obj.key(), type, reason, message, CONTROLLER, meta, 1, ctx.now, ctx.now));
    }

    void event(KubeObject obj, String type, String reason, String message, java.time.Instant now) {
        cluster.recordEvent(new EventRecord(obj.key(), type, reason, message, CONTROLLER, Map.of(), 1, now, now));
    }
}
