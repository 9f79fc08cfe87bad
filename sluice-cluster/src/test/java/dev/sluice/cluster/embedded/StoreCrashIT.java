package dev.sluice.cluster.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.OwnerReference;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing process with SIGKILL at random moments, many times over, and checks after each
 * kill that the store opens and holds every write that was acknowledged, at least at that version,
 * and that no dependent outlived its owner.
 */
class StoreCrashIT {

    static final int ROUNDS = Integer.getInteger("sluice.crash.rounds", 30);

    @TempDir
    Path dir;

    /** The last acknowledged state of each name: a resourceVersion, or -1 once deleted. */
    final Map<String, Long> acked = new HashMap<>();
    final Set<String> deleting = new HashSet<>();

    @Test
    void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
        SplittableRandom random = new SplittableRandom(20260101);
        String java = ProcessHandle.current().info().command().orElse("java");
        int totalAcks = 0;
        for (int round = 0; round < ROUNDS; round++) {
            // C1 only and the serial collector: a quicker start for a short-lived child on a busy machine.
            Process child = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"),
                    CrashWriter.class.getName(), dir.toString(), "r" + round + "-", Long.toString(random.nextLong()))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null; ) {
                        lines.add(l);
                    }
                } catch (java.io.IOException ignored) {
                    // the pipe breaks when the child dies
                }
            });
            reader.start();
            // Kill after a random number of acknowledged writes: the kill lands mid-write at a random point.
            int killAfter = random.nextInt(1, 200);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(2)).until(() -> lines.size() > killAfter || !child.isAlive());
            assertThat(lines).as("child started (round %d)", round).contains("READY");
            child.destroyForcibly();
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
            totalAcks += record(lines);
            verify(round);
        }
        assertThat(totalAcks).as("writes acknowledged over all rounds").isGreaterThan(ROUNDS * 20);
    }

    private int record(List<String> lines) {
        int n = 0;
        for (String l : lines) {
            String[] p = l.split(" ");
            switch (p[0]) {
                case "PUT" -> acked.put(p[1], Long.parseLong(p[2]));
                case "DELETING" -> deleting.add(p[1]);
                case "DEL" -> acked.put(p[1], -1L);
                default -> {
                    continue;
                }
            }
            n++;
        }
        return n;
    }

    private void verify(int round) {
        try (EmbeddedCluster store = EmbeddedCluster.builder().stateDirectory(dir).build()) {
            acked.forEach((name, rv) -> {
                var found = store.get(new ObjectKey(Fixtures.CONFIG_MAP, "default", name));
                if (rv < 0) {
                    assertThat(found).as("round %d: %s was deleted", round, name).isEmpty();
                } else if (found.isEmpty()) {
                    assertThat(deleting).as("round %d: %s (rv %d) may only be missing when its deletion began", round,
                            name, rv).contains(ownerOf(name));
                } else {
                    assertThat(Long.parseLong(found.get().resourceVersion())).as("round %d: %s", round, name)
                            .isGreaterThanOrEqualTo(rv);
                }
            });
            List<KubeObject> all = store.list(Fixtures.CONFIG_MAP, "default", LabelSelector.everything());
            Set<String> uids = new HashSet<>();
            all.forEach(o -> uids.add(o.uid()));
            List<String> orphans = new ArrayList<>();
            for (KubeObject o : all) {
                for (OwnerReference ref : o.ownerReferences()) {
                    if (!uids.contains(ref.uid())) {
                        orphans.add(o.name());
                    }
                }
            }
            assertThat(orphans).as("round %d: dependents whose owner is gone", round).isEmpty();
        }
    }

    /** Dependents are named {@code <owner>-d<n>}; an owner is its own owner here. */
    private static String ownerOf(String name) {
        int i = name.lastIndexOf("-d");
        return i > 0 && name.substring(i + 2).chars().allMatch(Character::isDigit) ? name.substring(0, i) : name;
    }
}
