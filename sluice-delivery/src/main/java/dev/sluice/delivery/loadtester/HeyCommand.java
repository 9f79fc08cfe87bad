package dev.sluice.delivery.loadtester;

import dev.sluice.api.GoDuration;
import dev.sluice.delivery.net.Endpoints;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code hey} command line as Flagger's load tester runs it, e.g.
 * {@code hey -z 1m -q 10 -c 2 http://podinfo-canary.test:9898/}. Flags: {@code -z} duration (then
 * {@code -n} is ignored), {@code -n} requests (default 200), {@code -c} workers (default 50),
 * {@code -q} requests per second per worker (0: no limit), {@code -m} method, {@code -H} header
 * (repeatable), {@code -host} Host header, {@code -d} body, {@code -T} content type, {@code -t}
 * timeout in seconds (default 20), {@code -disable-keepalive}.
 */
public record HeyCommand(URI url, Optional<Duration> duration, int requests, int concurrency, double ratePerWorker,
                         String method, Map<String, String> headers, String host, String body, String contentType,
                         Duration timeout, boolean keepAlive) {

    public HeyCommand {
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /**
     * @throws IllegalArgumentException naming the flag, the value and what is expected
     */
    public static HeyCommand parse(String commandLine) {
        List<String> args = ShellWords.split(commandLine);
        if (args.isEmpty() || !(args.get(0).equals("hey") || args.get(0).endsWith("/hey"))) {
            throw new IllegalArgumentException("only hey commands are supported in cmd tasks (got '"
                    + (args.isEmpty() ? "" : args.get(0)) + "'); e.g. hey -z 1m -q 10 -c 2 http://podinfo-canary.test:9898/");
        }
        Optional<Duration> z = Optional.empty();
        int n = 200;
        int c = 50;
        double q = 0;
        String m = "GET";
        Map<String, String> headers = new LinkedHashMap<>();
        String host = "";
        String body = "";
        String type = "text/html";
        Duration timeout = Duration.ofSeconds(20);
        boolean keepAlive = true;
        String url = null;
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("-")) {
                if (url != null) {
                    throw new IllegalArgumentException("hey takes one URL, got '" + url + "' and '" + a + "'");
                }
                url = a;
                continue;
            }
            String flag = a.replaceFirst("^--?", "");
            if (flag.equals("disable-keepalive")) {
                keepAlive = false;
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("hey flag " + a + " needs a value");
            }
            String v = args.get(++i);
            switch (flag) {
                case "z" -> z = Optional.of(positive(parseDuration(v), a));
                case "n" -> n = positiveInt(v, a);
                case "c" -> c = positiveInt(v, a);
                case "q" -> q = nonNegative(v, a);
                case "m" -> m = v.toUpperCase(java.util.Locale.ROOT);
                case "H" -> {
                    int colon = v.indexOf(':');
                    if (colon <= 0) {
                        throw new IllegalArgumentException("hey flag -H '" + v + "' must be 'Name: value'");
                    }
                    headers.put(v.substring(0, colon).strip(), v.substring(colon + 1).strip());
                }
                case "host" -> host = v;
                case "d" -> body = v;
                case "T" -> type = v;
                case "t" -> timeout = Duration.ofSeconds(positiveInt(v, a));
                default -> throw new IllegalArgumentException("hey flag " + a + " is not supported; supported: -z -n -c -q "
                        + "-m -H -host -d -T -t -disable-keepalive");
            }
        }
        if (url == null) {
            throw new IllegalArgumentException("hey needs the URL to load, e.g. http://podinfo-canary.test:9898/");
        }
        URI uri = Endpoints.httpUri(url, "hey URL");
        if (z.isEmpty() && n < c) {
            throw new IllegalArgumentException("hey -n " + n + " cannot be less than -c " + c);
        }
        return new HeyCommand(uri, z, n, c, q, m, headers, host, body, type, timeout, keepAlive);
    }

    private static Duration parseDuration(String v) {
        try {
            return GoDuration.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hey flag -z: " + e.getMessage());
        }
    }

    private static Duration positive(Duration d, String flag) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("hey flag " + flag + " must be positive, got " + GoDuration.format(d));
        }
        return d;
    }

    private static int positiveInt(String v, String flag) {
        try {
            int x = Integer.parseInt(v);
            if (x > 0) {
                return x;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("hey flag " + flag + " must be a whole number above 0, got '" + v + "'");
    }

    private static double nonNegative(String v, String flag) {
        try {
            double x = Double.parseDouble(v);
            if (x >= 0) {
                return x;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("hey flag " + flag + " must be a number >= 0, got '" + v + "'");
    }

    /** The words of the command after shell-style quoting, for messages and tests. */
    static List<String> words(String commandLine) {
        return new ArrayList<>(ShellWords.split(commandLine));
    }
}
