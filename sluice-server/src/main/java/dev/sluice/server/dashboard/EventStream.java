package dev.sluice.server.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.Json;
import dev.sluice.api.ResourceTypes;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.EventRecord;
import dev.sluice.cluster.Watch;
import dev.sluice.cluster.WatchEvent;
import dev.sluice.cluster.WatchListener;
import dev.sluice.server.observe.TickStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's live feed as server-sent events: {@code object} (a watched object changed: kind,
 * namespace, name, watch type), {@code tick} (a canary analysis tick, as on the canary page) and
 * {@code event} (a new or repeated Kubernetes event). Fed by Cluster watches, the {@link TickStore}
 * and a poll of the events (the Cluster port has no event watch). Each subscriber has a bounded
 * queue; one that falls too far behind is disconnected (the browser's EventSource reconnects and the
 * page reloads its data). Thread-safe.
 */
final class EventStream implements AutoCloseable {

    static final List<GroupKind> WATCHED = List.of(
            GroupKind.of(ResourceTypes.SOURCE, "GitRepository"), GroupKind.of(ResourceTypes.SOURCE, "OCIRepository"),
            GroupKind.of(ResourceTypes.SOURCE, "HelmRepository"), GroupKind.of(ResourceTypes.KUSTOMIZE, "Kustomization"),
            GroupKind.of(ResourceTypes.HELM, "HelmRelease"), GroupKind.of(ResourceTypes.FLAGGER, "Canary"),
            GroupKind.of("apps", "Deployment"));
    static final int MAX_SUBSCRIBERS = 64;
    static final int QUEUE = 1_000;
    static final int MAX_EVENTS_PER_POLL = 100;
    private static final String CLOSE = "\u0000close";
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);

    private final Cluster cluster;
    private final Duration heartbeat;
    private final Set<BlockingQueue<String>> subscribers = ConcurrentHashMap.newKeySet();
    private final List<Watch> watches = new ArrayList<>();
    private final Runnable unsubscribeTicks;
    private final ScheduledExecutorService poller;
    /** Events seen, by identity, with the count last seen; null until the first poll. */
    private Map<String, Integer> seenEvents;
    private volatile boolean closed;

    EventStream(Cluster cluster, TickStore ticks, Duration eventPoll, Duration heartbeat) {
        this.cluster = cluster;
        this.heartbeat = heartbeat;
        for (GroupKind kind : WATCHED) {
            watch(kind);
        }
        this.unsubscribeTicks = ticks.subscribe(t -> broadcast("tick", CanaryViews.tick(t)));
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sluice-dashboard-events");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::pollEvents, 0, eventPoll.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void watch(GroupKind kind) {
        WatchListener l = new WatchListener() {
            @Override
            public void onEvent(WatchEvent e) {
                broadcast("object", Json.object().put("type", e.type().name()).put("group", kind.group())
                        .put("kind", kind.kind()).put("namespace", e.object().namespace()).put("name", e.object().name()));
            }

            @Override
            public void onClose(ClusterException cause) {
                // Expired: start again from now, and tell pages to reload (they may have missed changes).
                if (!closed) {
                    broadcast("object", Json.object().put("type", "RESYNC").put("kind", kind.kind()));
                    try {
                        poller.execute(() -> watch(kind));
                    } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                        // Closed meanwhile.
                    }
                }
            }
        };
        try {
            Watch w = cluster.watch(kind, "", "", l);
            synchronized (watches) {
                watches.add(w);
            }
        } catch (ClusterException e) {
            LOG.debug("not watching {}: {}", kind, e.getMessage()); // e.g. no such kind in this cluster
        }
    }

    private void pollEvents() {
        if (closed || (seenEvents != null && subscribers.isEmpty())) {
            return;
        }
        try {
            Map<String, Integer> now = new HashMap<>();
            List<EventRecord> fresh = new ArrayList<>();
            for (EventRecord e : cluster.events(null)) {
                String id = e.involved() + "|" + e.reason() + "|" + e.message();
                now.put(id, e.count());
                if (seenEvents != null && !Integer.valueOf(e.count()).equals(seenEvents.get(id))) {
                    fresh.add(e);
                }
            }
            seenEvents = now;
            // After a quiet spell with no subscriber, send only the latest changes.
            fresh.stream().skip(Math.max(0, fresh.size() - MAX_EVENTS_PER_POLL))
                    .forEach(e -> broadcast("event", EventViews.event(e)));
        } catch (RuntimeException e) {
            LOG.warn("polling events for the dashboard failed", e);
        }
    }

    private void broadcast(String type, ObjectNode data) {
        String frame = "event: " + type + "\ndata: " + Json.write(data) + "\n\n";
        for (BlockingQueue<String> q : subscribers) {
            if (!q.offer(frame)) {
                subscribers.remove(q);
                q.clear();
                q.offer(CLOSE);
            }
        }
    }

    /** Serves one subscriber until it goes away or the stream closes. */
    void serve(Http http) throws IOException {
        if (subscribers.size() >= MAX_SUBSCRIBERS) {
            http.fail(429, "TooManyRequests", "too many open dashboard streams (" + MAX_SUBSCRIBERS + ")");
            return;
        }
        BlockingQueue<String> q = new ArrayBlockingQueue<>(QUEUE);
        subscribers.add(q);
        var ex = http.exchange();
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            out.write("retry: 2000\n: connected\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (!closed) {
                String frame = q.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                if (CLOSE.equals(frame)) {
                    break;
                }
                out.write((frame == null ? ": ping\n\n" : frame).getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The browser went away.
        } finally {
            subscribers.remove(q);
        }
    }

    int subscribers() {
        return subscribers.size();
    }

    @Override
    public void close() {
        closed = true;
        unsubscribeTicks.run();
        poller.shutdownNow();
        synchronized (watches) {
            watches.forEach(Watch::close);
            watches.clear();
        }
        subscribers.forEach(q -> {
            q.clear();
            q.offer(CLOSE);
        });
    }
}
