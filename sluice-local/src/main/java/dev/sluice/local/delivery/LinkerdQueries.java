package dev.sluice.local.delivery;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognizes Flagger's two linkerd queries in rendered PromQL, whatever their layout: whitespace
 * outside quotes is ignored and selector labels may come in any order. Pure functions.
 */
final class LinkerdQueries {

    /** What a recognized query asks for. */
    sealed interface Parsed permits SuccessRate, Quantile, One {
    }

    record SuccessRate(String namespace, String deploymentRegex, Duration window) implements Parsed {
    }

    record Quantile(double q, String namespace, String deploymentRegex, Duration window) implements Parsed {
    }

    /** {@code vector(1)}, the online check. */
    record One() implements Parsed {
    }

    private static final Pattern RATIO = Pattern.compile("sum\\(rate\\(response_total\\{(.*?)}\\[([0-9a-z]+)]\\)\\)"
            + "/sum\\(rate\\(response_total\\{(.*?)}\\[([0-9a-z]+)]\\)\\)\\*100");
    private static final Pattern QUANTILE = Pattern.compile("histogram_quantile\\(([0-9.]+),sum\\(rate\\("
            + "response_latency_ms_bucket\\{(.*?)}\\[([0-9a-z]+)]\\)\\)by\\(le\\)\\)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)(=~|!~|!=|=)\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)");

    private LinkerdQueries() {
    }

    static Optional<Parsed> parse(String query) {
        String q = compact(query);
        if (q.equals("vector(1)")) {
            return Optional.of(new One());
        }
        Matcher m = RATIO.matcher(q);
        if (m.matches()) {
            Map<String, String> ok = labels(m.group(1));
            Map<String, String> all = labels(m.group(3));
            Optional<Duration> w = duration(m.group(2));
            if (ok == null || all == null || w.isEmpty() || !m.group(2).equals(m.group(4))
                    || !"!=failure".equals(ok.remove("classification")) || !ok.equals(all)) {
                return Optional.empty();
            }
            return selector(all).map(s -> new SuccessRate(s[0], s[1], w.get()));
        }
        m = QUANTILE.matcher(q);
        if (m.matches()) {
            Map<String, String> l = labels(m.group(2));
            Optional<Duration> w = duration(m.group(3));
            if (l == null || w.isEmpty()) {
                return Optional.empty();
            }
            double quantile = Double.parseDouble(m.group(1));
            return selector(l).map(s -> new Quantile(quantile, s[0], s[1], w.get()));
        }
        return Optional.empty();
    }

    /** {@code namespace="N"}, {@code deployment=~"D"} (or {@code ="D"}) and {@code direction="inbound"}, nothing else. */
    private static Optional<String[]> selector(Map<String, String> l) {
        String ns = l.get("namespace");
        String dep = l.get("deployment");
        if (l.size() != 3 || ns == null || !ns.startsWith("=") || ns.startsWith("=~") || dep == null
                || !"=inbound".equals(l.get("direction"))) {
            return Optional.empty();
        }
        String regex = dep.startsWith("=~") ? dep.substring(2) : dep.startsWith("=") ? Pattern.quote(dep.substring(1)) : null;
        return regex == null ? Optional.empty() : Optional.of(new String[] {ns.substring(1), unescape(regex)});
    }

    /** label -> operator+value, or null when the selector is not a plain list of matchers. */
    private static Map<String, String> labels(String selector) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = LABEL.matcher(selector);
        int at = 0;
        while (at < selector.length()) {
            if (!m.find(at) || m.start() != at) {
                return null;
            }
            out.put(m.group(1), m.group(2) + m.group(3));
            at = m.end();
            if (at < selector.length()) {
                if (selector.charAt(at) != ',') {
                    return null;
                }
                at++;
            }
        }
        return out;
    }

    private static Optional<Duration> duration(String text) {
        Matcher m = DURATION.matcher(text);
        Duration d = Duration.ZERO;
        int at = 0;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at) {
                return Optional.empty();
            }
            long n = Long.parseLong(m.group(1));
            d = d.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                case "w" -> Duration.ofDays(7 * n);
                default -> Duration.ofDays(365 * n);
            });
            at = m.end();
        }
        return d.isZero() ? Optional.empty() : Optional.of(d);
    }

    /** The query without whitespace outside double quotes. */
    static String compact(String query) {
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '"' && (i == 0 || query.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            }
            if (quoted || !Character.isWhitespace(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String unescape(String promString) {
        return promString.replace("\\\\", "\\");
    }
}
