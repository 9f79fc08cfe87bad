package dev.sluice.server.embedded;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * How to run embedded mode.
 *
 * @param stateDir        where the store, artifacts, workload files and the API token live
 * @param api             the API and dashboard address (127.0.0.1 unless told otherwise; port 0 = any)
 * @param meshPort        the mesh proxy's data port (0 = any)
 * @param repo            the Git repository to sync from (a local path or a URL), or null for none
 * @param branch          its branch
 * @param path            the path of the cluster's Kustomizations in it (e.g. {@code ./clusters/local})
 * @param interval        how often the GitRepository polls (local repositories are watched as well)
 * @param selectorLabels  the labels a Canary's target may be selected by (Flagger's {@code -selector-labels})
 * @param minInterval     the shortest analysis interval honoured (Flagger clamps to 10s)
 * @param clock           the clock of every controller
 */
public record EmbeddedConfig(Path stateDir, InetSocketAddress api, int meshPort, String repo, String branch, String path,
                             Duration interval, List<String> selectorLabels, Duration minInterval, Clock clock) {

    public static final List<String> SELECTOR_LABELS = List.of("app", "name", "app.kubernetes.io/name", "service");

    public static EmbeddedConfig defaults(Path stateDir) {
        return new EmbeddedConfig(stateDir, new InetSocketAddress("127.0.0.1", 9494), 0, null, "main", "./",
                Duration.ofMinutes(1), SELECTOR_LABELS, Duration.ofSeconds(10), Clock.systemUTC());
    }

    public EmbeddedConfig withRepo(String repo, String branch, String path) {
        return new EmbeddedConfig(stateDir, api, meshPort, repo, branch, path, interval, selectorLabels, minInterval, clock);
    }

    public EmbeddedConfig withApi(InetSocketAddress address) {
        return new EmbeddedConfig(stateDir, address, meshPort, repo, branch, path, interval, selectorLabels, minInterval, clock);
    }

    public EmbeddedConfig withMeshPort(int port) {
        return new EmbeddedConfig(stateDir, api, port, repo, branch, path, interval, selectorLabels, minInterval, clock);
    }

    public EmbeddedConfig withMinInterval(Duration d) {
        return new EmbeddedConfig(stateDir, api, meshPort, repo, branch, path, interval, selectorLabels, d, clock);
    }
}
