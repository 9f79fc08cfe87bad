package dev.sluice.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.EventRecord;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a runner controller says about the one object it runs (a bare Pod or a Job): its status
 * writes, which survive a concurrent writer, and its events, a warning at most once per text.
 * Confined to the runner's loop thread, like its controller.
 */
final class ObjectReporter {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectReporter.class);

    /** What became of a status write. */
    sealed interface Stored {
        /** Written, or nothing to write: the object as stored now. */
        record Current(KubeObject object) implements Stored {
        }

        /** Another writer changed the object first: the fresh copy, to re-read before the next write. */
        record Changed(KubeObject fresh) implements Stored {
        }

        /** The object is gone, or was replaced by another of the same name. */
        record Gone() implements Stored {
        }
    }

    private final RuntimeContext ctx;
    private final ObjectKey key;
    private final String uid;
    private final String component;
    private final Set<String> reported = new HashSet<>();

    /** @param component the event source, as Kubernetes names it ({@code kubelet}, {@code job-controller}) */
    ObjectReporter(RuntimeContext ctx, KubeObject object, String component) {
        this.ctx = ctx;
        this.key = object.key();
        this.uid = object.uid();
        this.component = component;
    }

    /** Writes {@code status} unless it equals {@code previous}; a write that fails otherwise is logged. */
    Stored store(KubeObject object, ObjectNode status, JsonNode previous) {
        if (status.equals(previous)) {
            return new Stored.Current(object);
        }
        try {
            return new Stored.Current(ctx.cluster().updateStatus(object.withStatus(status)));
        } catch (ClusterException e) {
            if (e.is(ClusterException.Reason.NOT_FOUND)) {
                return new Stored.Gone();
            }
            if (e.is(ClusterException.Reason.CONFLICT)) {
                Optional<KubeObject> fresh = ctx.cluster().get(key).filter(o -> o.uid().equals(uid));
                return fresh.<Stored>map(Stored.Changed::new).orElseGet(Stored.Gone::new);
            }
            LOG.warn("cannot write the status of {}: {}", key, e.getMessage());
            return new Stored.Current(object);
        }
    }

    /** A Warning event, recorded only the first time this reason and message come up. */
    void warnOnce(String reason, String message) {
        if (reported.add(reason + ":" + message)) {
            event(EventRecord.WARNING, reason, message);
        }
    }

    /** An event; a failure to record it is not the object's problem and is only logged at debug. */
    void event(String type, String reason, String message) {
        try {
            Instant now = ctx.clock().instant();
            ctx.cluster().recordEvent(new EventRecord(key, type, reason, message, component, Map.of(), 1, now, now));
        } catch (RuntimeException e) {
            LOG.debug("cannot record event on {}: {}", key, e.toString());
        }
    }
}
