package dev.sluice.gitops.notification.notifier;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.gitops.notification.FluxEvent;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON notification-controller posts to each chat provider, field for field (Go's field order;
 * metadata in key order, where Go would iterate its map at random). Pure and thread-safe.
 */
public final class Payloads {

    private Payloads() {
    }

    /** {@code kustomization/apps.flux-system}: how every chat provider names the object. */
    static String objectName(FluxEvent e) {
        FluxEvent.InvolvedObject o = e.involvedObject();
        return o.kind().toLowerCase(Locale.ROOT) + "/" + o.name() + "." + o.namespace();
    }

    static boolean isError(FluxEvent e) {
        return FluxEvent.ERROR.equals(e.severity());
    }

    /** Slack: one attachment, "good" or "danger", the metadata as fields; username defaults to the controller. */
    public static ObjectNode slack(FluxEvent e, String channel, String username) {
        String author = objectName(e);
        ObjectNode p = Json.object().put("channel", channel)
                .put("username", username.isEmpty() ? e.reportingController() : username)
                .put("icon_url", "").put("icon_emoji", "");
        attachment(p, e, author + ": " + e.message().split("\n", -1)[0], isError(e) ? "danger" : "good");
        return p;
    }

    /** Discord's Slack-compatible endpoint: no channel, no fallback text. */
    public static ObjectNode discord(FluxEvent e, String username) {
        ObjectNode p = Json.object().put("channel", "")
                .put("username", username.isEmpty() ? e.reportingController() : username)
                .put("icon_url", "").put("icon_emoji", "");
        attachment(p, e, "", isError(e) ? "danger" : "good");
        return p;
    }

    /** Rocket.Chat: the Slack shape with Teams' colours; the username is not defaulted. */
    public static ObjectNode rocket(FluxEvent e, String channel, String username) {
        ObjectNode p = Json.object().put("channel", channel).put("username", username)
                .put("icon_url", "").put("icon_emoji", "");
        attachment(p, e, "", isError(e) ? "#FF0000" : "#0076D7");
        return p;
    }

    private static void attachment(ObjectNode p, FluxEvent e, String fallback, String color) {
        ObjectNode a = p.putArray("attachments").addObject();
        a.put("fallback", fallback).put("color", color).put("author_name", objectName(e)).put("text", e.message());
        a.putArray("mrkdwn_in").add("text");
        ArrayNode fields = a.putArray("fields");
        e.metadata().forEach((k, v) -> fields.addObject().put("title", k).put("value", v).put("short", false));
    }

    /** Microsoft Teams' retired Office 365 connector (addresses on {@code *.webhook.office.com}): a MessageCard. */
    public static ObjectNode teamsMessageCard(FluxEvent e) {
        String name = objectName(e);
        ObjectNode p = Json.object().put("@type", "MessageCard").put("@context", "http://schema.org/extensions")
                .put("themeColor", isError(e) ? "FF0000" : "0076D7").put("summary", name);
        ObjectNode section = p.putArray("sections").addObject().put("activityTitle", e.message())
                .put("activitySubtitle", name);
        ArrayNode facts = section.putArray("facts");
        e.metadata().forEach((k, v) -> facts.addObject().put("name", k).put("value", v));
        return p;
    }

    /** Microsoft Teams workflows (every other address): an Adaptive Card 1.4, the summary fact first. */
    public static ObjectNode teamsAdaptiveCard(FluxEvent e) {
        ObjectNode p = Json.object().put("type", "message");
        ObjectNode att = p.putArray("attachments").addObject().put("contentType", "application/vnd.microsoft.card.adaptive");
        ObjectNode content = att.putObject("content").put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                .put("type", "AdaptiveCard").put("version", "1.4");
        ArrayNode items = content.putArray("body").addObject().put("type", "Container").putArray("items");
        items.addObject().put("type", "TextBlock").put("text", objectName(e)).put("size", "large").put("weight", "bolder")
                .put("wrap", true);
        ObjectNode message = items.addObject().put("type", "TextBlock").put("text", e.message());
        if (isError(e)) {
            message.put("color", "attention");
        }
        message.put("wrap", true);
        ObjectNode factSet = items.addObject().put("type", "FactSet");
        Map<String, String> meta = e.metadata();
        if (!meta.isEmpty()) {
            ArrayNode facts = factSet.putArray("facts");
            String summary = meta.remove("summary");
            if (summary != null) {
                facts.addObject().put("title", "summary").put("value", summary);
            }
            meta.forEach((k, v) -> facts.addObject().put("title", k).put("value", v));
        }
        content.putObject("msteams").put("width", "Full");
        return p;
    }

    /** Google Chat: a card with the object, the controller, the message (red on errors) and the metadata. */
    public static ObjectNode googleChat(FluxEvent e) {
        ObjectNode p = Json.object();
        ObjectNode card = p.putArray("cards").addObject();
        card.putObject("header").put("title", objectName(e)).put("subtitle", e.reportingController())
                .putNull("imageUrl").putNull("imageStyle");
        ArrayNode sections = card.putArray("sections");
        String text = isError(e) ? "<font color=\"#ff0000\">" + e.message() + "</font>" : e.message();
        ObjectNode first = sections.addObject().put("header", "");
        ObjectNode w = first.putArray("widgets").addObject();
        w.putObject("textParagraph").put("text", text);
        w.putNull("keyValue");
        if (!e.metadata().isEmpty()) {
            ArrayNode widgets = sections.addObject().put("header", "").putArray("widgets");
            e.metadata().forEach((k, v) -> {
                ObjectNode kv = widgets.addObject();
                kv.putNull("textParagraph");
                kv.putObject("keyValue").put("topLabel", k).put("content", v).put("contentMultiline", false)
                        .putNull("bottomLabel").putNull("icon");
            });
        }
        return p;
    }
}
