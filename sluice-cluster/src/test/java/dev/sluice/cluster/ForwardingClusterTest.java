package dev.sluice.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.embedded.EmbeddedCluster;
import dev.sluice.testkit.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ForwardingClusterTest {

    private static final ObjectKey CM = ObjectKey.of("", "ConfigMap", "default", "settings");

    @Test
    void fieldManagersReachTheDelegateAndOverridesSeeEveryCall() {
        List<String> events = new ArrayList<>();
        try (EmbeddedCluster store = EmbeddedCluster.inMemory(ManualClock.atEpochOfTests(), new Random(1))) {
            Cluster c = new ForwardingCluster() {
                @Override
                protected Cluster delegate() {
                    return store;
                }

                @Override
                public void recordEvent(EventRecord event) {
                    events.add(event.reason());
                    super.recordEvent(event);
                }
            };
            c.create(KubeObject.parse("{apiVersion: v1, kind: ConfigMap, metadata: {name: settings, namespace: default}, data: {a: b}}"),
                    "kubectl-create");
            KubeObject stored = c.get(CM).orElseThrow();
            assertThat(stored.metadata().path("managedFields").toString()).contains("\"manager\":\"kubectl-create\"");
            c.update(stored.edit(n -> ((com.fasterxml.jackson.databind.node.ObjectNode) n.get("data")).put("a", "c")), "flagger");

            // flagger's update took data.a over from kubectl-create, as the API server records it.
            assertThat(store.get(CM).orElseThrow().metadata().path("managedFields").toString())
                    .contains("\"manager\":\"flagger\"").doesNotContain("kubectl-create");
            c.recordEvent(EventRecord.normal(CM, "Checked", "ok", "test", ManualClock.atEpochOfTests().instant()));
            assertThat(events).containsExactly("Checked");
            assertThat(store.events(CM)).extracting(EventRecord::reason).contains("Checked");
        }
    }
}
