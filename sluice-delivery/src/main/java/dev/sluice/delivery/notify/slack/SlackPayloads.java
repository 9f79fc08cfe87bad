package dev.sluice.delivery.notify.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.delivery.notify.Notification;

/** Flagger's Slack payload, also sent to Discord (its Slack-compatible endpoint) and Rocket.Chat. */
public final class SlackPayloads {

    private SlackPayloads() {
    }

    /** One attachment with the message, coloured {@code ok} or {@code error} by severity. */
    public static ObjectNode of(Notification n, String channel, String username, String okColor, String errorColor) {
        ObjectNode p = Json.object().put("channel", channel).put("username", username).put("icon_url", "")
                .put("icon_emoji", ":rocket:");
        ObjectNode a = p.putArray("attachments").addObject();
        a.put("color", n.severity() == dev.sluice.api.flagger.AlertSeverity.ERROR ? errorColor : okColor);
        a.put("author_name", n.name() + "." + n.namespace());
        a.put("text", n.message());
        a.putArray("mrkdwn_in").add("text");
        ArrayNode fields = a.putArray("fields");
        n.fields().forEach(f -> fields.addObject().put("title", f.name()).put("value", f.value()).put("short", false));
        return p;
    }
}
