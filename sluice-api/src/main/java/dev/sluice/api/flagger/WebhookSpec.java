package dev.sluice.api.flagger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.FieldPath;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One webhook of {@code spec.analysis.webhooks}.
 *
 * @param timeout    the request timeout; default 10s
 * @param retries    extra attempts after a failed call
 * @param metadata   sent as {@code metadata} in the payload (the load tester reads {@code cmd} and {@code type})
 * @param muteAlert  no alert is sent when this gate holds the rollout
 */
public record WebhookSpec(String name, HookType type, String url, Duration timeout, int retries,
                          Map<String, String> metadata, boolean muteAlert, boolean disableTLS) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final Set<String> FIELDS = Set.of("name", "type", "url", "timeout", "retries", "metadata", "muteAlert",
            "disableTLS");

    public WebhookSpec {
        metadata = Map.copyOf(metadata);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    /** A webhook with defaults, as tests and the simulator write them. */
    public static WebhookSpec of(String name, HookType type, String url) {
        return new WebhookSpec(name, type, url, DEFAULT_TIMEOUT, 0, Map.of(), false, false);
    }

    static WebhookSpec read(JsonNode node, FieldPath at, Fields f) {
        f.known(node, at, FIELDS);
        String name = f.requiredString(node, at, "name");
        String typeName = f.string(node, at, "type", "");
        HookType type = HookType.fromWire(typeName).orElseGet(() -> {
            f.error(at.child("type"), "'" + typeName + "' is not a webhook type; expected one of "
                    + Arrays.stream(HookType.values()).map(HookType::wireName).collect(Collectors.joining(", ")));
            return HookType.ROLLOUT;
        });
        String url = f.requiredString(node, at, "url");
        if (!url.isEmpty()) {
            checkUrl(url, at.child("url"), f);
        }
        // Flagger ignores a timeout shorter than two characters ("", "5") and uses 10s.
        String timeoutText = f.string(node, at, "timeout", "");
        Duration timeout = timeoutText.length() < 2 ? DEFAULT_TIMEOUT
                : f.duration(node, at, "timeout").orElse(DEFAULT_TIMEOUT);
        if (timeout.isNegative() || timeout.isZero()) {
            f.error(at.child("timeout"), "'" + timeoutText + "' must be positive");
        }
        int retries = f.integer(node, at, "retries", 0);
        if (retries < 0) {
            f.error(at.child("retries"), retries + " must be >= 0");
        }
        return new WebhookSpec(name, type, url, timeout, Math.max(0, retries), f.stringMap(node, at, "metadata"),
                f.bool(node, at, "muteAlert"), f.bool(node, at, "disableTLS"));
    }

    private static void checkUrl(String url, FieldPath at, Fields f) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                f.error(at, "'" + url + "' must be an absolute http or https URL");
            }
        } catch (URISyntaxException e) {
            f.error(at, "'" + url + "' is not a valid URL: " + e.getReason());
        }
    }
}
