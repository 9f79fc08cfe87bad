package dev.sluice.local.apps.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request to a built-in app.
 *
 * @param path    the decoded path, e.g. {@code /face/}
 * @param query   the raw query without {@code ?}, or ""
 * @param headers by name, case-insensitive
 */
public record HttpRequest(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {

    /** The first value of a header, or "". */
    public String header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? "" : v.getFirst();
    }

    /** The path and query as sent: {@code /center/?row=1}. */
    public String pathAndQuery() {
        return query.isEmpty() ? path : path + "?" + query;
    }

    /** Headers as a flat map (values joined by ", "), as the Faces apps echo them. */
    public Map<String, String> flatHeaders() {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((k, v) -> out.put(k, String.join(", ", v)));
        return out;
    }
}
