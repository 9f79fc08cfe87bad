package dev.sluice.delivery.metrics;

/**
 * What a metric query gave: one value, or not enough data to decide. Never a made-up value: a
 * provider that finds no series, a NaN or several series returns {@link InsufficientData}, which the
 * analysis counts as a failed check (it never passes), except {@link Reason#WARMING_UP}, on which it waits.
 */
public sealed interface MetricResult {

    /** One finite value. */
    record Value(double value) implements MetricResult {

        public Value {
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("a metric value must be finite, got " + value
                        + "; report it as InsufficientData");
            }
        }
    }

    /** Not enough data to decide, with the reason and a short detail for the event. */
    record InsufficientData(Reason reason, String detail) implements MetricResult {

        public InsufficientData {
            detail = detail == null ? "" : detail;
        }

        /** The text shown to users: the reason, with the detail when there is one. */
        public String describe() {
            return detail.isEmpty() ? reason.text() : reason.text() + " (" + detail + ")";
        }
    }

    /** Why there is no usable value. */
    enum Reason {
        /** The query returned no series: the workload probably receives no traffic. */
        NO_SERIES("no values found"),
        /** The value is NaN (e.g. 0/0 when there were no requests in the window). */
        NAN("the value is NaN"),
        /** The query returned several series; a check needs exactly one. */
        MULTIPLE_SERIES("query returned multiple values"),
        /** The newest sample is older than the query window. */
        STALE("the newest sample is older than the query window"),
        /**
         * The metrics source itself started less than one query window ago and has seen nothing for
         * the workload yet (the embedded mesh after a restart). The only reason that is not a failed
         * check: the analysis waits, neither passing nor failing, until the window is covered.
         */
        WARMING_UP("the metrics source started less than one query window ago");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    static MetricResult value(double v) {
        return new Value(v);
    }

    static MetricResult insufficient(Reason reason) {
        return new InsufficientData(reason, "");
    }
}
