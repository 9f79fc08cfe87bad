package dev.sluice.cli;

import dev.sluice.api.GoDuration;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** The options every {@code sluice create ...} command shares, as flux's {@code create} persistent flags. */
final class CreateOptions {

    private static final Pattern RFC_1123 = Pattern.compile("^[a-z0-9]([a-z0-9\\-]){0,61}[a-z0-9]$");

    @Option(names = "--export", description = "Print the YAML to stdout instead of creating the object.")
    boolean export;

    @Option(names = "--interval", defaultValue = "1m", paramLabel = "DURATION", description = "The reconcile interval (default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--label", split = ",", paramLabel = "KEY=VALUE", description = "Labels on the object (several, or comma-separated).")
    List<String> labels = List.of();

    @Option(names = {"-n", "--namespace"}, defaultValue = "flux-system", paramLabel = "NS", description = "The namespace (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--server", paramLabel = "URL", description = "The Sluice API (default: the running 'sluice up').")
    URI server;

    @Option(names = "--timeout", defaultValue = "5m", paramLabel = "DURATION", description = "How long to wait for Ready (default: ${DEFAULT-VALUE}).")
    String timeout;

    /** flux's name rule (RFC 1123), with its message. */
    static void checkName(String name) {
        if (!RFC_1123.matcher(name).matches()) {
            throw new UserException("name '" + name + "' is invalid, it should adhere to standard defined in RFC 1123, "
                    + "the name can only contain alphanumeric characters or '-'");
        }
    }

    Duration interval() {
        return duration("--interval", interval);
    }

    Duration timeout() {
        return duration("--timeout", timeout);
    }

    static Duration duration(String flag, String text) {
        try {
            return GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserException("invalid argument \"" + text + "\" for \"" + flag + "\" flag: " + e.getMessage());
        }
    }

    /** {@code --label a=b,c=d}, checked as flux does. */
    Map<String, String> labels() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String l : labels) {
            int eq = l.indexOf('=');
            if (eq <= 0) {
                throw new UserException("invalid label format '" + l + "', must be key=value");
            }
            out.put(l.substring(0, eq), l.substring(eq + 1));
        }
        return out;
    }

    CliCluster connect() {
        ClusterOptions c = new ClusterOptions();
        c.server = server;
        return c.connect();
    }
}
