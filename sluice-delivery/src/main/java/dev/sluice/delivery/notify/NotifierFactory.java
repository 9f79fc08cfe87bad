package dev.sluice.delivery.notify;

import dev.sluice.api.flagger.AlertProvider;
import dev.sluice.delivery.net.HttpClients;
import dev.sluice.delivery.notify.discord.DiscordNotifier;
import dev.sluice.delivery.notify.gchat.GChatNotifier;
import dev.sluice.delivery.notify.msteams.TeamsNotifier;
import dev.sluice.delivery.notify.rocket.RocketNotifier;
import dev.sluice.delivery.notify.slack.SlackNotifier;
import dev.sluice.delivery.notify.webhook.WebhookNotifier;
import java.util.Locale;
import java.util.Map;

/**
 * Builds notifiers (Flagger's notifier factory): for an AlertProvider, with its Secret's
 * {@code address} and {@code token} overriding the spec; and the controller's global notifier from
 * its flags. One exhaustive switch over the types. Cheap; build per alert. Thread-safe.
 */
public final class NotifierFactory {

    /** The notifier types: Flagger's five and Sluice's generic webhook. */
    enum Type {
        SLACK, MSTEAMS, DISCORD, ROCKET, GCHAT, WEBHOOK;

        static Type of(String type) throws NotifyException {
            try {
                return valueOf(type.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new NotifyException("provider " + type + " not supported; expected slack, msteams, discord, "
                        + "rocket, gchat or webhook");
            }
        }
    }

    private final HttpClients clients;

    public NotifierFactory(HttpClients clients) {
        this.clients = clients;
    }

    /**
     * @param secret the decoded keys of {@code spec.secretRef} ({@code address}, {@code token}), or null
     */
    public Notifier forProvider(AlertProvider p, Map<String, String> secret) throws NotifyException {
        Map<String, String> s = secret == null ? Map.of() : secret;
        String address = s.getOrDefault("address", p.address());
        String token = s.getOrDefault("token", "");
        if (address.isEmpty()) {
            throw new NotifyException("AlertProvider " + p.namespace() + "/" + p.name() + " has no address (set "
                    + "spec.address or the 'address' key of its Secret)");
        }
        return build(p.type(), address, token, p.proxy(), p.username(), p.channel());
    }

    /**
     * The controller's global notifier ({@code -slack-url}, {@code -slack-token},
     * {@code -slack-proxy-url}, {@code -slack-user}, {@code -slack-channel}, or {@code -msteams-url});
     * a {@link NopNotifier} without a URL.
     */
    public Notifier global(String type, String url, String token, String proxy, String username, String channel)
            throws NotifyException {
        if (url == null || url.isEmpty()) {
            return new NopNotifier();
        }
        return build(type, url, token, proxy, username, channel);
    }

    private Notifier build(String type, String address, String token, String proxy, String username, String channel)
            throws NotifyException {
        return switch (Type.of(type)) {
            case SLACK -> new SlackNotifier(clients, address, token, proxy, username, channel);
            case MSTEAMS -> new TeamsNotifier(clients, address, proxy);
            case DISCORD -> new DiscordNotifier(clients, address, proxy, username, channel);
            case ROCKET -> new RocketNotifier(clients, address, proxy, username, channel);
            case GCHAT -> new GChatNotifier(clients, address, proxy);
            case WEBHOOK -> new WebhookNotifier(clients, address, token, proxy);
        };
    }
}
