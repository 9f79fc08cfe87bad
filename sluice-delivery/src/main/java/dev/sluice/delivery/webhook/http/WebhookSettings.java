package dev.sluice.delivery.webhook.http;

import dev.sluice.delivery.net.CappedBody;
import dev.sluice.delivery.net.HttpProxy;
import java.time.Duration;
import java.util.Optional;

/**
 * How webhooks are called.
 *
 * @param proxy        the mesh proxy for cluster-internal hosts (embedded mode), or empty
 * @param minBackoff   the first wait before a retry (go-retryablehttp: 1s), doubled per attempt
 * @param maxBackoff   the longest wait (30s)
 * @param bodyCap      how much of an answer is read (the rest is dropped)
 * @param maxRedirects redirects followed before giving up (Go: 10)
 */
public record WebhookSettings(Optional<HttpProxy> proxy, Duration minBackoff, Duration maxBackoff, int bodyCap,
                              int maxRedirects) {

    public static final WebhookSettings DEFAULTS = new WebhookSettings(Optional.empty(), Duration.ofSeconds(1),
            Duration.ofSeconds(30), CappedBody.ONE_MIB, 10);

    public WebhookSettings withProxy(HttpProxy p) {
        return new WebhookSettings(Optional.of(p), minBackoff, maxBackoff, bodyCap, maxRedirects);
    }

    public WebhookSettings withBackoff(Duration min, Duration max) {
        return new WebhookSettings(proxy, min, max, bodyCap, maxRedirects);
    }
}
