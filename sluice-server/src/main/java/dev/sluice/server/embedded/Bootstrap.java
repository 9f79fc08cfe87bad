package dev.sluice.server.embedded;

import dev.sluice.api.GoDuration;
import dev.sluice.api.KubeObject;
import dev.sluice.cluster.ApplyOptions;
import dev.sluice.cluster.Cluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@code flux bootstrap} leaves in a cluster, pointed at a repository: the {@code flux-system}
 * namespace, a GitRepository {@code flux-system} and a Kustomization {@code flux-system} applying
 * the cluster path. Applied on every start, so a restart with other flags updates them.
 */
final class Bootstrap {

    static final String MANAGER = "sluice-bootstrap";

    private Bootstrap() {
    }

    /** A local path becomes a file:// URL; anything with a scheme is kept. */
    static String url(String repo) {
        if (repo.contains("://")) {
            return repo;
        }
        Path p = Path.of(repo).toAbsolutePath().normalize();
        if (!Files.isDirectory(p)) {
            throw new IllegalArgumentException("--repo " + repo + ": no such directory (give a local Git repository or a URL)");
        }
        return p.toUri().toString();
    }

    static void apply(Cluster cluster, String url, String branch, String path, Duration interval) {
        ApplyOptions as = ApplyOptions.as(MANAGER);
        cluster.apply(KubeObject.parse("{apiVersion: v1, kind: Namespace, metadata: {name: flux-system}}"), as);
        cluster.apply(KubeObject.parse("""
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                metadata: {name: flux-system, namespace: flux-system}
                spec:
                  interval: %s
                  url: "%s"
                  ref: {branch: "%s"}
                """.formatted(GoDuration.format(interval), url, branch)), as);
        cluster.apply(KubeObject.parse("""
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: flux-system, namespace: flux-system}
                spec:
                  interval: 10m0s
                  retryInterval: 10s
                  path: "%s"
                  prune: true
                  sourceRef: {kind: GitRepository, name: flux-system}
                """.formatted(path)), as);
    }
}
