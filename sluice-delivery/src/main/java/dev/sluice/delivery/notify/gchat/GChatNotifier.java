package dev.sluice.delivery.notify.gchat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.delivery.net.HttpClients;
import dev.sluice.delivery.notify.Notification;
import dev.sluice.delivery.notify.Notifier;
import dev.sluice.delivery.notify.NotifyException;
import dev.sluice.delivery.notify.http.JsonPoster;

/** Google Chat incoming webhook: one card, the message then one section per field. Thread-safe. */
public final class GChatNotifier implements Notifier {

    private final JsonPoster poster;

    public GChatNotifier(HttpClients clients, String address, String proxy) throws NotifyException {
        this.poster = new JsonPoster(clients, "Google Chat webhook URL", address, "", proxy);
    }

    @Override
    public void post(Notification n) throws NotifyException {
        poster.post(payload(n));
    }

    static ObjectNode payload(Notification n) {
        ObjectNode p = Json.object();
        ObjectNode card = p.putArray("cards").addObject();
        card.putObject("header").put("title", "Flagger").put("subtitle", n.name() + "." + n.namespace())
                .put("imageUrl", "https://flagger.app/favicon.png");
        ArrayNode sections = card.putArray("sections");
        text(sections, "<font color=#848484><strong>" + n.message() + "</strong></font>");
        n.fields().forEach(f -> text(sections, f.name() + "<br><font color=#848484><strong>" + f.value()
                + "</strong></font>"));
        return p;
    }

    private static void text(ArrayNode sections, String html) {
        sections.addObject().putArray("widgets").addObject().putObject("textParagraph").put("text", html);
    }
}
