package dev.sluice.delivery.routing.gatewayapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.GoDuration;
import dev.sluice.api.Json;
import dev.sluice.api.flagger.CanaryService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rule filters Flagger derives from {@code spec.service}: request and response header
 * modifiers, URL rewrite, request mirrors and (v1 only) CORS, in that order.
 */
final class HttpRouteFilters {

    private HttpRouteFilters() {
    }

    static List<ObjectNode> of(CanaryService service, GatewayApiVersion version) {
        List<ObjectNode> filters = new ArrayList<>();
        service.headers().ifPresent(h -> {
            if (h.has("request")) {
                filters.add(headerModifier("RequestHeaderModifier", "requestHeaderModifier", h.get("request")));
            }
            if (h.has("response")) {
                filters.add(headerModifier("ResponseHeaderModifier", "responseHeaderModifier", h.get("response")));
            }
        });
        service.rewrite().ifPresent(r -> filters.add(rewrite(r)));
        for (JsonNode mirror : service.mirror()) {
            ObjectNode f = Json.object().put("type", "RequestMirror");
            ObjectNode m = f.putObject("requestMirror");
            m.set("backendRef", reference(mirror.path("backendRef")));
            filters.add(f);
        }
        if (version == GatewayApiVersion.V1) {
            service.corsPolicy().ifPresent(c -> filters.add(cors(c)));
        }
        return filters;
    }

    /** The fields of a BackendObjectReference/ParentReference, in the Gateway API's order. */
    static ObjectNode reference(JsonNode ref) {
        ObjectNode out = Json.object();
        for (String field : List.of("group", "kind", "namespace", "name", "sectionName", "port")) {
            if (ref.has(field)) {
                out.set(field, ref.get(field).deepCopy());
            }
        }
        return out;
    }

    private static ObjectNode headerModifier(String type, String field, JsonNode ops) {
        ObjectNode f = Json.object().put("type", type);
        ObjectNode m = f.putObject(field);
        for (String op : List.of("add", "set")) {
            Map<String, String> sorted = new TreeMap<>();
            ops.path(op).properties().forEach(e -> sorted.put(e.getKey(), e.getValue().asText()));
            if (!sorted.isEmpty()) {
                ArrayNode a = m.putArray(op);
                sorted.forEach((k, v) -> a.addObject().put("name", k).put("value", v));
            }
        }
        if (ops.path("remove").isArray() && !ops.path("remove").isEmpty()) {
            ArrayNode a = m.putArray("remove");
            ops.path("remove").forEach(r -> a.add(r.asText()));
        }
        return f;
    }

    private static ObjectNode rewrite(JsonNode r) {
        ObjectNode f = Json.object().put("type", "URLRewrite");
        ObjectNode u = f.putObject("urlRewrite");
        String authority = r.path("authority").asText("");
        if (!authority.isEmpty()) {
            u.put("hostname", authority);
        }
        String uri = r.path("uri").asText("");
        if (!uri.isEmpty()) {
            boolean prefix = "ReplacePrefixMatch".equals(r.path("type").asText(""));
            ObjectNode p = u.putObject("path").put("type", prefix ? "ReplacePrefixMatch" : "ReplaceFullPath");
            p.put(prefix ? "replacePrefixMatch" : "replaceFullPath", uri);
        }
        return f;
    }

    /** Istio's corsPolicy as a CORS filter; {@code allowOrigins} (string matches) has no equivalent. */
    private static ObjectNode cors(JsonNode c) {
        ObjectNode f = Json.object().put("type", "CORS");
        ObjectNode out = f.putObject("cors");
        copyList(c, "allowOrigin", out, "allowOrigins");
        copyList(c, "allowMethods", out, "allowMethods");
        copyList(c, "allowHeaders", out, "allowHeaders");
        copyList(c, "exposeHeaders", out, "exposeHeaders");
        if (c.path("allowCredentials").asBoolean(false)) {
            out.put("allowCredentials", true);
        }
        String maxAge = c.path("maxAge").asText("");
        if (!maxAge.isEmpty()) {
            try {
                long seconds = GoDuration.parse(maxAge).toSeconds();
                if (seconds > 0) {
                    out.put("maxAge", seconds);
                }
            } catch (IllegalArgumentException e) {
                // Flagger ignores a maxAge it cannot parse.
            }
        }
        return f;
    }

    private static void copyList(JsonNode from, String field, ObjectNode to, String as) {
        JsonNode v = from.path(field);
        if (v.isArray() && !v.isEmpty()) {
            to.set(as, v.deepCopy());
        }
    }
}
