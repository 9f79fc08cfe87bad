package dev.sluice.cluster.embedded;

import static dev.sluice.cluster.embedded.Fixtures.cm;
import static dev.sluice.cluster.embedded.Fixtures.configMap;
import static dev.sluice.cluster.embedded.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.ClusterException.Reason;
import dev.sluice.cluster.DeleteOptions;
import dev.sluice.cluster.EventRecord;
import dev.sluice.testkit.ManualClock;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {

    @TempDir
    Path dir;

    final ManualClock clock = ManualClock.atEpochOfTests();

    EmbeddedCluster open(Path d, StoreOptions options) {
        return EmbeddedCluster.builder().clock(clock).random(new SplittableRandom(3)).stateDirectory(d)
                .resourceTypes(ResourceTypes.builtIn()).options(options).build();
    }

    EmbeddedCluster open() {
        return open(dir, StoreOptions.defaults());
    }

    List<String> files(String prefix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList();
        }
    }

    static final String CRD = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: gadgets.example.io}
            spec:
              group: example.io
              scope: Cluster
              names: {kind: Gadget, plural: gadgets}
              versions: [{name: v1, served: true, storage: true}]
            """;

    @Test
    void roundTripsObjectsVersionsEventsAndCrdKinds() {
        List<KubeObject> before;
        String rv;
        try (EmbeddedCluster s = open()) {
            s.create(Fixtures.namespace("apps"));
            s.create(configMap("apps", "a", "{x: '1'}"));
            s.create(configMap("apps", "b", "{}"));
            s.update(configMap("apps", "a", "{x: '2'}"));
            s.delete(cm("apps", "b"), DeleteOptions.background());
            s.create(yaml(CRD));
            s.recordEvent(EventRecord.normal(cm("apps", "a"), "Synced", "ok", "sluice", Instant.EPOCH));
            before = s.list(Fixtures.CONFIG_MAP, "", LabelSelector.everything());
            rv = s.currentResourceVersion();
        }
        try (EmbeddedCluster s = open()) {
            assertThat(s.list(Fixtures.CONFIG_MAP, "", LabelSelector.everything())).isEqualTo(before);
            assertThat(s.get(cm("apps", "b"))).isEmpty();
            assertThat(s.currentResourceVersion()).isEqualTo(rv);
            KubeObject next = s.create(configMap("apps", "c", "{}"));
            assertThat(Long.parseLong(next.resourceVersion())).isGreaterThan(Long.parseLong(rv));
            s.recordEvent(EventRecord.normal(cm("apps", "a"), "Synced", "ok", "sluice", Instant.EPOCH));
            assertThat(s.events(cm("apps", "a"))).singleElement().extracting(EventRecord::count).isEqualTo(2);
            KubeObject gadget = s.create(yaml("{apiVersion: example.io/v1, kind: Gadget, metadata: {name: g, namespace: apps}}"));
            assertThat(gadget.namespace()).as("the CRD's scope is known after a restart").isEmpty();
        }
    }

    @Test
    void everyAcknowledgedWriteIsOnDiskBeforeClose() throws IOException {
        Path copy = Files.createTempDirectory("sluice-crash-copy");
        try (EmbeddedCluster s = open()) {
            for (int i = 0; i < 20; i++) {
                s.create(configMap("default", "c" + i, "{}"));
            }
            // Copying the files of a running store is what a crash leaves behind.
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> !p.getFileName().toString().equals("LOCK")).toList()) {
                    Files.copy(f, copy.resolve(f.getFileName()));
                }
            }
        }
        try (EmbeddedCluster s = open(copy, StoreOptions.defaults())) {
            assertThat(s.list(Fixtures.CONFIG_MAP, "default", LabelSelector.everything())).hasSize(20);
        }
    }

    @Test
    void aTornLastRecordIsDroppedAndTheRestKept() throws IOException {
        try (EmbeddedCluster s = open()) {
            s.create(configMap("default", "kept", "{}"));
            s.create(configMap("default", "torn", "{}"));
        }
        Path last = dir.resolve(files("wal-").get(files("wal-").size() - 1));
        long size = Files.size(last);
        try (RandomAccessFile f = new RandomAccessFile(last.toFile(), "rw")) {
            f.setLength(size - 7); // the write of "torn" cut short
        }
        try (EmbeddedCluster s = open()) {
            assertThat(s.get(cm("default", "kept"))).isPresent();
            assertThat(s.get(cm("default", "torn"))).isEmpty();
            s.create(configMap("default", "after", "{}"));
        }
        assertThat(Files.size(last)).as("the torn tail is cut off").isLessThan(size - 7);
        try (EmbeddedCluster s = open()) {
            assertThat(s.get(cm("default", "after"))).isPresent();
        }
    }

    @Test
    void garbageAfterTheLastRecordIsDropped() throws IOException {
        try (EmbeddedCluster s = open()) {
            s.create(configMap("default", "kept", "{}"));
        }
        Path last = dir.resolve(files("wal-").get(files("wal-").size() - 1));
        Files.write(last, new byte[] {0, 0, 1, 0, 1, 2, 3, 4, 5, 6, 7}, java.nio.file.StandardOpenOption.APPEND);
        try (EmbeddedCluster s = open()) {
            assertThat(s.get(cm("default", "kept"))).isPresent();
        }
    }

    @Test
    void damageBeforeTheLastSegmentRefusesToOpenNamingTheFile() throws IOException {
        for (int i = 0; i < 3; i++) {
            try (EmbeddedCluster s = open()) {
                s.create(configMap("default", "c" + i, "{x: 'some data to flip'}"));
            }
        }
        String first = files("wal-").get(0);
        byte[] data = Files.readAllBytes(dir.resolve(first));
        data[data.length - 5] ^= 0x5A;
        Files.write(dir.resolve(first), data);
        assertThatThrownBy(this::open)
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE))
                .hasMessageContaining(first).hasMessageContaining("fails its CRC").hasMessageContaining("Nothing was changed");
        data[data.length - 5] ^= 0x5A;
        Files.write(dir.resolve(first), data);
        try (EmbeddedCluster s = open()) {
            assertThat(s.list(Fixtures.CONFIG_MAP, "default", LabelSelector.everything())).hasSize(3);
        }
    }

    @Test
    void snapshotsCompactTheLogAndRestoreEverything() throws Exception {
        StoreOptions small = StoreOptions.defaults().withMinSnapshotBytes(2048);
        try (EmbeddedCluster s = open(dir, small)) {
            for (int i = 0; i < 60; i++) {
                s.create(configMap("default", "c" + i, "{i: '" + i + "'}"));
            }
            for (int i = 0; i < 60; i += 2) {
                s.delete(cm("default", "c" + i), DeleteOptions.background());
            }
            await().until(() -> !files("snapshot-").isEmpty());
        }
        assertThat(files("snapshot-")).hasSize(1);
        long firstReplayed = Long.parseLong(files("snapshot-").get(0).replaceAll("\\D", ""));
        assertThat(files("wal-")).allSatisfy(w -> assertThat(Long.parseLong(w.replaceAll("\\D", "")))
                .isGreaterThanOrEqualTo(firstReplayed));
        try (EmbeddedCluster s = open(dir, small)) {
            List<KubeObject> left = s.list(Fixtures.CONFIG_MAP, "default", LabelSelector.everything());
            assertThat(left).hasSize(30).allSatisfy(o -> assertThat(o.at("/data/i").asInt() % 2).isEqualTo(1));
        }
    }

    @Test
    void aSecondProcessCannotOpenTheSameDirectory() {
        try (EmbeddedCluster s = open()) {
            assertThatThrownBy(this::open)
                    .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE))
                    .hasMessageContaining("in use");
            assertThat(s.get(new ObjectKey(new GroupKind("", "Namespace"), "", "default"))).isPresent();
        }
    }

    @Test
    void watchesFromBeforeARestartAreExpired() {
        String old;
        try (EmbeddedCluster s = open()) {
            old = s.currentResourceVersion();
            s.create(configMap("default", "a", "{}"));
        }
        try (EmbeddedCluster s = open()) {
            assertThatThrownBy(() -> s.watch(Fixtures.CONFIG_MAP, "", old, e -> { }))
                    .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.reason()).isEqualTo(Reason.EXPIRED));
            s.watch(Fixtures.CONFIG_MAP, "", s.currentResourceVersion(), e -> { }).close();
        }
    }

    @Test
    void openingReleasesAForegroundOwnerWhenACrashCutTheCascadeAfterItsLastBlockingDependent() throws IOException {
        ObjectKey owner;
        try (EmbeddedCluster s = open()) {
            KubeObject o = s.create(Fixtures.deployment("default", "web", 1));
            owner = o.key();
            s.create(Fixtures.dependent(o, "blocking", true).edit(n -> KubeObject.arrayOf(n.withObject("metadata"), "finalizers")
                    .add("a.io/x")));
            s.delete(owner, DeleteOptions.foreground());
            KubeObject dep = s.get(cm("default", "blocking")).orElseThrow();
            // One transaction: the dependent goes, then the owner is released and removed.
            s.update(dep.edit(n -> n.withObject("metadata").remove("finalizers")));
        }
        Path last = dir.resolve(files("wal-").get(files("wal-").size() - 1));
        byte[] data = Files.readAllBytes(last);
        int records = RecordReader.read(data).records().size();
        int cut = data.length;
        while (RecordReader.read(java.util.Arrays.copyOf(data, cut)).records().size() == records) {
            cut--;
        }
        // Keep the dependent's removal, lose the owner's: the owner still waits with foregroundDeletion.
        try (RandomAccessFile f = new RandomAccessFile(last.toFile(), "rw")) {
            f.setLength(cut);
        }
        try (EmbeddedCluster s = open()) {
            assertThat(s.get(cm("default", "blocking"))).isEmpty();
            assertThat(s.get(owner)).isEmpty();
        }
    }

    @Test
    void openingFinishesGarbageCollectionACrashCutShort() {
        try (EmbeddedCluster s = open()) {
            s.create(yaml("""
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: orphan
                      namespace: default
                      ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: gone, uid: 0000-gone}]
                    """));
        }
        try (EmbeddedCluster s = open()) {
            assertThat(s.get(cm("default", "orphan"))).isEmpty();
        }
    }
}
