package dev.sluice.local.runtime;

import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs one workload object (a Deployment, DaemonSet, Pod or Job) for the engine. Confined to the
 * runner's loop thread.
 */
sealed interface Controller permits WorkloadController, PodController, JobController {

    ObjectKey key();

    /** The uid of the object this controller runs; a new object under the same name gets a new controller. */
    String uid();

    /** A newer version of the object (an older one, by resourceVersion, is ignored). */
    void update(KubeObject o);

    /** The object is gone: stop everything it runs. */
    void delete();

    /** Starts, probes, stops and writes status as due at {@code now}. */
    void sync(Instant now);

    /** Deleted and nothing left running: the engine forgets it. */
    boolean finished();

    List<PodInfo> podInfos();

    Optional<PodRuntime> pod(String name);

    /** Whether {@code current} is more recent than {@code incoming} (a watch event older than our own status write). */
    static boolean newer(KubeObject current, KubeObject incoming) {
        if (current == null) {
            return false;
        }
        try {
            return Long.parseLong(current.resourceVersion()) > Long.parseLong(incoming.resourceVersion());
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
