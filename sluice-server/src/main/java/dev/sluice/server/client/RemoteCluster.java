package dev.sluice.server.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceType;
import dev.sluice.api.ResourceTypes;
import dev.sluice.cluster.ApplyOptions;
import dev.sluice.cluster.ApplyResult;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.DeleteOptions;
import dev.sluice.cluster.EventRecord;
import dev.sluice.cluster.Watch;
import dev.sluice.cluster.WatchListener;
import dev.sluice.server.api.ApiPath;
import dev.sluice.server.api.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@link Cluster} port over the HTTP API of a running {@code sluice up}: what the CLI uses to
 * talk to embedded mode. Thread-safe.
 */
public final class RemoteCluster implements Cluster {

    private final URI base;
    private final String token;
    private final ResourceTypes types;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param base  e.g. {@code http://127.0.0.1:9494}
     * @param token the API token, or null for read-only use
     */
    public RemoteCluster(URI base, String token, ResourceTypes types) {
        this.base = base;
        this.token = token;
        this.types = types;
    }

    public URI base() {
        return base;
    }

    private ResourceType type(GroupKind gk, String namespace) {
        return types.getOrGuess(gk, !namespace.isEmpty());
    }

    private String path(ObjectKey key, String sub) {
        ResourceType t = type(key.groupKind(), key.namespace());
        return ApiPath.of(t, t.namespaced() ? key.namespace() : "", key.name(), sub);
    }

    @Override
    public Optional<KubeObject> get(ObjectKey key) {
        Reply r = send(request(path(key, "")).GET(), key);
        if (r.code == 404) {
            return Optional.empty();
        }
        return Optional.of(KubeObject.of(r.body(key)));
    }

    @Override
    public List<KubeObject> list(GroupKind kind, String namespace, LabelSelector selector) {
        ResourceType t = type(kind, namespace);
        String p = ApiPath.of(t, namespace, "", "");
        if (!selector.isEverything()) {
            p += "?labelSelector=" + URLEncoder.encode(selector.toString(), StandardCharsets.UTF_8);
        }
        JsonNode list = send(request(p).GET(), null).body(null);
        List<KubeObject> out = new ArrayList<>();
        list.path("items").forEach(i -> out.add(KubeObject.of(i)));
        return out;
    }

    @Override
    public ApplyResult apply(KubeObject desired, ApplyOptions options) {
        String p = path(desired.key(), "") + "?fieldManager=" + enc(options.fieldManager())
                + (options.force() ? "&force=true" : "") + (options.dryRun() ? "&dryRun=All" : "");
        HttpRequest.Builder b = request(p).header("Content-Type", "application/apply-patch+yaml")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(desired.toJson()));
        Reply r = send(b, desired.key());
        KubeObject out = KubeObject.of(r.body(desired.key()));
        String action = r.response.headers().firstValue("X-Sluice-Action").orElse("configured");
        return new ApplyResult(out, switch (action) {
            case "created" -> ApplyResult.Action.CREATED;
            case "unchanged" -> ApplyResult.Action.UNCHANGED;
            default -> ApplyResult.Action.CONFIGURED;
        });
    }

    @Override
    public KubeObject create(KubeObject object) {
        ResourceType t = type(object.groupKind(), object.namespace());
        String p = ApiPath.of(t, t.namespaced() ? object.namespace() : "", "", "");
        return KubeObject.of(send(request(p).POST(json(object)), object.key()).body(object.key()));
    }

    @Override
    public KubeObject update(KubeObject object) {
        return KubeObject.of(send(request(path(object.key(), "")).PUT(json(object)), object.key()).body(object.key()));
    }

    @Override
    public KubeObject updateStatus(KubeObject object) {
        return KubeObject.of(send(request(path(object.key(), "status")).PUT(json(object)), object.key()).body(object.key()));
    }

    /** Changes an object with a JSON merge patch (the server retries on conflicts). */
    public KubeObject mergePatch(ObjectKey key, JsonNode patch) {
        HttpRequest.Builder b = request(path(key, "")).header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(Json.write(patch)));
        return KubeObject.of(send(b, key).body(key));
    }

    @Override
    public void delete(ObjectKey key, DeleteOptions options) {
        String policy = switch (options.propagation()) {
            case FOREGROUND -> "Foreground";
            case ORPHAN -> "Orphan";
            case BACKGROUND -> "Background";
        };
        send(request(path(key, "") + "?propagationPolicy=" + policy).DELETE(), key).body(key);
    }

    @Override
    public Watch watch(GroupKind kind, String namespace, String resourceVersion, WatchListener listener) {
        ResourceType t = type(kind, namespace);
        String p = ApiPath.of(t, namespace, "", "") + "?watch=true&resourceVersion=" + enc(resourceVersion);
        return RemoteWatch.start(http, request(p).GET().build(), listener);
    }

    @Override
    public String currentResourceVersion() {
        ResourceType ns = types.get(GroupKind.of("", "Namespace")).orElseThrow();
        JsonNode list = send(request(ApiPath.of(ns, "", "", "")).GET(), null).body(null);
        return list.path("metadata").path("resourceVersion").asText("");
    }

    @Override
    public void recordEvent(EventRecord event) {
        String p = "/api/v1/namespaces/" + event.involved().namespace() + "/events";
        send(request(p).POST(HttpRequest.BodyPublishers.ofString(Json.write(EventJson.toNode(event)))), null).body(null);
    }

    @Override
    public List<EventRecord> events(ObjectKey involved) {
        String p = "/api/v1/events";
        if (involved != null) {
            p += "?fieldSelector=" + enc("involvedObject.kind=" + involved.groupKind().kind()
                    + ",involvedObject.group=" + involved.groupKind().group()
                    + ",involvedObject.namespace=" + involved.namespace()
                    + ",involvedObject.name=" + involved.name());
        }
        JsonNode list = send(request(p).GET(), involved).body(involved);
        List<EventRecord> out = new ArrayList<>();
        list.path("items").forEach(i -> out.add(EventJson.fromNode(i)));
        return out;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private static HttpRequest.BodyPublisher json(KubeObject o) {
        return HttpRequest.BodyPublishers.ofString(o.toJson());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }

    private record Reply(int code, HttpResponse<String> response) {

        JsonNode body(ObjectKey key) {
            JsonNode n = response.body().isEmpty() ? Json.object() : Json.parseObject(response.body());
            if (code >= 400) {
                String reason = n.path("reason").asText("");
                String msg = n.path("message").asText("HTTP " + code);
                throw new ClusterException(dev.sluice.server.api.RemoteErrors.reasonOf(reason, code), key, msg);
            }
            return n;
        }
    }

    private Reply send(HttpRequest.Builder b, ObjectKey key) {
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r);
        } catch (IOException e) {
            throw new ClusterException(ClusterException.Reason.UNAVAILABLE, key,
                    "cannot reach the Sluice API at " + base + " (" + e.getMessage() + "); is 'sluice up' running?",
                    List.of(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException(ClusterException.Reason.UNAVAILABLE, key, "interrupted", List.of(), e);
        }
    }
}
