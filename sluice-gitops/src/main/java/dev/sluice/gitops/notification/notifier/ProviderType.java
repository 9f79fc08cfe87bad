package dev.sluice.gitops.notification.notifier;

import java.util.Arrays;
import java.util.Optional;

/** The Provider types Sluice sends to, by their Flux names. */
public enum ProviderType {
    SLACK("slack"),
    MSTEAMS("msteams"),
    DISCORD("discord"),
    ROCKET("rocket"),
    GOOGLECHAT("googlechat"),
    GENERIC("generic"),
    GENERIC_HMAC("generic-hmac");

    private final String fluxName;

    ProviderType(String fluxName) {
        this.fluxName = fluxName;
    }

    public String fluxName() {
        return fluxName;
    }

    public static Optional<ProviderType> of(String fluxName) {
        return Arrays.stream(values()).filter(t -> t.fluxName.equals(fluxName)).findFirst();
    }

    /** {@code slack, msteams, ...} for messages. */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(ProviderType::fluxName).toList());
    }
}
