package dev.sluice.local.runtime.spec;

/**
 * Kubernetes' {@code IntOrString} as used by {@code maxSurge} and {@code maxUnavailable}: an
 * absolute number or a percentage of the desired replicas.
 */
public record IntOrPercent(int value, boolean percent) {

    public IntOrPercent {
        if (value < 0) {
            throw new IllegalArgumentException("must not be negative: " + value);
        }
    }

    public static IntOrPercent of(int value) {
        return new IntOrPercent(value, false);
    }

    public static IntOrPercent percent(int value) {
        return new IntOrPercent(value, true);
    }

    /** The absolute value for {@code total} replicas, rounding a percentage up or down. */
    public int scaled(int total, boolean roundUp) {
        if (!percent) {
            return value;
        }
        long product = (long) value * total;
        return (int) (roundUp ? (product + 99) / 100 : product / 100);
    }

    @Override
    public String toString() {
        return percent ? value + "%" : Integer.toString(value);
    }
}
