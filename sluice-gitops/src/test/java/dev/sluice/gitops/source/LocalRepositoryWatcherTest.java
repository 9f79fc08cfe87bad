package dev.sluice.gitops.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.ObjectKey;
import dev.sluice.testkit.git.TestRepo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRepositoryWatcherTest {

    private static final ObjectKey SOURCE = ObjectKey.of("source.toolkit.fluxcd.io", "GitRepository", "flux-system", "local");

    @TempDir
    Path tmp;

    private final List<ObjectKey> changes = new CopyOnWriteArrayList<>();

    @Test
    void reportsCommitsBranchesAndTagsOnceEach() throws Exception {
        try (TestRepo repo = TestRepo.init(tmp.resolve("repo"));
             LocalRepositoryWatcher watcher = new LocalRepositoryWatcher(changes::add)) {
            repo.write("a.yaml", "1").commit("one");
            watcher.watch(SOURCE, repo.dir());
            watcher.poll();
            assertThat(changes).isEmpty();

            repo.write("a.yaml", "2").commit("two");
            watcher.poll();
            watcher.poll();
            assertThat(changes).containsExactly(SOURCE);

            repo.tag("v1");
            watcher.poll();
            repo.branch("other");
            watcher.poll();
            assertThat(changes).hasSize(3);

            watcher.unwatch(SOURCE);
            repo.write("a.yaml", "3").commit("three");
            watcher.poll();
            assertThat(changes).hasSize(3);
        }
    }

    @Test
    void aCommitIsNoticedWithinASecondWhenPolling() throws Exception {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try (TestRepo repo = TestRepo.init(tmp.resolve("repo"));
             LocalRepositoryWatcher watcher = new LocalRepositoryWatcher(changes::add)) {
            repo.write("a.yaml", "1").commit("one");
            watcher.watch(SOURCE, repo.dir());
            watcher.start(executor, Duration.ofMillis(200));
            repo.write("a.yaml", "2").commit("two");
            await().atMost(Duration.ofSeconds(1)).until(() -> changes.contains(SOURCE));
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void onlyFileUrlsAreLocal() {
        assertThat(LocalRepositoryWatcher.localPath("file:///srv/git/repo")).contains(Path.of("/srv/git/repo"));
        assertThat(LocalRepositoryWatcher.localPath("https://github.com/org/repo")).isEmpty();
    }
}
