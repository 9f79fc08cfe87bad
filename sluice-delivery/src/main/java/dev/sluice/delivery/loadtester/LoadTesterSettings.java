package dev.sluice.delivery.loadtester;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Settings of the in-process load tester (Flagger's flagger-loadtester flags).
 *
 * @param bindAddress    where it listens, e.g. {@code 127.0.0.1}
 * @param port           0 picks a free port
 * @param timeout        the longest a blocking task may run ({@code -timeout}, default 1h)
 * @param bashEnabled    allow {@code type: bash} tasks; off by default (they run arbitrary commands)
 * @param namespaceRegexp only Canaries in matching namespaces may use it ({@code -namespace-regexp})
 */
public record LoadTesterSettings(String bindAddress, int port, Duration timeout, boolean bashEnabled,
                                 Optional<Pattern> namespaceRegexp) {

    public static LoadTesterSettings defaults() {
        return new LoadTesterSettings("127.0.0.1", 0, Duration.ofHours(1), false, Optional.empty());
    }

    public LoadTesterSettings withBash(boolean enabled) {
        return new LoadTesterSettings(bindAddress, port, timeout, enabled, namespaceRegexp);
    }

    public LoadTesterSettings withPort(int p) {
        return new LoadTesterSettings(bindAddress, p, timeout, bashEnabled, namespaceRegexp);
    }

    public LoadTesterSettings withNamespaceRegexp(Pattern p) {
        return new LoadTesterSettings(bindAddress, port, timeout, bashEnabled, Optional.of(p));
    }
}
