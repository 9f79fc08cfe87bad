package dev.sluice.delivery.routing.smi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.flagger.Canary;
import dev.sluice.api.flagger.HttpMatch;
import dev.sluice.api.flagger.StringMatch;
import dev.sluice.delivery.routing.RoutingException;
import dev.sluice.delivery.routing.support.RouteObjects;
import java.util.List;
import java.util.Map;

/**
 * The SMI HTTPRouteGroup ({@code specs.smi-spec.io}) holding a Canary's A/B conditions: one match
 * per {@code analysis.match} entry, headers as regular expressions (SMI header values are regexes
 * matched against the whole value), the path from {@code uri}, the method from {@code method}.
 */
final class HttpRouteGroups {

    private HttpRouteGroups() {
    }

    static ObjectNode build(Canary canary, SmiVersion version, List<HttpMatch> matches, ObjectNode owner)
            throws RoutingException {
        ObjectNode g = RouteObjects.object("specs.smi-spec.io/" + version.wire(), "HTTPRouteGroup",
                canary.namespace(), canary.apexName());
        RouteObjects.putOwner(g, owner);
        ArrayNode out = g.putObject("spec").putArray("matches");
        for (int i = 0; i < matches.size(); i++) {
            HttpMatch m = matches.get(i);
            ObjectNode match = out.addObject().put("name", "ab-" + i);
            if (m.method().isPresent()) {
                match.putArray("methods").add(m.method().get().value());
            }
            if (m.uri().isPresent()) {
                match.put("pathRegex", regex(m.uri().get()));
            }
            if (!m.queryParams().isEmpty()) {
                throw new RoutingException("HTTPRouteGroup " + canary.apexName() + "." + canary.namespace()
                        + ": analysis.match[" + i + "].queryParams cannot be expressed in SMI; match on headers");
            }
            if (!m.headers().isEmpty()) {
                ObjectNode headers = match.putObject("headers");
                for (Map.Entry<String, StringMatch> h : m.headers().entrySet()) {
                    headers.put(h.getKey(), regex(h.getValue()));
                }
            }
        }
        return g;
    }

    /** A regular expression matching the whole value exactly when {@code m} does. */
    static String regex(StringMatch m) {
        return switch (m.kind()) {
            case EXACT -> quote(m.value());
            case PREFIX -> quote(m.value()) + ".*";
            case SUFFIX -> ".*" + quote(m.value());
            case REGEX -> m.value();
        };
    }

    /** Escapes regex metacharacters one by one (portable to Go's RE2 and Java). */
    static String quote(String literal) {
        StringBuilder b = new StringBuilder();
        for (char c : literal.toCharArray()) {
            if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }
}
