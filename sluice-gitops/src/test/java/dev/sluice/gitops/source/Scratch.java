package dev.sluice.gitops.source;

import dev.sluice.api.ObjectKey;
import dev.sluice.testkit.git.GitHttpServer;
import dev.sluice.testkit.git.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

public final class Scratch {
    public static void main(String[] args) throws Exception {
        Path tmp = Files.createTempDirectory("scratch");
        try (TestRepo repo = TestRepo.init(tmp.resolve("origin")); GitHttpServer server = GitHttpServer.start()) {
            for (int i = 0; i < 2000; i++) repo.write("apps/dir" + (i % 100) + "/app" + i + ".yaml", ("x: " + i + "\n").repeat(20));
            repo.commit("gen");
            server.serve("big.git", repo.repository());
            String url = server.url("big.git");
            JGitClient c = new JGitClient();
            Path cache = tmp.resolve("cache");
            ObjectKey key = ObjectKey.of("source.toolkit.fluxcd.io", "GitRepository", "ns", "big");
            ArtifactStore store = new ArtifactStore(tmp.resolve("store"), "http://x", java.time.Clock.systemUTC());
            for (int k = 0; k < 8; k++) {
                long t0 = System.nanoTime();
                long tc = System.nanoTime();
                if (k > 0) repo.write("apps/dir0/app0.yaml", "v: " + k).commit("c" + k);
                long t1 = System.nanoTime();
                c.lsRemote(url, GitAuth.none(), Duration.ofSeconds(60));
                long t2 = System.nanoTime();
                var fc = c.fetch(url, GitAuth.none(), Duration.ofSeconds(60), cache, "refs/heads/main", true, "");
                long t3 = System.nanoTime();
                Artifact a = store.write(key, "main@sha1:" + fc.id(), w -> CommitSnapshot.write(cache, fc.id(), Optional.empty(), List.of(), w));
                long t4 = System.nanoTime();
                store.gc(key, a, 2);
                long t5 = System.nanoTime();
                System.out.printf("commit %.1f ls %.1f fetch %.1f write %.1f gc %.1f%n", (t1 - tc) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6, (t5 - t4) / 1e6);
            }
        }
    }
}
