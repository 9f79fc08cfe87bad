package dev.sluice.cluster.apply;

/** Which part of an object a write addresses: the main resource (all but status) or status. */
public enum Subresource {
    MAIN(""),
    STATUS("status");

    private final String wireName;

    Subresource(String wireName) {
        this.wireName = wireName;
    }

    /** The {@code subresource} of a managedFields entry; "" for the main resource. */
    public String wireName() {
        return wireName;
    }

    public static Subresource fromWire(String s) {
        return "status".equals(s) ? STATUS : MAIN;
    }
}
