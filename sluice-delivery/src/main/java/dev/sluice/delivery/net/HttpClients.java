package dev.sluice.delivery.net;

import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;

/**
 * The JDK HTTP clients the delivery adapters share (metric providers, webhooks, notifiers): one per
 * combination of TLS verification, proxy and redirect policy, created on first use. Each JDK client
 * owns a selector thread, so creating one per call would leak threads; owned by the composition root
 * and closed with it. Thread-safe.
 */
public final class HttpClients implements AutoCloseable {

    private record Key(boolean insecure, ProxySelector proxy, boolean followRedirects) {
    }

    private final Duration connectTimeout;
    private final Map<Key, HttpClient> clients = new ConcurrentHashMap<>();

    public HttpClients(Duration connectTimeout) {
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    /** Shared clients with a 5 second connect timeout. */
    public static HttpClients defaults() {
        return new HttpClients(Duration.ofSeconds(5));
    }

    /** A client following redirects (not from https to http), as Go's default client does for GETs. */
    public HttpClient client(boolean insecureSkipVerify) {
        return client(insecureSkipVerify, null, true);
    }

    /**
     * @param insecureSkipVerify accept any server certificate and host name (Flagger's
     *                           {@code insecureSkipVerify} / {@code disableTLS})
     * @param proxy              where requests go, or null for direct connections
     * @param followRedirects    let the client follow redirects itself
     */
    public HttpClient client(boolean insecureSkipVerify, ProxySelector proxy, boolean followRedirects) {
        return clients.computeIfAbsent(new Key(insecureSkipVerify, proxy, followRedirects), this::create);
    }

    private HttpClient create(Key key) {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(key.followRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER);
        if (key.proxy() != null) {
            b.proxy(key.proxy());
        }
        if (key.insecure()) {
            try {
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(null, new javax.net.ssl.TrustManager[] {new TrustEverything()}, new SecureRandom());
                b.sslContext(tls);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot set up TLS without verification: " + e.getMessage(), e);
            }
        }
        return b.build();
    }

    @Override
    public void close() {
        clients.values().forEach(HttpClient::close);
        clients.clear();
    }
}
