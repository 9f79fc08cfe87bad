package dev.sluice.api.validation;

/** Wording for numeric bounds in messages. */
final class Bounds {

    private Bounds() {
    }

    /** {@code " between 0 and 100"}, {@code " >= 1"}, {@code " <= 100"} or {@code ""}. */
    static String describe(Number min, Number max) {
        if (min != null && max != null) {
            return " between " + show(min) + " and " + show(max);
        }
        if (min != null) {
            return " >= " + show(min);
        }
        if (max != null) {
            return " <= " + show(max);
        }
        return "";
    }

    static String show(Number n) {
        if (n instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return Long.toString(d.longValue());
        }
        return n.toString();
    }
}
