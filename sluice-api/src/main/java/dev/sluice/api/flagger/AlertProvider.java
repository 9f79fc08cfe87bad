package dev.sluice.api.flagger;

import java.util.List;
import java.util.Optional;

/**
 * An AlertProvider (flagger.app/v1beta1): where Canary alerts are posted.
 *
 * @param type      slack, msteams, discord, rocket or gchat
 * @param channel   default {@code general}
 * @param username  default {@code flagger}
 * @param address   the webhook URL; a Secret's {@code address} key overrides it
 * @param secretRef name of a Secret with keys {@code address} and optionally {@code token}
 */
public record AlertProvider(String name, String namespace, String type, String channel, String username,
                            String address, String proxy, Optional<String> secretRef) {

    public static final List<String> TYPES = List.of("slack", "msteams", "discord", "rocket", "gchat");
}
