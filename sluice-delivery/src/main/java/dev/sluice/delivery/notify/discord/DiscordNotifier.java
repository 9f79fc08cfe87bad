package dev.sluice.delivery.notify.discord;

import dev.sluice.delivery.net.HttpClients;
import dev.sluice.delivery.notify.Notification;
import dev.sluice.delivery.notify.Notifier;
import dev.sluice.delivery.notify.NotifyException;
import dev.sluice.delivery.notify.http.JsonPoster;
import dev.sluice.delivery.notify.slack.SlackPayloads;

/** Discord: the Slack payload to the webhook's Slack-compatible endpoint, {@code <url>/slack}. Thread-safe. */
public final class DiscordNotifier implements Notifier {

    private final JsonPoster poster;
    private final String username;
    private final String channel;

    public DiscordNotifier(HttpClients clients, String address, String proxy, String username, String channel)
            throws NotifyException {
        String url = address == null ? "" : address;
        if (!url.endsWith("/slack")) {
            int q = url.indexOf('?');
            String path = q < 0 ? url : url.substring(0, q);
            url = path.replaceAll("/+$", "") + "/slack" + (q < 0 ? "" : url.substring(q));
        }
        this.poster = new JsonPoster(clients, "Discord hook URL", url, "", proxy);
        if (username == null || username.isEmpty()) {
            throw new NotifyException("empty Discord username");
        }
        if (channel == null || channel.isEmpty()) {
            throw new NotifyException("empty Discord channel");
        }
        this.username = username;
        this.channel = channel;
    }

    @Override
    public void post(Notification n) throws NotifyException {
        poster.post(SlackPayloads.of(n, channel, username, "good", "danger"));
    }
}
