package dev.sluice.delivery.notify.webhook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.delivery.net.HttpClients;
import dev.sluice.delivery.notify.Notification;
import dev.sluice.delivery.notify.Notifier;
import dev.sluice.delivery.notify.NotifyException;
import dev.sluice.delivery.notify.http.JsonPoster;

/**
 * Sluice's generic JSON alert (Flagger has none; its users wire event webhooks instead):
 * {@code {"name", "namespace", "message", "severity", "fields": [{"name", "value"}]}} POSTed with an
 * optional bearer token. Thread-safe.
 */
public final class WebhookNotifier implements Notifier {

    private final JsonPoster poster;

    public WebhookNotifier(HttpClients clients, String address, String token, String proxy) throws NotifyException {
        this.poster = new JsonPoster(clients, "alert webhook URL", address, token, proxy);
    }

    @Override
    public void post(Notification n) throws NotifyException {
        poster.post(payload(n));
    }

    static ObjectNode payload(Notification n) {
        ObjectNode p = Json.object().put("name", n.name()).put("namespace", n.namespace()).put("message", n.message())
                .put("severity", n.severity().wireName());
        ArrayNode fields = p.putArray("fields");
        n.fields().forEach(f -> fields.addObject().put("name", f.name()).put("value", f.value()));
        return p;
    }
}
