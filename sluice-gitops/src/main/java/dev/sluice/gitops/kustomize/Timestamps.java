package dev.sluice.gitops.kustomize;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Unquoted YAML timestamps: go-yaml v3 reads {@code 2024-01-02} as a time, and kustomize prints it
 * back through JSON as {@code 2024-01-02T00:00:00Z} (Go's RFC 3339 with nanoseconds, trailing
 * zeros dropped).
 */
final class Timestamps {

    private static final Pattern TS = Pattern.compile(
            "^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
                    + "(?:([Tt ])([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:\\.([0-9]{1,9}))?(Z|[-+][0-9]{2}:[0-9]{2})?)?$");

    private Timestamps() {}

    /** The RFC 3339 form of a plain scalar that go-yaml reads as a timestamp, else null. */
    static String rfc3339(String v) {
        Matcher m = TS.matcher(v);
        if (!m.matches()) {
            return null;
        }
        String sep = m.group(4);
        String zone = m.group(9);
        if (sep != null && !sep.equals(" ") && zone == null) {
            return null; // "T" forms need a zone, the space form must not have one
        }
        if (" ".equals(sep) && zone != null) {
            return null;
        }
        try {
            int nanos = 0;
            if (m.group(8) != null) {
                nanos = Integer.parseInt((m.group(8) + "000000000").substring(0, 9));
            }
            LocalDateTime t = sep == null
                    ? LocalDateTime.of(i(m, 1), i(m, 2), i(m, 3), 0, 0)
                    : LocalDateTime.of(i(m, 1), i(m, 2), i(m, 3), i(m, 5), i(m, 6), i(m, 7), nanos);
            ZoneOffset off = zone == null || zone.equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(zone);
            String base = t.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));
            String frac = "";
            if (t.getNano() != 0) {
                frac = "." + String.format("%09d", t.getNano()).replaceAll("0+$", "");
            }
            return base + frac + (off.equals(ZoneOffset.UTC) ? "Z" : off.getId());
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static int i(Matcher m, int g) {
        return Integer.parseInt(m.group(g));
    }
}
