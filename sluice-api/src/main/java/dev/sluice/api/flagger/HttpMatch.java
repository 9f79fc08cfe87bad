package dev.sluice.api.flagger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.FieldPath;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One HTTP match condition (Istio's HTTPMatchRequest), used by {@code spec.analysis.match} (A/B
 * testing) and {@code spec.service.match}. The conditions routers commonly translate are typed; the
 * whole mapping is kept in {@link #raw} for routers that pass it through (Istio).
 *
 * @param headers     header name → condition (cookies are matched through the {@code cookie} header)
 * @param queryParams query parameter → condition
 * @param raw         the mapping as written; read only, never change it
 */
public record HttpMatch(Map<String, StringMatch> headers, Optional<StringMatch> uri, Optional<StringMatch> method,
                        Optional<StringMatch> scheme, Optional<StringMatch> authority,
                        Map<String, StringMatch> queryParams, JsonNode raw) {

    static final Set<String> FIELDS = Set.of("name", "uri", "scheme", "method", "authority", "headers", "port",
            "sourceLabels", "gateways", "queryParams", "ignoreUriCase", "withoutHeaders", "sourceNamespace");

    public HttpMatch {
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        queryParams = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(queryParams));
    }

    /** A match on one header, as most A/B tests are written. */
    public static HttpMatch header(String name, StringMatch condition) {
        return new HttpMatch(Map.of(name, condition), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of(), dev.sluice.api.Json.object());
    }

    static HttpMatch read(JsonNode node, FieldPath at, Fields f) {
        if (!node.isObject()) {
            f.error(at, "must be a mapping, got " + Fields.show(node));
            return new HttpMatch(Map.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Map.of(), dev.sluice.api.Json.object());
        }
        f.known(node, at, FIELDS);
        return new HttpMatch(conditions(node, at, "headers", f), one(node, at, "uri", f), one(node, at, "method", f),
                one(node, at, "scheme", f), one(node, at, "authority", f), conditions(node, at, "queryParams", f),
                node.deepCopy());
    }

    private static Optional<StringMatch> one(JsonNode node, FieldPath at, String field, Fields f) {
        JsonNode v = Fields.child(node, field);
        return v.isMissingNode() ? Optional.empty() : StringMatch.read(v, at.child(field), f);
    }

    private static Map<String, StringMatch> conditions(JsonNode node, FieldPath at, String field, Fields f) {
        JsonNode map = f.object(node, at, field);
        Map<String, StringMatch> out = new LinkedHashMap<>();
        map.properties().forEach(e -> StringMatch.read(e.getValue(), at.child(field).child(e.getKey()), f)
                .ifPresent(m -> out.put(e.getKey(), m)));
        return out;
    }
}
