package dev.sluice.helm.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Downloads repository indexes and charts over HTTP(S), with a timeout, optional basic
 * credentials and a size limit. Thread-safe.
 */
public class HttpFetcher {

    /** Username and password from a HelmRepository's secretRef. */
    public record Credentials(String username, String password) {
    }

    /** A download that failed; the message names the URL and the reason (e.g. the HTTP status). */
    public static final class FetchException extends Exception {
        private final boolean authentication;

        FetchException(String message, boolean authentication) {
            super(message);
            this.authentication = authentication;
        }

        public boolean authentication() {
            return authentication;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30)).build();

    /**
     * @param limit refuse bodies larger than this many bytes
     */
    public byte[] get(String url, Optional<Credentials> credentials, Duration timeout, long limit)
            throws FetchException, InterruptedException {
        HttpRequest.Builder req;
        try {
            req = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET()
                    .header("User-Agent", "sluice-source-controller");
        } catch (IllegalArgumentException e) {
            throw new FetchException("invalid URL '" + url + "': " + e.getMessage(), false);
        }
        credentials.ifPresent(c -> req.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8))));
        try {
            HttpResponse<InputStream> r = client.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() != 200) {
                    boolean auth = r.statusCode() == 401 || r.statusCode() == 403;
                    throw new FetchException("failed to fetch " + url + " : " + r.statusCode()
                            + (auth ? " (check the credentials in secretRef)" : ""), auth);
                }
                byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
                if (body.length > limit) {
                    throw new FetchException("failed to fetch " + url + ": larger than " + limit + " bytes", false);
                }
                return body;
            }
        } catch (IOException e) {
            throw new FetchException("failed to fetch " + url + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()), false);
        }
    }
}
