package dev.sluice.local.mesh.route;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** A request for routing tests. */
record FakeRequest(String authority, String method, String path, String rawQuery, Map<String, String> headers)
        implements RequestView {

    static FakeRequest get(String authority, String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return new FakeRequest(authority, "GET", q < 0 ? pathAndQuery : pathAndQuery.substring(0, q),
                q < 0 ? "" : pathAndQuery.substring(q + 1), Map.of());
    }

    FakeRequest with(String name, String value) {
        Map<String, String> h = new HashMap<>(headers);
        h.put(name.toLowerCase(Locale.ROOT), value);
        return new FakeRequest(authority, method, path, rawQuery, h);
    }

    @Override
    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }
}
