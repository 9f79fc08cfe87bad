package dev.sluice.gitops.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.ObjectKey;
import dev.sluice.testkit.ManualClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactStoreTest {

    private static final ObjectKey SOURCE = ObjectKey.of("source.toolkit.fluxcd.io", "GitRepository", "ns", "repo");
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path root;

    private final ManualClock clock = ManualClock.atEpochOfTests();

    private static void file(ArtifactWriter w, String path, String content, boolean exe) throws java.io.IOException {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        w.add(path, exe, b.length, new ByteArrayInputStream(b));
    }

    private Artifact write(ArtifactStore store, String revision, String content) throws Exception {
        return store.write(SOURCE, revision, w -> {
            file(w, "a/b/c.yaml", content, false);
            file(w, "run.sh", "#!/bin/sh", true);
            file(w, "very/" + "long-directory-name/".repeat(8) + "x.yaml", "deep", false);
        });
    }

    @Test
    void equalContentHasAnEqualDigestWhateverTheTime() throws Exception {
        ArtifactStore one = new ArtifactStore(root.resolve("one"), "http://x", clock);
        Artifact a = write(one, "main@sha1:" + SHA, "same");
        clock.advance(java.time.Duration.ofHours(1));
        ArtifactStore two = new ArtifactStore(root.resolve("two"), "http://x", clock);
        Artifact b = write(two, "main@sha1:" + SHA, "same");
        assertThat(b.digest()).isEqualTo(a.digest()).startsWith("sha256:");
        assertThat(b.lastUpdateTime()).isNotEqualTo(a.lastUpdateTime());
        assertThat(write(two, "main@sha1:" + SHA, "other").digest()).isNotEqualTo(a.digest());
    }

    @Test
    void openUnpacksTheArchiveAgainWhenTheTreeIsGoneAndChecksTheDigest() throws Exception {
        ArtifactStore store = new ArtifactStore(root, "http://x", clock);
        Artifact a = write(store, "main@sha1:" + SHA, "content");
        Path tree = store.open(a);
        Storage.deleteTree(tree);
        Path again = store.open(a);
        assertThat(again).isEqualTo(tree);
        assertThat(Files.readString(again.resolve("a/b/c.yaml"))).isEqualTo("content");
        assertThat(Files.isExecutable(again.resolve("run.sh"))).isTrue();
        assertThat(again.resolve("very/" + "long-directory-name/".repeat(8) + "x.yaml")).exists();

        Storage.deleteTree(tree);
        Artifact forged = new Artifact(a.revision(), "sha256:" + "0".repeat(64), a.path(), a.url(), a.size(), a.lastUpdateTime());
        assertThatThrownBy(() -> store.open(forged)).hasMessageContaining("doesn't match");
    }

    @Test
    void openOfAMissingArtifactSaysSo() throws Exception {
        ArtifactStore store = new ArtifactStore(root, "http://x", clock);
        Artifact a = write(store, "main@sha1:" + SHA, "content");
        store.deleteAll(SOURCE);
        assertThatThrownBy(() -> store.open(a)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("artifact for revision 'main@sha1:" + SHA + "' is not in storage");
    }

    @Test
    void unchangedFilesAreHardLinkedFromThePreviousTree() throws Exception {
        ArtifactStore store = new ArtifactStore(root, "http://x", clock);
        Artifact first = store.write(SOURCE, "main@sha1:" + SHA, w -> {
            blob(w, "same.yaml", "same", "1111111111111111111111111111111111111111");
            blob(w, "changed.yaml", "old", "2222222222222222222222222222222222222222");
        });
        String next = "fedcba9876543210fedcba9876543210fedcba98";
        Artifact second = store.write(SOURCE, "main@sha1:" + next, java.util.Optional.of(first), w -> {
            blob(w, "same.yaml", "same", "1111111111111111111111111111111111111111");
            blob(w, "changed.yaml", "new", "3333333333333333333333333333333333333333");
        });
        Path a = store.open(first);
        Path b = store.open(second);
        assertThat(Files.getAttribute(b.resolve("same.yaml"), "unix:ino")).isEqualTo(Files.getAttribute(a.resolve("same.yaml"), "unix:ino"));
        assertThat(Files.getAttribute(b.resolve("changed.yaml"), "unix:ino")).isNotEqualTo(Files.getAttribute(a.resolve("changed.yaml"), "unix:ino"));
        assertThat(Files.readString(b.resolve("changed.yaml"))).isEqualTo("new");
        assertThat(Files.readString(a.resolve("changed.yaml"))).isEqualTo("old");

        Artifact fresh = new ArtifactStore(root.resolve("fresh"), "http://x", clock).write(SOURCE, "main@sha1:" + next, w -> {
            blob(w, "same.yaml", "same", "");
            blob(w, "changed.yaml", "new", "");
        });
        assertThat(second.digest()).isEqualTo(fresh.digest()); // linking changes nothing in the artifact

        store.gc(SOURCE, second, 1);
        assertThat(store.contains(first)).isFalse();
        assertThat(Files.readString(b.resolve("same.yaml"))).isEqualTo("same"); // the link outlives the old tree
    }

    @Test
    void changedFilesAreTheAddedRemovedAndChangedOnes() throws Exception {
        ArtifactStore store = new ArtifactStore(root, "http://x", clock);
        Artifact first = store.write(SOURCE, "main@sha1:" + SHA, w -> {
            blob(w, "apps/a/cm.yaml", "same", "1111111111111111111111111111111111111111");
            blob(w, "apps/b/cm.yaml", "old", "2222222222222222222222222222222222222222");
            blob(w, "apps/c/gone.yaml", "gone", "4444444444444444444444444444444444444444");
        });
        Artifact second = store.write(SOURCE, "main@sha1:fedcba9876543210fedcba9876543210fedcba98", java.util.Optional.of(first), w -> {
            blob(w, "apps/a/cm.yaml", "same", "1111111111111111111111111111111111111111");
            blob(w, "apps/b/cm.yaml", "new", "3333333333333333333333333333333333333333");
            blob(w, "apps/d/new.yaml", "new", "5555555555555555555555555555555555555555");
        });
        assertThat(store.changedFiles(first, second)).containsExactlyInAnyOrder("apps/b/cm.yaml", "apps/c/gone.yaml", "apps/d/new.yaml");
        assertThat(store.changedFiles(second, second)).isEmpty();
    }

    private static void blob(ArtifactWriter w, String path, String content, String id) throws java.io.IOException {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        w.add(path, false, id, b.length, new ByteArrayInputStream(b));
    }
}
