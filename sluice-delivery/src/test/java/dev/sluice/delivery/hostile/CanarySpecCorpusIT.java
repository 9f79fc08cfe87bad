package dev.sluice.delivery.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.flagger.CanaryCondition;
import dev.sluice.api.flagger.CanaryKindModel;
import dev.sluice.api.flagger.CanaryStatus;
import dev.sluice.cluster.ApplyOptions;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.EventRecord;
import dev.sluice.cluster.embedded.EmbeddedCluster;
import dev.sluice.cluster.embedded.StoreOptions;
import dev.sluice.cluster.reconcile.Reconciler;
import dev.sluice.delivery.net.HttpClients;
import dev.sluice.delivery.reconcile.AlertNotifiers;
import dev.sluice.delivery.reconcile.CanaryController;
import dev.sluice.delivery.reconcile.CanaryMetricsListener;
import dev.sluice.delivery.reconcile.CanarySettings;
import dev.sluice.delivery.webhook.WebhookResult;
import dev.sluice.testkit.ManualClock;
import dev.sluice.testkit.hostile.HostileCorpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The canary controller on the embedded store with every invalid Canary of the corpus applied as Flux
 * applies it: each gets a Stalled condition (InvalidSpec) and a Warning event naming the field, the
 * reconciler returns instead of throwing, no primary is created for it, and a valid Canary beside them
 * is not marked invalid.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CanarySpecCorpusIT {

    private static final String NS = "test";

    private final ManualClock clock = ManualClock.atEpochOfTests();
    private final EmbeddedCluster cluster = EmbeddedCluster.builder().clock(clock).random(new SplittableRandom(7))
            .options(StoreOptions.defaults().withInitialNamespaces(List.of("default", NS))).build();
    private final HttpClients http = HttpClients.defaults();
    private final Reconciler reconciler = CanaryController.create(cluster, clock, new SplittableRandom(11),
            CanaryController.adapters(cluster, clock, http, CanarySettings.DEFAULTS, (hook, payload) -> WebhookResult.passed(),
                    AlertNotifiers.NONE), CanarySettings.DEFAULTS, tick -> { }, CanaryMetricsListener.NONE).reconciler();

    @TestFactory
    Stream<DynamicTest> everyInvalidCanaryIsStalledNamingTheField() {
        List<HostileCorpus.Case> cases = HostileCorpus.files("specs", ".yaml").stream()
                .filter(c -> c.name().startsWith("specs/canary-")).toList();
        assertThat(cases).hasSizeGreaterThan(50);
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            HostileCorpus.Case c = cases.get(i);
            String name = "canary-" + i;
            tests.add(DynamicTest.dynamicTest(c.name(), () -> check(name, c)));
        }
        return tests.stream();
    }

    private void check(String name, HostileCorpus.Case c) throws Exception {
        String text = Files.readString(c.input(), StandardCharsets.UTF_8).replace("  name: podinfo\n  namespace: test",
                "  name: " + name + "\n  namespace: " + NS);
        ObjectKey key;
        try {
            key = cluster.apply(KubeObject.parse(text), ApplyOptions.as("kustomize-controller")).object().key();
        } catch (ClusterException | dev.sluice.api.InvalidInputException refused) {
            // refused before storing (no name, a spec that is not a mapping): the store names the field
            assertThat(refused.getMessage()).contains(c.expected().get(0).split("\\.")[0]);
            return;
        }
        assertThat(reconciler.reconcile(key)).isNotNull();
        CanaryStatus status = CanaryStatus.fromNode(cluster.get(key).orElseThrow().status());
        List<String> warnings = cluster.events(key).stream().filter(EventRecord::isWarning).map(EventRecord::message).toList();
        var stalled = status.conditions().stream().filter(x -> x.type().equals("Stalled")).findFirst();
        if (c.valid() || c.warningOnly()) {
            assertThat(stalled.map(CanaryCondition::reason)).as(c.name() + " " + warnings).isNotEqualTo(java.util.Optional.of("InvalidSpec"));
            return;
        }
        assertThat(stalled).as(c.name() + " " + warnings).isPresent();
        assertThat(stalled.get().reason()).isEqualTo("InvalidSpec");
        assertThat(stalled.get().message()).as(c.name()).startsWith("Canary " + NS + "/" + name + " is invalid: ")
                .contains(c.expected().get(0));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains(c.expected().get(0)));
        assertThat(cluster.get(new ObjectKey(dev.sluice.api.GroupKind.of("apps", "Deployment"), NS, "podinfo-primary")))
                .as("nothing is rolled out for an invalid Canary").isEmpty();
    }

    @AfterAll
    void close() {
        http.close();
        cluster.close();
    }
}
