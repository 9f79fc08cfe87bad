package dev.sluice.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.api.LabelSelector;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.Watch;
import dev.sluice.cluster.WatchEvent;
import dev.sluice.cluster.WatchListener;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Streams a watch as Kubernetes does: one JSON object per line, {@code {"type":"ADDED","object":{...}}}.
 * A blank line is written as a heartbeat so a gone client is noticed. The number of open watches is
 * capped; each one holds a (virtual) thread.
 */
final class WatchStreamer {

    static final int MAX_WATCHES = 256;
    /** Events buffered per watch before the watcher is considered too slow and cut off. */
    static final int MAX_BUFFERED = 10_000;

    private final Cluster cluster;
    private final Duration heartbeat;
    private final Semaphore slots = new Semaphore(MAX_WATCHES);
    private volatile boolean closed;

    WatchStreamer(Cluster cluster, Duration heartbeat) {
        this.cluster = cluster;
        this.heartbeat = heartbeat;
    }

    void stream(Exchange ex, ApiPath path, LabelSelector selector, String resourceVersion) throws IOException {
        if (!slots.tryAcquire()) {
            ex.fail(429, "TooManyRequests", "too many open watches (" + MAX_WATCHES + ")");
            return;
        }
        BlockingQueue<ObjectNode> queue = new LinkedBlockingQueue<>(MAX_BUFFERED);
        WatchListener listener = new WatchListener() {
            @Override
            public void onEvent(WatchEvent e) {
                if (selector.matches(e.object().labels())) {
                    queue.offer(line(e.type().name(), e.object().toNode()));
                }
            }

            @Override
            public void onClose(ClusterException cause) {
                queue.offer(ApiStatus.failure(410, "Expired", cause.getMessage()).put("type", "ERROR"));
            }
        };
        Watch watch;
        try {
            watch = cluster.watch(path.groupKind(), path.namespace(), resourceVersion, listener);
        } catch (ClusterException e) {
            slots.release();
            ex.fail(ApiStatus.code(e.reason()), ApiStatus.reasonWord(e.reason()), e.getMessage());
            return;
        }
        try (watch; OutputStream out = ex.http().getResponseBody()) {
            ex.http().getResponseHeaders().set("Content-Type", "application/json");
            ex.http().sendResponseHeaders(200, 0);
            out.flush();
            while (!closed) {
                ObjectNode next = queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                if (next == null) {
                    out.write('\n');
                } else if (next.has("kind") && "Status".equals(next.path("kind").asText())) {
                    out.write((Json.write(line("ERROR", next)) + "\n").getBytes(StandardCharsets.UTF_8));
                    break;
                } else {
                    out.write((Json.write(next) + "\n").getBytes(StandardCharsets.UTF_8));
                }
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client went away; closing the watch is all there is to do.
        } finally {
            slots.release();
        }
    }

    private static ObjectNode line(String type, ObjectNode object) {
        ObjectNode n = Json.object();
        n.put("type", type);
        n.set("object", object);
        return n;
    }

    void close() {
        closed = true;
    }
}
