package dev.sluice.delivery.notify.msteams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.api.flagger.AlertSeverity;
import dev.sluice.delivery.net.HttpClients;
import dev.sluice.delivery.notify.Notification;
import dev.sluice.delivery.notify.Notifier;
import dev.sluice.delivery.notify.NotifyException;
import dev.sluice.delivery.notify.http.JsonPoster;

/** Microsoft Teams incoming webhook: a MessageCard with the fields as facts (theme 0076D7, errors FF0000). Thread-safe. */
public final class TeamsNotifier implements Notifier {

    private final JsonPoster poster;

    public TeamsNotifier(HttpClients clients, String address, String proxy) throws NotifyException {
        this.poster = new JsonPoster(clients, "MS Teams webhook URL", address, "", proxy);
    }

    @Override
    public void post(Notification n) throws NotifyException {
        poster.post(payload(n));
    }

    static ObjectNode payload(Notification n) {
        String subject = n.name() + "." + n.namespace();
        ObjectNode p = Json.object().put("@type", "MessageCard").put("@context", "http://schema.org/extensions")
                .put("themeColor", n.severity() == AlertSeverity.ERROR ? "FF0000" : "0076D7").put("summary", subject);
        ObjectNode section = p.putArray("sections").addObject().put("activityTitle", n.message())
                .put("activitySubtitle", subject);
        ArrayNode facts = section.putArray("facts");
        n.fields().forEach(f -> facts.addObject().put("name", f.name()).put("value", f.value()));
        return p;
    }
}
