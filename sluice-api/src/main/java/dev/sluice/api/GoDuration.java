package dev.sluice.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Go and Kubernetes write them: {@code 1m30s}, {@code 10s}, {@code 1.5h}, {@code 500ms}.
 * {@link #format} prints like Go's {@code time.Duration.String()} ({@code 10m0s}), which Flux's
 * messages use ("next run in 10m0s").
 */
public final class GoDuration {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

    private GoDuration() {
    }

    /**
     * @throws IllegalArgumentException with the offending text and the expected form
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("'" + shown(text) + "' is not a duration; expected e.g. 30s, 5m or 1h30m");
        }
        String s = text.strip();
        boolean negative = s.startsWith("-");
        if (negative || s.startsWith("+")) {
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(s);
        long nanos = 0;
        int pos = 0;
        while (pos < s.length()) {
            // Anchored at pos: find() would retry from every later position, quadratic on long garbage.
            m.region(pos, s.length());
            if (!m.lookingAt()) {
                throw new IllegalArgumentException("'" + shown(text) + "' is not a duration; expected e.g. 30s, 5m or 1h30m");
            }
            if (m.group(1).length() > 40) {
                throw new IllegalArgumentException("'" + shown(text) + "' is out of range; a duration is at most about 2562047h");
            }
            BigDecimal value = new BigDecimal(m.group(1).startsWith(".") ? "0" + m.group(1) : m.group(1));
            try {
                nanos = Math.addExact(nanos, value.multiply(BigDecimal.valueOf(unitNanos(m.group(2))))
                        .setScale(0, java.math.RoundingMode.DOWN).longValueExact());
            } catch (ArithmeticException e) {
                // Go's time.ParseDuration refuses these too, rather than wrapping around
                throw new IllegalArgumentException("'" + shown(text) + "' is out of range; a duration is at most about 2562047h");
            }
            pos = m.end();
        }
        return Duration.ofNanos(negative ? -nanos : nanos);
    }

    /** Long garbage is cut, so that an error message stays readable (and small enough for a condition). */
    private static String shown(String text) {
        return text == null || text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw new IllegalArgumentException("unknown unit " + unit);
        };
    }

    /** Go's {@code Duration.String()}: {@code 1h2m3.5s}, {@code 10m0s}, {@code 250ms}, {@code 0s}. */
    public static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        long n = Math.abs(nanos);
        if (n < 1_000_000_000L) {
            if (n < 1_000L) {
                return sign + n + "ns";
            }
            if (n < 1_000_000L) {
                return sign + fraction(n, 1_000L) + "µs";
            }
            return sign + fraction(n, 1_000_000L) + "ms";
        }
        long hours = n / 3_600_000_000_000L;
        long rest = n % 3_600_000_000_000L;
        long minutes = rest / 60_000_000_000L;
        rest = rest % 60_000_000_000L;
        StringBuilder b = new StringBuilder(sign);
        if (hours > 0) {
            b.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            b.append(minutes).append('m');
        }
        return b.append(fraction(rest, 1_000_000_000L)).append('s').toString();
    }

    private static String fraction(long value, long unit) {
        BigDecimal v = BigDecimal.valueOf(value).divide(BigDecimal.valueOf(unit));
        String s = v.stripTrailingZeros().toPlainString();
        return s;
    }
}
