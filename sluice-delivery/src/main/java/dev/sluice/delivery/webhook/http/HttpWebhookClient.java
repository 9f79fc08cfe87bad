package dev.sluice.delivery.webhook.http;

import dev.sluice.api.Json;
import dev.sluice.api.Redaction;
import dev.sluice.api.flagger.WebhookSpec;
import dev.sluice.delivery.net.CappedBody;
import dev.sluice.delivery.net.Endpoints;
import dev.sluice.delivery.net.Http;
import dev.sluice.delivery.net.HttpClients;
import dev.sluice.delivery.webhook.WebhookClient;
import dev.sluice.delivery.webhook.WebhookPayload;
import dev.sluice.delivery.webhook.WebhookResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Calls webhooks as Flagger does with go-retryablehttp: POST of the JSON payload, the hook's
 * timeout per attempt, {@code retries} more attempts on connection errors, 429 and 5xx (not 501)
 * with exponential backoff (honouring {@code Retry-After}), TLS unverified with {@code disableTLS}.
 * Passed means a status up to 202; otherwise the (capped) body is the error. Redirects are followed
 * as Go follows them (303/301/302 become a GET), at most {@link WebhookSettings#maxRedirects}, and
 * only to http(s). Cluster-internal hosts can go through the mesh proxy. Thread-safe.
 */
public final class HttpWebhookClient implements WebhookClient {

    private final HttpClients clients;
    private final WebhookSettings settings;
    private final Sleeper sleeper;

    public HttpWebhookClient(HttpClients clients, WebhookSettings settings, Sleeper sleeper) {
        this.clients = clients;
        this.settings = settings;
        this.sleeper = sleeper;
    }

    /** One attempt's outcome: a response, or an I/O failure with whether it is worth retrying. */
    private record Attempt(int status, String body, String error, boolean retry, Duration retryAfter) {
    }

    @Override
    public WebhookResult call(WebhookSpec hook, WebhookPayload payload) {
        URI uri;
        try {
            uri = Endpoints.httpUri(hook.url(), "webhook " + hook.name() + " url");
        } catch (IllegalArgumentException e) {
            return WebhookResult.failed(Redaction.urls(e.getMessage()));
        }
        HttpClient client = clients.client(hook.disableTLS(), settings.proxy().map(p -> p.selector()).orElse(null), false);
        byte[] body = Json.write(payload.toNode()).getBytes(StandardCharsets.UTF_8);
        int attempts = 1 + Math.max(0, hook.retries());
        Attempt last = null;
        for (int i = 0; i < attempts; i++) {
            if (i > 0) {
                try {
                    sleeper.sleep(backoff(i, last.retryAfter()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return WebhookResult.failed("interrupted while retrying " + hook.url());
                }
            }
            last = attempt(client, uri, body, hook.timeout());
            if (last.error() == null && last.status() <= 202) {
                return new WebhookResult.Passed(last.status());
            }
            if (!last.retry()) {
                break;
            }
        }
        String suffix = attempts > 1 && last.retry() ? " (giving up after " + attempts + " attempts)" : "";
        // a password in the hook's URL must not reach events and conditions
        return WebhookResult.failed(Redaction.urls((last.error() != null ? last.error() : last.body()) + suffix));
    }

    private Attempt attempt(HttpClient client, URI start, byte[] body, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI uri = start;
        boolean post = true;
        for (int redirects = 0; ; redirects++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout);
            b = post ? b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    : b.GET();
            HttpResponse<CappedBody> r;
            try {
                Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
                r = clients.send(client, b.build(), left, settings.bodyCap());
            } catch (IOException e) {
                String why = e.getMessage() != null && e.getMessage().startsWith("timed out after")
                        ? "timed out after " + dev.sluice.api.GoDuration.format(timeout) : Http.describe(e);
                return new Attempt(0, "", "POST " + start + ": " + why, true, Duration.ZERO);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Attempt(0, "", "POST " + start + ": interrupted", false, Duration.ZERO);
            }
            int status = r.statusCode();
            var location = r.headers().firstValue("Location");
            if (status >= 300 && status < 400 && status != 304 && location.isPresent()) {
                if (redirects >= settings.maxRedirects()) {
                    return new Attempt(0, "", "POST " + start + ": stopped after " + settings.maxRedirects()
                            + " redirects", false, Duration.ZERO);
                }
                URI next = uri.resolve(location.get());
                if (!Endpoints.isHttp(next)) {
                    return new Attempt(0, "", "POST " + start + ": redirect to '" + next + "' refused: only http and "
                            + "https are followed", false, Duration.ZERO);
                }
                post = post && (status == 307 || status == 308);
                uri = next;
                continue;
            }
            boolean retry = status == 429 || (status >= 500 && status != 501);
            return new Attempt(status, r.body().text(), null, retry, retryAfter(r));
        }
    }

    private Duration backoff(int attempt, Duration retryAfter) {
        if (!retryAfter.isZero()) {
            return retryAfter.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : retryAfter;
        }
        long ms = settings.minBackoff().toMillis() << Math.min(20, attempt - 1);
        return Duration.ofMillis(Math.min(ms, settings.maxBackoff().toMillis()));
    }

    private static Duration retryAfter(HttpResponse<?> r) {
        if (r.statusCode() != 429 && r.statusCode() != 503) {
            return Duration.ZERO;
        }
        try {
            return r.headers().firstValue("Retry-After").map(v -> Duration.ofSeconds(Long.parseLong(v.strip())))
                    .orElse(Duration.ZERO);
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }
}
