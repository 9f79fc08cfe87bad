package dev.sluice.server.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.Watch;
import dev.sluice.cluster.WatchEvent;
import dev.sluice.cluster.WatchListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Reads a line-delimited watch stream on a virtual thread and hands events to the listener. */
final class RemoteWatch implements Watch {

    private final Thread reader;
    private volatile InputStream body;
    private volatile boolean closed;

    private RemoteWatch(HttpClient http, HttpRequest request, WatchListener listener) {
        this.reader = Thread.ofVirtual().name("remote-watch").unstarted(() -> run(http, request, listener));
    }

    static RemoteWatch start(HttpClient http, HttpRequest request, WatchListener listener) {
        RemoteWatch w = new RemoteWatch(http, request, listener);
        w.reader.start();
        return w;
    }

    private void run(HttpClient http, HttpRequest request, WatchListener listener) {
        try {
            HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            body = r.body();
            if (r.statusCode() >= 400) {
                String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                listener.onClose(new ClusterException(ClusterException.Reason.EXPIRED, null, "watch refused: " + text));
                return;
            }
            try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String line;
                while (!closed && (line = in.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode n = Json.parseObject(line);
                    String type = n.path("type").asText();
                    if (type.equals("ERROR")) {
                        listener.onClose(new ClusterException(ClusterException.Reason.EXPIRED, null,
                                n.path("object").path("message").asText("watch expired")));
                        return;
                    }
                    if (type.equals("BOOKMARK")) {
                        continue;
                    }
                    listener.onEvent(new WatchEvent(WatchEvent.Type.valueOf(type), KubeObject.of(n.path("object"))));
                }
            }
            if (!closed) {
                listener.onClose(new ClusterException(ClusterException.Reason.UNAVAILABLE, null, "watch stream ended"));
            }
        } catch (IOException e) {
            if (!closed) {
                listener.onClose(new ClusterException(ClusterException.Reason.UNAVAILABLE, null, "watch failed: " + e.getMessage()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            InputStream b = body;
            if (b != null) {
                b.close();
            }
        } catch (IOException ignored) {
            // Closing a broken stream can fail; the watch is over either way.
        }
        reader.interrupt();
    }
}
