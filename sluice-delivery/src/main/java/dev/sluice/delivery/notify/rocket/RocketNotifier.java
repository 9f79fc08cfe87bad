package dev.sluice.delivery.notify.rocket;

import dev.sluice.delivery.net.HttpClients;
import dev.sluice.delivery.notify.Notification;
import dev.sluice.delivery.notify.Notifier;
import dev.sluice.delivery.notify.NotifyException;
import dev.sluice.delivery.notify.http.JsonPoster;
import dev.sluice.delivery.notify.slack.SlackPayloads;

/** Rocket.Chat incoming webhook: the Slack payload with Rocket's colours (#0076D7, errors #FF0000). Thread-safe. */
public final class RocketNotifier implements Notifier {

    private final JsonPoster poster;
    private final String username;
    private final String channel;

    public RocketNotifier(HttpClients clients, String address, String proxy, String username, String channel)
            throws NotifyException {
        this.poster = new JsonPoster(clients, "Rocket hook URL", address, "", proxy);
        if (username == null || username.isEmpty()) {
            throw new NotifyException("empty Rocket username");
        }
        if (channel == null || channel.isEmpty()) {
            throw new NotifyException("empty Rocket channel");
        }
        this.username = username;
        this.channel = channel;
    }

    @Override
    public void post(Notification n) throws NotifyException {
        poster.post(SlackPayloads.of(n, channel, username, "#0076D7", "#FF0000"));
    }
}
