package dev.sluice.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.GroupKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void leaderElectionTimingsMustLeaveTheOldLeaderTimeToStop() {
        LeaderElectionOptions d = LeaderElectionOptions.defaults("sluice-system", "pod-0");
        assertThat(d.stopBudget()).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> d.withTimings(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(2)))
                .hasMessageContaining("--leader-election-renew-deadline").hasMessageContaining("shorter");
        assertThatThrownBy(() -> d.withTimings(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(5)))
                .hasMessageContaining("--leader-election-retry-period");
        assertThatThrownBy(() -> LeaderElectionOptions.defaults("", "pod-0")).hasMessageContaining("namespace");
    }

    @Test
    void kubernetesOptionsValidateFlags() {
        assertThatThrownBy(() -> KubernetesOptions.defaults().withRateLimit(10, 0)).hasMessageContaining("--kube-api-burst");
        assertThatThrownBy(() -> KubernetesOptions.defaults().withWatchLabelSelector("a in b"))
                .hasMessageContaining("invalid label selector");
        assertThat(KubernetesOptions.defaults().withWatchLabelSelector("!sharding.fluxcd.io/key").watchLabelSelector())
                .hasToString("!sharding.fluxcd.io/key");
    }

    @Test
    void onlyTheControllersOwnKindsAreSharded() {
        assertThat(KubernetesOptions.isShardedKind(GroupKind.of("kustomize.toolkit.fluxcd.io", "Kustomization"))).isTrue();
        assertThat(KubernetesOptions.isShardedKind(GroupKind.of("flagger.app", "Canary"))).isTrue();
        assertThat(KubernetesOptions.isShardedKind(GroupKind.of("apps", "Deployment"))).isFalse();
        assertThat(KubernetesOptions.isShardedKind(GroupKind.of("split.smi-spec.io", "TrafficSplit"))).isFalse();
    }
}
