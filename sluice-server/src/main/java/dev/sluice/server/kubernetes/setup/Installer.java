package dev.sluice.server.kubernetes.setup;

import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.ApplyOptions;
import dev.sluice.cluster.ApplyResult;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.health.Health;
import dev.sluice.cluster.health.HealthResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies manifests to a cluster with server-side apply (field manager {@value #FIELD_MANAGER}, forcing
 * conflicts, as the controller itself applies) and waits for objects to become ready by kstatus' rules,
 * reporting as {@code flux install} does. Used by {@code sluice install} and {@code sluice bootstrap}.
 * Blocking, with real-time deadlines (it waits on an API server and its controllers); not thread-safe.
 */
public final class Installer {

    /** The field manager of everything Sluice applies, so that the controller later owns the same fields. */
    public static final String FIELD_MANAGER = "sluice";

    private final Cluster cluster;
    private final Progress progress;

    public Installer(Cluster cluster, Progress progress) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * Applies {@code objects} in order, reporting {@code Kind/namespace/name created|configured|unchanged}.
     * An object whose kind the server does not serve yet (its CRD applied a moment ago, not yet
     * established) is tried again until {@code timeout}.
     *
     * @throws ClusterException the first failure, naming the object
     */
    public List<ApplyResult> apply(List<KubeObject> objects, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ApplyResult> out = new ArrayList<>();
        for (KubeObject o : objects) {
            ApplyResult r = applyOne(o, deadline);
            progress.detail(describe(o.key()) + " " + r.action().word());
            out.add(r);
        }
        return out;
    }

    private ApplyResult applyOne(KubeObject o, long deadline) throws InterruptedException {
        long pause = 200;
        while (true) {
            try {
                return cluster.apply(o, ApplyOptions.as(FIELD_MANAGER));
            } catch (ClusterException e) {
                if (e.reason() != ClusterException.Reason.NOT_FOUND || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(pause);
            pause = Math.min(2000, pause * 2);
        }
    }

    /**
     * Waits until every object is Current (a Deployment: rolled out and available; a CRD: established),
     * reporting {@code ✔ name: kind ready} for each, or {@code ✗} with kstatus' reason at the deadline.
     *
     * @return true when all became ready in time
     */
    public boolean awaitReady(List<ObjectKey> keys, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean all = true;
        for (ObjectKey key : keys) {
            HealthResult last = awaitCurrent(key, deadline);
            String what = key.name() + ": " + key.groupKind().kind().toLowerCase(java.util.Locale.ROOT);
            if (last.isCurrent()) {
                progress.success(what + " ready");
            } else {
                progress.failure(what + " not ready: " + last.status().word()
                        + (last.message().isEmpty() ? "" : " (" + last.message() + ")"));
                all = false;
            }
        }
        return all;
    }

    private HealthResult awaitCurrent(ObjectKey key, long deadline) throws InterruptedException {
        long pause = 200;
        while (true) {
            HealthResult h = health(cluster, key);
            if (h.isCurrent() || System.nanoTime() > deadline) {
                return h;
            }
            Thread.sleep(Math.min(pause, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            pause = Math.min(2000, pause * 2);
        }
    }

    /** kstatus' verdict on one object as stored now. */
    static HealthResult health(Cluster cluster, ObjectKey key) {
        Optional<KubeObject> o = cluster.get(key);
        return o.map(Health::of).orElseGet(() -> Health.absent(key));
    }

    /** {@code Kind/name} or {@code Kind/namespace/name}, as flux prints applied objects. */
    static String describe(ObjectKey key) {
        return key.groupKind().kind() + "/" + (key.namespace().isEmpty() ? "" : key.namespace() + "/") + key.name();
    }
}
