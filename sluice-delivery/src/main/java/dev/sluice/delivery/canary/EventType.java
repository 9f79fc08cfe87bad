package dev.sluice.delivery.canary;

/** The type of a Kubernetes Event about a Canary (reason is always {@code Synced}, as Flagger). */
public enum EventType {
    NORMAL("Normal"), WARNING("Warning");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
