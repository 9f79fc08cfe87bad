package dev.sluice.gitops.notification.notifier;

import java.time.Duration;
import java.util.Map;

/**
 * A Provider resolved for sending: its spec with the Secret's {@code address}, {@code token} and
 * {@code headers} applied, as notification-controller combines them.
 *
 * @param type    the Provider's {@code spec.type}
 * @param address the webhook URL (the Secret's {@code address} wins over {@code spec.address})
 * @param token   the Secret's {@code token}, or "" (Slack's bearer token, generic-hmac's key)
 * @param headers extra request headers from the Secret's {@code headers} (YAML map), for generic types
 */
public record NotifierSettings(String type, String address, String token, Map<String, String> headers, String channel,
                               String username, Duration timeout) {

    public NotifierSettings {
        headers = Map.copyOf(headers);
    }
}
