package dev.sluice.kubernetes;

import dev.sluice.api.KubeObject;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.Watch;
import dev.sluice.cluster.WatchEvent;
import dev.sluice.cluster.WatchListener;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One API watch as a {@link Watch}: ADDED, MODIFIED and DELETED events go to the listener in order on
 * fabric8's thread; a 410 Gone ends it with {@code onClose(EXPIRED)} (list again, then watch); any other
 * abnormal end with {@code onClose(UNAVAILABLE)}. fabric8 re-opens dropped connections by itself from
 * the last version seen. Bookmarks and error events are not delivered.
 */
final class KubeWatch implements Watch {

    private static final Logger LOG = LoggerFactory.getLogger(KubeWatch.class);

    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile io.fabric8.kubernetes.client.Watch watch;

    private KubeWatch() {
    }

    static KubeWatch start(KubernetesClient client, ResourceDefinitionContext ctx, String namespace, String labels,
                           String resourceVersion, WatchListener listener, Function<GenericKubernetesResource, KubeObject> convert) {
        KubeWatch w = new KubeWatch();
        ListOptionsBuilder o = new ListOptionsBuilder().withAllowWatchBookmarks(true);
        if (!resourceVersion.isEmpty()) {
            o.withResourceVersion(resourceVersion);
        }
        if (!labels.isEmpty()) {
            o.withLabelSelector(labels);
        }
        w.watch = Resources.collection(client, ctx, namespace).watch(o.build(), new Watcher<>() {
            @Override
            public void eventReceived(Action action, GenericKubernetesResource resource) {
                WatchEvent.Type type = switch (action) {
                    case ADDED -> WatchEvent.Type.ADDED;
                    case MODIFIED -> WatchEvent.Type.MODIFIED;
                    case DELETED -> WatchEvent.Type.DELETED;
                    default -> null;
                };
                if (type == null || w.closed.get()) {
                    return;
                }
                try {
                    listener.onEvent(new WatchEvent(type, convert.apply(resource)));
                } catch (RuntimeException e) {
                    // A listener bug must not end the watch for every other object.
                    LOG.warn("watch listener of {} failed on {} {}: {}", ctx.getKind(), action, resource.getMetadata().getName(),
                            e.toString());
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                if (w.closed.getAndSet(true)) {
                    return;
                }
                ClusterException.Reason reason = cause.isHttpGone() ? ClusterException.Reason.EXPIRED
                        : ClusterException.Reason.UNAVAILABLE;
                listener.onClose(new ClusterException(reason, null, "watch of " + ctx.getKind() + " ended: "
                        + (cause.isHttpGone() ? "resourceVersion " + resourceVersion + " is too old (410 Gone)" : cause.getMessage()),
                        List.of(), cause));
            }

            @Override
            public void onClose() {
                w.closed.set(true);
            }
        });
        return w;
    }

    @Override
    public void close() {
        closed.set(true);
        io.fabric8.kubernetes.client.Watch x = watch;
        if (x != null) {
            x.close();
        }
    }
}
