package dev.sluice.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.cluster.ApplyOptions;
import dev.sluice.cluster.ApplyResult;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.DeleteOptions;
import dev.sluice.cluster.EventRecord;
import java.io.IOException;
import java.util.List;

/** Serves the Kubernetes-layout resource paths over the {@link Cluster} port. */
final class ResourceHandler {

    private static final int MERGE_RETRIES = 5;
    private static final dev.sluice.api.GroupKind SECRET = dev.sluice.api.GroupKind.of("", "Secret");

    private final Cluster cluster;
    private final ResourceTypes types;
    private final TokenAuth auth;
    private final WatchStreamer watches;

    ResourceHandler(Cluster cluster, ResourceTypes types, TokenAuth auth, WatchStreamer watches) {
        this.cluster = cluster;
        this.types = types;
        this.auth = auth;
        this.watches = watches;
    }

    void handle(Exchange ex) throws IOException {
        ApiPath path = ApiPath.parse(ex.path(), types).orElse(null);
        if (path == null) {
            ex.fail(404, "NotFound", "no resource at " + ex.path());
            return;
        }
        boolean read = ex.method().equals("GET");
        if (!read && !auth.allows(ex.header("Authorization"))) {
            ex.fail(401, "Unauthorized", "changes need the API token (Authorization: Bearer <token>)");
            return;
        }
        if (read && path.groupKind().equals(SECRET) && !auth.allows(ex.header("Authorization"))) {
            // reads are open to any local process, but not the credentials Sources and MetricTemplates use
            ex.fail(401, "Unauthorized", "reading Secrets needs the API token (Authorization: Bearer <token>)");
            return;
        }
        try {
            if (path.type().kind().equals("Event") && path.type().group().isEmpty()) {
                events(ex, path);
            } else if (read) {
                get(ex, path);
            } else {
                write(ex, path);
            }
        } catch (ClusterException e) {
            int code = ApiStatus.code(e.reason());
            ex.fail(code, ApiStatus.reasonWord(e.reason()), e.getMessage());
        } catch (InvalidInputException | IllegalArgumentException e) {
            ex.fail(422, "Invalid", e.getMessage());
        }
    }

    private void get(Exchange ex, ApiPath path) throws IOException {
        if (!path.isCollection()) {
            KubeObject o = cluster.get(key(path)).orElseThrow(() -> ClusterException.notFound(key(path)));
            ex.reply(200, o.toNode());
            return;
        }
        LabelSelector selector = LabelSelector.parse(ex.query("labelSelector", ""));
        if (ex.flag("watch")) {
            watches.stream(ex, path, selector, ex.query("resourceVersion", ""));
            return;
        }
        String rv = cluster.currentResourceVersion();
        List<KubeObject> items = cluster.list(path.groupKind(), path.namespace(), selector);
        ObjectNode list = Json.object();
        list.put("apiVersion", path.type().storageApiVersion()).put("kind", path.type().kind() + "List");
        list.putObject("metadata").put("resourceVersion", rv);
        ArrayNode arr = list.putArray("items");
        items.forEach(o -> arr.add(o.toNode()));
        ex.reply(200, list);
    }

    private void write(Exchange ex, ApiPath path) throws IOException {
        switch (ex.method()) {
            case "POST" -> ex.reply(201, cluster.create(withPath(KubeObject.of(ex.body()), path)).toNode());
            case "PUT" -> {
                KubeObject o = withPath(KubeObject.of(ex.body()), path);
                KubeObject out = path.subresource().equals("status") ? cluster.updateStatus(o) : cluster.update(o);
                ex.reply(200, out.toNode());
            }
            case "PATCH" -> patch(ex, path);
            case "DELETE" -> {
                DeleteOptions.Propagation p = switch (ex.query("propagationPolicy", "Background")) {
                    case "Foreground" -> DeleteOptions.Propagation.FOREGROUND;
                    case "Orphan" -> DeleteOptions.Propagation.ORPHAN;
                    default -> DeleteOptions.Propagation.BACKGROUND;
                };
                cluster.delete(key(path), new DeleteOptions(p, ""));
                ObjectNode ok = Json.object().put("kind", "Status").put("apiVersion", "v1").put("status", "Success");
                ex.reply(200, ok);
            }
            default -> ex.fail(405, "MethodNotAllowed", ex.method() + " is not supported here");
        }
    }

    private void patch(Exchange ex, ApiPath path) throws IOException {
        String type = ex.header("Content-Type") == null ? "" : ex.header("Content-Type");
        JsonNode body = ex.body();
        if (type.startsWith("application/apply-patch")) {
            String manager = ex.query("fieldManager", "");
            if (manager.isEmpty()) {
                ex.fail(422, "Invalid", "server-side apply needs a fieldManager query parameter");
                return;
            }
            ApplyOptions options = new ApplyOptions(manager, ex.flag("force"), ex.flag("dryRun"));
            ApplyResult r = cluster.apply(withPath(KubeObject.of(body), path), options);
            ObjectNode out = r.object().toNode();
            ex.http().getResponseHeaders().set("X-Sluice-Action", r.action().word());
            ex.reply(r.action() == ApplyResult.Action.CREATED ? 201 : 200, out);
            return;
        }
        if (!type.startsWith("application/merge-patch+json")) {
            ex.fail(415, "UnsupportedMediaType", "PATCH supports application/apply-patch+yaml and application/merge-patch+json");
            return;
        }
        // Merge patches retry on conflicts: the patch says what to change, not from which version.
        for (int attempt = 0; ; attempt++) {
            KubeObject live = cluster.get(key(path)).orElseThrow(() -> ClusterException.notFound(key(path)));
            KubeObject patched = KubeObject.of(MergePatch.apply(live.toNode(), body));
            try {
                KubeObject out = path.subresource().equals("status") ? cluster.updateStatus(patched) : cluster.update(patched);
                ex.reply(200, out.toNode());
                return;
            } catch (ClusterException e) {
                if (!e.is(ClusterException.Reason.CONFLICT) || attempt >= MERGE_RETRIES) {
                    throw e;
                }
            }
        }
    }

    private void events(Exchange ex, ApiPath path) throws IOException {
        if (!ex.method().equals("GET")) {
            if (ex.method().equals("POST")) {
                cluster.recordEvent(EventJson.fromNode(ex.body()));
                ex.reply(201, Json.object().put("kind", "Status").put("status", "Success"));
            } else {
                ex.fail(405, "MethodNotAllowed", "events can be listed or posted");
            }
            return;
        }
        EventFilter filter = EventFilter.parse(ex.query("fieldSelector", ""), path.namespace());
        ObjectNode list = Json.object().put("apiVersion", "v1").put("kind", "EventList");
        ArrayNode items = list.putArray("items");
        for (EventRecord e : cluster.events(filter.exactKey())) {
            if (filter.matches(e)) {
                items.add(EventJson.toNode(e));
            }
        }
        ex.reply(200, list);
    }

    /** The object's namespace and name come from the path when the body leaves them out. */
    private static KubeObject withPath(KubeObject o, ApiPath path) {
        KubeObject out = o;
        if (!path.namespace().isEmpty() && o.namespace().isEmpty()) {
            out = out.withMetadata("namespace", path.namespace());
        }
        if (!path.name().isEmpty() && !path.name().equals(o.name())) {
            throw new IllegalArgumentException("the name in the body ('" + o.name() + "') differs from the path ('" + path.name() + "')");
        }
        return out;
    }

    private static ObjectKey key(ApiPath path) {
        return new ObjectKey(path.groupKind(), path.namespace(), path.name());
    }
}
