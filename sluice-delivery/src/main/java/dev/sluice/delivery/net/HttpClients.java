package dev.sluice.delivery.net;

import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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
    /** The clients' own threads, so none of their work lands on shared pools. */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sluice-http-deadline");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sluice-http-client");
        t.setDaemon(true);
        return t;
    });

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
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(connectTimeout).executor(executor)
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

    /**
     * One exchange on the calling thread, with a deadline for the whole of it: the request's own
     * timeout bounds the wait for the response head, a watchdog ends a body still streaming. The
     * body is read up to {@code cap} bytes. (Synchronous on purpose: the JDK's sendAsync completes
     * through the common ForkJoinPool, which anything else in the process may be blocking.)
     *
     * @throws IOException          when the connection fails or the deadline passes ("timed out after 5s")
     * @throws InterruptedException when the calling thread is interrupted (the request is cancelled)
     */
    public HttpResponse<CappedBody> send(HttpClient client, HttpRequest request, Duration deadline, int cap)
            throws IOException, InterruptedException {
        HttpRequest timed = HttpRequest.newBuilder(request, (name, value) -> true).timeout(deadline).build();
        CappedBody.Handler handler = CappedBody.handler(cap);
        String after = "timed out after " + dev.sluice.api.GoDuration.format(deadline);
        ScheduledFuture<?> watchdog = timer.schedule(() -> handler.abort(new HttpTimeoutException(after)),
                deadline.toNanos(), TimeUnit.NANOSECONDS);
        try {
            return client.send(timed, handler);
        } catch (HttpTimeoutException e) {
            throw new IOException(after, e);
        } catch (IOException e) {
            if (e.getCause() instanceof HttpTimeoutException t) {
                throw new IOException(after, t);
            }
            throw e;
        } finally {
            watchdog.cancel(false);
        }
    }

    @Override
    public void close() {
        clients.values().forEach(HttpClient::close);
        clients.clear();
        executor.shutdownNow();
        timer.shutdownNow();
    }
}
