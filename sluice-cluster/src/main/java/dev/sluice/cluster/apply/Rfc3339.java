package dev.sluice.cluster.apply;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Kubernetes timestamps ({@code metav1.Time}): RFC 3339 in UTC with whole seconds. */
public final class Rfc3339 {

    private Rfc3339() {
    }

    public static String format(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Parses a timestamp; returns null when it is not RFC 3339, as an unreadable time is no time. */
    public static Instant parse(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
