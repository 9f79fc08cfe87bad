package dev.sluice.delivery.routing.gatewayapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.api.flagger.HttpMatch;
import dev.sluice.api.flagger.StringMatch;
import dev.sluice.delivery.routing.RoutingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Istio-style match conditions ({@code service.match}, {@code analysis.match}) as Gateway API
 * HTTPRouteMatches, the way Flagger maps them: uri exact/prefix/regex to the path, method exact,
 * headers and query parameters exact or regex. Other forms cannot be expressed and are errors.
 */
final class HttpRouteMatches {

    private HttpRouteMatches() {
    }

    /** Flagger's mapRouteMatches; conditions that map to nothing are dropped. */
    static List<ObjectNode> map(List<HttpMatch> matches, String field) throws RoutingException {
        List<ObjectNode> out = new ArrayList<>();
        for (int i = 0; i < matches.size(); i++) {
            HttpMatch m = matches.get(i);
            String at = field + "[" + i + "]";
            ObjectNode match = Json.object();
            if (m.uri().isPresent()) {
                StringMatch uri = m.uri().get();
                String type = switch (uri.kind()) {
                    case REGEX -> "RegularExpression";
                    case EXACT -> "Exact";
                    case PREFIX -> "PathPrefix";
                    case SUFFIX -> throw new RoutingException("Invalid request matching selectors: " + at
                            + ".uri: Gateway API doesn't support the suffix path matching selector '" + uri.value() + "'");
                };
                match.putObject("path").put("type", type).put("value", uri.value());
            }
            if (m.method().isPresent()) {
                if (m.method().get().kind() != StringMatch.Kind.EXACT) {
                    throw new RoutingException("Invalid request matching selectors: " + at
                            + ".method: Gateway API supports only exact method matches");
                }
                match.put("method", m.method().get().value());
            }
            named(match, "headers", m.headers(), at);
            named(match, "queryParams", m.queryParams(), at);
            if (!match.isEmpty()) {
                out.add(match);
            }
        }
        return out;
    }

    private static void named(ObjectNode match, String field, Map<String, StringMatch> conditions, String at)
            throws RoutingException {
        for (Map.Entry<String, StringMatch> e : conditions.entrySet()) {
            StringMatch c = e.getValue();
            String type = switch (c.kind()) {
                case EXACT -> "Exact";
                case REGEX -> "RegularExpression";
                default -> throw new RoutingException("Invalid request matching selectors: " + at + "." + field + "."
                        + e.getKey() + ": Gateway API supports only exact and regex matches, got " + c.kind().wireName());
            };
            ((ArrayNode) (match.has(field) ? match.get(field) : match.putArray(field))).addObject()
                    .put("type", type).put("name", e.getKey()).put("value", c.value());
        }
    }

    /** The default when {@code service.match} maps to nothing: every path. */
    static List<ObjectNode> orDefault(List<ObjectNode> matches) {
        if (!matches.isEmpty()) {
            return matches;
        }
        ObjectNode m = Json.object();
        m.putObject("path").put("type", "PathPrefix").put("value", "/");
        return List.of(m);
    }

    /**
     * Flagger's mergeMatchConditions: each analysis condition combined with each service condition
     * (the service condition with the analysis headers and query parameters).
     */
    static List<ObjectNode> merge(List<ObjectNode> analysis, List<ObjectNode> service) {
        if (analysis.isEmpty()) {
            return service;
        }
        if (service.isEmpty()) {
            return analysis;
        }
        List<ObjectNode> merged = new ArrayList<>();
        for (ObjectNode a : analysis) {
            for (ObjectNode s : service) {
                ObjectNode m = s.deepCopy();
                copyIfNotEmpty(a, m, "headers");
                copyIfNotEmpty(a, m, "queryParams");
                merged.add(m);
            }
        }
        return merged;
    }

    private static void copyIfNotEmpty(ObjectNode from, ObjectNode to, String field) {
        JsonNode v = from.path(field);
        if (v.isArray() && !v.isEmpty()) {
            to.set(field, v.deepCopy());
        }
    }
}
