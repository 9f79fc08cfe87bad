package dev.sluice.delivery.notify.slack;

import dev.sluice.delivery.net.HttpClients;
import dev.sluice.delivery.notify.Notification;
import dev.sluice.delivery.notify.Notifier;
import dev.sluice.delivery.notify.NotifyException;
import dev.sluice.delivery.notify.http.JsonPoster;

/** Slack incoming webhook (or chat.postMessage with a token): one attachment, green or red. Thread-safe. */
public final class SlackNotifier implements Notifier {

    private final JsonPoster poster;
    private final String username;
    private final String channel;

    public SlackNotifier(HttpClients clients, String address, String token, String proxy, String username,
                         String channel) throws NotifyException {
        this.poster = new JsonPoster(clients, "Slack hook URL", address, token, proxy);
        if (username == null || username.isEmpty()) {
            throw new NotifyException("empty Slack username");
        }
        if (channel == null || channel.isEmpty()) {
            throw new NotifyException("empty Slack channel");
        }
        this.username = username;
        this.channel = channel;
    }

    @Override
    public void post(Notification n) throws NotifyException {
        poster.post(SlackPayloads.of(n, channel, username, "good", "danger"));
    }
}
