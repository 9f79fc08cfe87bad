package dev.sluice.delivery.routing;

/**
 * How traffic is split between the primary and the canary: the weights always add up to 100.
 * While {@code mirrored}, all requests go to the primary and a copy of them (or of
 * {@code analysis.mirrorWeight} percent) goes to the canary, whose responses are dropped.
 */
public record TrafficSplit(int primaryWeight, int canaryWeight, boolean mirrored) {

    public static final int TOTAL = 100;
    /** Everything on the primary: the state between releases. */
    public static final TrafficSplit ALL_PRIMARY = new TrafficSplit(TOTAL, 0, false);
    /** Everything on the canary. */
    public static final TrafficSplit ALL_CANARY = new TrafficSplit(0, TOTAL, false);

    public TrafficSplit {
        if (primaryWeight < 0 || canaryWeight < 0 || primaryWeight + canaryWeight != TOTAL) {
            throw new IllegalArgumentException("weights must be >= 0 and add up to 100, got primary "
                    + primaryWeight + " and canary " + canaryWeight);
        }
    }

    public static TrafficSplit of(int primaryWeight, int canaryWeight) {
        return new TrafficSplit(primaryWeight, canaryWeight, false);
    }

    @Override
    public String toString() {
        return primaryWeight + "/" + canaryWeight + (mirrored ? " mirrored" : "");
    }
}
