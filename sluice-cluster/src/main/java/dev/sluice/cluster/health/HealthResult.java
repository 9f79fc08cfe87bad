package dev.sluice.cluster.health;

import java.util.Objects;

/**
 * The health verdict for one object, in kstatus' vocabulary.
 *
 * @param status  the verdict
 * @param message why, worded as kstatus words it (e.g. {@code Deployment is available. Replicas: 3})
 */
public record HealthResult(Status status, String message) {

    public HealthResult {
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
    }

    /** kstatus' statuses; {@link #word()} is the string kstatus and Flux print. */
    public enum Status {
        /** Fully reconciled: the object is what its spec asks for. */
        CURRENT("Current"),
        /** Still being worked on; may become current. */
        IN_PROGRESS("InProgress"),
        /** Will not become current without a change (e.g. progress deadline exceeded). */
        FAILED("Failed"),
        /** Has a deletionTimestamp. */
        TERMINATING("Terminating"),
        /** Does not exist. */
        NOT_FOUND("NotFound");

        private final String word;

        Status(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public static HealthResult current(String message) {
        return new HealthResult(Status.CURRENT, message);
    }

    public static HealthResult inProgress(String message) {
        return new HealthResult(Status.IN_PROGRESS, message);
    }

    public static HealthResult failed(String message) {
        return new HealthResult(Status.FAILED, message);
    }

    public boolean isCurrent() {
        return status == Status.CURRENT;
    }

    /** {@code Current: Deployment is available. Replicas: 3} */
    @Override
    public String toString() {
        return message.isEmpty() ? status.word() : status.word() + ": " + message;
    }
}
