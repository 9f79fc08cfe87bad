package dev.sluice.gitops.source;

import dev.sluice.api.ObjectKey;
import dev.sluice.testkit.git.GitHttpServer;
import dev.sluice.testkit.git.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark (not a test; run by {@code bench/git/run.sh}): a GitRepository of N files (default
 * 2,000 YAML files in 100 directories) served by the in-process smart-HTTP server and from disk.
 * Measures a cold reconcile (ls-remote, shallow fetch into an empty cache, tree + tar.gz), an
 * unchanged reconcile (ls-remote only), a one-file change, and {@code git clone --depth 1 --bare}
 * of the same URL as the peer. Prints medians in milliseconds.
 */
public final class GitSourceBench {

    private static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(60);

    private GitSourceBench() {
    }

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Path tmp = Files.createTempDirectory("sluice-git-bench");
        try (TestRepo repo = TestRepo.init(tmp.resolve("origin")); GitHttpServer server = GitHttpServer.start()) {
            for (int i = 0; i < files; i++) {
                repo.write("apps/dir" + (i % 100) + "/app" + i + ".yaml", manifest(i));
            }
            String head = repo.commit("generated " + files + " files");
            server.serve("big.git", repo.repository());
            String http = server.url("big.git");
            long bytes = 0;
            for (int i = 0; i < 3; i++) { // warm-up: JIT and page cache
                bytes = coldReconcile(tmp.resolve("warm" + i), http).size();
            }
            System.out.printf("repository: %d files, artifact %.1f KiB, %d runs, median ms%n", files, bytes / 1024.0, runs);
            double cold = time(runs, i -> coldReconcile(tmp.resolve("c" + i), http));
            double clone = time(runs, i -> gitCli(tmp, "clone", "-q", "--depth", "1", "--bare", http,
                    tmp.resolve("cli" + i).toString()));
            row("cold reconcile over HTTP (ls-remote + shallow fetch + artifact)", cold);
            row("peer: git clone --depth 1 --bare over HTTP", clone);
            row("peer: git clone --depth 1 + tar -czf over HTTP (Flux's steps)", time(runs, i -> {
                gitCli(tmp, "clone", "-q", "--depth", "1", http, tmp.resolve("co" + i).toString());
                run(tmp, "tar", "-czf", tmp.resolve("co" + i + ".tar.gz").toString(), "--exclude=.git", "-C",
                        tmp.resolve("co" + i).toString(), ".");
            }));
            JGitClient client = new JGitClient();
            row("  of which: ls-remote", time(runs, i -> client.lsRemote(http, GitAuth.none(), TIMEOUT)));
            row("  of which: shallow fetch into an empty cache", time(runs, i -> client.fetch(http, GitAuth.none(),
                    TIMEOUT, tmp.resolve("cache" + i), "refs/heads/main", true, "")));
            row("  of which: artifact (tree + tar.gz + digest) from the cache", time(runs, i -> {
                ArtifactStore store = new ArtifactStore(tmp.resolve("store" + i), "http://x", java.time.Clock.systemUTC());
                store.write(ObjectKey.of("source.toolkit.fluxcd.io", "GitRepository", "ns", "big"), "main@sha1:" + head,
                        w -> CommitSnapshot.write(tmp.resolve("cache0"), head, java.util.Optional.empty(), List.of(), w));
            }));
            abArtifact(tmp, repo, http, runs);
            row("cold reconcile from file://", time(runs, i -> coldReconcile(tmp.resolve("f" + i), repo.url())));
            row("peer: git clone --depth 1 --bare file://", time(runs, i -> gitCli(tmp, "clone", "-q", "--depth", "1",
                    "--bare", repo.url(), tmp.resolve("clif" + i).toString())));
            SourceFixture f = new SourceFixture(tmp.resolve("steady"));
            ObjectKey key = f.create("big", "  url: " + http + "\n  interval: 10m\n  ref: {branch: main}\n");
            f.reconciler.reconcile(key);
            row("unchanged reconcile (ls-remote only, no fetch)", time(runs * 3, i -> f.reconciler.reconcile(key)));
            row("peer: git ls-remote over HTTP", time(runs, i -> gitCli(tmp, "ls-remote", "-q", http)));
            List<Double> changed = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                repo.write("apps/dir0/app0.yaml", manifest(1_000_000 + i)).commit("change " + i); // not timed
                long t0 = System.nanoTime();
                f.reconciler.reconcile(key);
                changed.add((System.nanoTime() - t0) / 1e6);
            }
            Collections.sort(changed);
            row("one file changed: incremental fetch + new artifact", changed.get(changed.size() / 2));
            System.out.printf("fetch requests served: %d%n", server.fetchRequests());
        } finally {
            Storage.deleteTree(tmp);
        }
    }

    /** A one-file change: the artifact with hard links to the previous tree vs written in full, interleaved. */
    private static void abArtifact(Path tmp, TestRepo repo, String http, int runs) throws Exception {
        JGitClient client = new JGitClient();
        Path cache = tmp.resolve("ab-cache");
        ObjectKey source = ObjectKey.of("source.toolkit.fluxcd.io", "GitRepository", "ns", "ab");
        ArtifactStore store = new ArtifactStore(tmp.resolve("ab-store"), "http://x", java.time.Clock.systemUTC());
        String c0 = client.fetch(http, GitAuth.none(), TIMEOUT, cache, "refs/heads/main", true, "").id();
        Artifact previous = store.write(source, "main@sha1:" + c0,
                w -> CommitSnapshot.write(cache, c0, java.util.Optional.empty(), List.of(), w));
        repo.write("apps/dir0/app0.yaml", manifest(-1)).commit("one file");
        String c1 = client.fetch(http, GitAuth.none(), TIMEOUT, cache, "refs/heads/main", true, "").id();
        List<Double> linked = new ArrayList<>();
        List<Double> full = new ArrayList<>();
        for (int i = 0; i < runs * 2; i++) {
            ArtifactStore target = new ArtifactStore(tmp.resolve("ab-store"), "http://x", java.time.Clock.systemUTC());
            java.util.Optional<Artifact> prev = i % 2 == 0 ? java.util.Optional.of(previous) : java.util.Optional.empty();
            long t0 = System.nanoTime();
            Artifact a = target.write(source, "main@sha1:" + c1, prev,
                    w -> CommitSnapshot.write(cache, c1, java.util.Optional.empty(), List.of(), w));
            (i % 2 == 0 ? linked : full).add((System.nanoTime() - t0) / 1e6);
            Storage.deleteTree(tmp.resolve("ab-store/trees/gitrepository/ns/ab/" + a.digestHex())); // next run writes it again
            Files.deleteIfExists(tmp.resolve("ab-store/trees/gitrepository/ns/ab/" + a.digestHex() + ".blobs"));
        }
        Collections.sort(linked);
        Collections.sort(full);
        row("  artifact after a one-file change, unchanged files hard-linked", linked.get(linked.size() / 2));
        row("  artifact after a one-file change, every file written", full.get(full.size() / 2));
    }

    private static Artifact coldReconcile(Path state, String url) throws Exception {
        SourceFixture f = new SourceFixture(state);
        ObjectKey key = f.create("big", "  url: " + url + "\n  interval: 10m\n  ref: {branch: main}\n");
        f.reconciler.reconcile(key);
        return f.artifact(key); // the state is deleted with the whole temporary directory, outside the timing
    }

    private static void gitCli(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        run(dir, cmd.toArray(String[]::new));
    }

    private static void run(Path dir, String... args) throws Exception {
        List<String> cmd = List.of(args);
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", args) + " failed");
        }
    }

    private interface Step {
        void run(int i) throws Exception;
    }

    private static double time(int runs, Step step) throws Exception {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            step.run(i);
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        Collections.sort(ms);
        return ms.get(ms.size() / 2);
    }

    private static void row(String what, double ms) {
        System.out.printf("  %-62s %8.1f%n", what, ms);
    }

    private static String manifest(int i) {
        return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app" + i + "\n  labels: {app: app" + i + "}\n"
                + "spec:\n  replicas: 1\n  selector: {matchLabels: {app: app" + i + "}}\n  template:\n"
                + "    metadata: {labels: {app: app" + i + "}}\n    spec:\n      containers:\n      - name: main\n"
                + "        image: registry.local/app:1.0." + i + "\n        ports: [{containerPort: 8080, name: http}]\n";
    }
}
