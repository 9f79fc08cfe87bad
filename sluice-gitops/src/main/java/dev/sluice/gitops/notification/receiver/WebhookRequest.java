package dev.sluice.gitops.notification.receiver;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One call to a Receiver's webhook, as the validation sees it: headers (names case-insensitive,
 * first value of each) and the raw body the signatures are computed over.
 */
public record WebhookRequest(Map<String, String> headers, byte[] body) {

    public WebhookRequest {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> h.putIfAbsent(k.toLowerCase(Locale.ROOT), v));
        headers = h;
        body = body.clone();
    }

    /** The header's first value, or null. */
    public String header(String name) {
        return headers.get(name);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
