package dev.sluice.api.flagger;

import java.util.Optional;

/** The severity of an alert, and the filter of a Canary alert ({@code spec.analysis.alerts[].severity}). */
public enum AlertSeverity {
    INFO("info"), WARN("warn"), ERROR("error");

    private final String wireName;

    AlertSeverity(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The severity of a wire name; empty is {@link #INFO}. */
    public static Optional<AlertSeverity> fromWire(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of(INFO);
        }
        for (AlertSeverity s : values()) {
            if (s.wireName.equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether an alert configured with this severity receives a message of {@code message}'s
     * severity: info receives everything, warn receives warn and error, error only error.
     */
    public boolean receives(AlertSeverity message) {
        return switch (this) {
            case INFO -> true;
            case WARN -> message == WARN || message == ERROR;
            case ERROR -> message == ERROR;
        };
    }

    @Override
    public String toString() {
        return wireName;
    }
}
