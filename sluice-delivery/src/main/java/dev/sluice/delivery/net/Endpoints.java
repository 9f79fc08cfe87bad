package dev.sluice.delivery.net;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Checks of the URLs users give: absolute http or https only (no {@code file:}, {@code ftp:}, {@code jar:}...). */
public final class Endpoints {

    private Endpoints() {
    }

    /**
     * @param what how messages name the URL, e.g. {@code prometheus address}
     * @throws IllegalArgumentException naming the value and what is expected
     */
    public static URI httpUri(String url, String what) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(what + " '" + dev.sluice.api.Redaction.urls(url) + "' is not a valid URL: "
                    + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(what + " '" + dev.sluice.api.Redaction.urls(url) + "' must be an http or https URL"
                    + (scheme.isEmpty() ? "" : "; the scheme '" + scheme + "' is refused"));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException(what + " '" + dev.sluice.api.Redaction.urls(url) + "' has no host");
        }
        return uri;
    }

    public static boolean isHttp(URI uri) {
        String s = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return s.equals("http") || s.equals("https");
    }
}
