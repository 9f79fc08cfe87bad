package dev.sluice.delivery.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.KubeObject;
import dev.sluice.api.flagger.CanaryPhase;
import dev.sluice.api.flagger.CanaryStatus;
import dev.sluice.delivery.canary.CanaryState;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Status writes retry on a stale resourceVersion and never lose another writer's change. */
class StatusWriterIT {

    private final CanaryWorld world = new CanaryWorld();
    private final AtomicInteger edits = new AtomicInteger();
    private final ConflictingCluster cluster = new ConflictingCluster(world.cluster, () -> {
        KubeObject c = world.get("flagger.app/v1beta1", "Canary", "podinfo");
        world.cluster.update(c.edit(n -> n.withObjectProperty("metadata").withObjectProperty("annotations")
                .put("edited", Integer.toString(edits.incrementAndGet()))));
    });

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void aStaleWriteIsRetriedOnTheFreshObject() {
        world.apply(Manifests.canary("linkerd", "", Manifests.PROGRESSIVE));
        CanaryState progressing = CanaryState.NEW.toBuilder().phase(CanaryPhase.PROGRESSING).canaryWeight(20).build();
        cluster.conflictNext(3);
        new StatusWriter(cluster).save(CanaryWorld.canaryKey("podinfo"), progressing);

        KubeObject stored = world.get("flagger.app/v1beta1", "Canary", "podinfo");
        assertThat(CanaryStatus.fromNode(stored.status()).canaryWeight()).isEqualTo(20);
        assertThat(stored.annotations()).containsEntry("edited", "3");
    }

    @Test
    void aWriteThatKeepsLosingFailsWithTheReason() {
        world.apply(Manifests.canary("linkerd", "", Manifests.PROGRESSIVE));
        cluster.conflictNext(Updates.ATTEMPTS);
        assertThatThrownBy(() -> new StatusWriter(cluster).save(CanaryWorld.canaryKey("podinfo"), CanaryState.NEW))
                .isInstanceOf(EffectFailure.class).hasMessageStartingWith("failed to update canary podinfo.test status: ");
    }

    @Test
    void theGitDriftRecordAndConditionOfAnotherControllerSurviveAStateWrite() {
        world.apply(Manifests.canary("linkerd", "", Manifests.PROGRESSIVE));
        KubeObject c = world.get("flagger.app/v1beta1", "Canary", "podinfo");
        world.cluster.updateStatus(c.withStatus(dev.sluice.api.Json.parseObject("""
                {"phase": "Failed", "gitDrift": {"state": "Drifted", "commit": "5d0e6e1c"},
                 "conditions": [{"type": "GitDrift", "status": "True", "reason": "FailedSpecInGit", "message": "m"}]}
                """)));
        CanaryState failed = CanaryState.NEW.toBuilder().phase(CanaryPhase.FAILED).failedChecks(5).build();

        new StatusWriter(world.cluster).save(CanaryWorld.canaryKey("podinfo"), failed);

        KubeObject stored = world.get("flagger.app/v1beta1", "Canary", "podinfo");
        assertThat(stored.status().path("failedChecks").asInt()).isEqualTo(5);
        assertThat(stored.status().path("gitDrift").path("commit").asText()).isEqualTo("5d0e6e1c");
        assertThat(stored.status().path("conditions").get(0).path("type").asText()).isEqualTo("GitDrift");
    }
}
