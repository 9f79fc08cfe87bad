package dev.sluice.helm.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.helm.HelmRelease;
import dev.sluice.api.helm.HelmReleaseModel;
import dev.sluice.helm.controller.Planner.State;
import dev.sluice.helm.controller.Planner.Step;
import dev.sluice.helm.release.Release;
import dev.sluice.helm.values.Values;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlannerTest {

    private static final Planner.Desired DESIRED = new Planner.Desired("podinfo", "6.0.3", Values.digest(Json.object()));

    private static HelmRelease hr(String spec) {
        HelmReleaseModel m = new HelmReleaseModel();
        return m.parse(m.toLatest(KubeObject.parse("""
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata: {name: podinfo, namespace: apps}
                spec:
                  interval: 5m
                  chart: {spec: {chart: podinfo, sourceRef: {kind: HelmRepository, name: r}}}
                """ + spec))).value();
    }

    private static Release release(int version, String status, String chartVersion) {
        return new Release("podinfo", "apps", version, status, Instant.EPOCH, Instant.EPOCH, null, "",
                Json.parseObject("{\"metadata\":{\"name\":\"podinfo\",\"version\":\"" + chartVersion + "\"}}"), Json.object(),
                "", Json.nodes().arrayNode());
    }

    private static List<ObjectNode> history(Release... releases) {
        List<ObjectNode> h = new ArrayList<>();
        for (Release r : releases) {
            h = Snapshots.put(h, Snapshots.of(r, ""));
        }
        return h;
    }

    @Test
    void statesFollowTheStoredReleaseAndTheHistory() {
        HelmRelease plain = hr("");
        Release v1 = release(1, Release.DEPLOYED, "6.0.3");
        assertThat(Planner.state(Optional.empty(), List.of(), DESIRED, plain, "")).isEqualTo(State.ABSENT);
        assertThat(Planner.state(Optional.of(v1), List.of(), DESIRED, plain, "")).isEqualTo(State.UNMANAGED);
        assertThat(Planner.state(Optional.of(v1), history(v1), DESIRED, plain, "install")).isEqualTo(State.IN_SYNC);
        assertThat(Planner.state(Optional.of(v1), history(release(1, Release.PENDING_INSTALL, "6.0.3")), DESIRED, plain, ""))
                .as("changed behind our back").isEqualTo(State.UNMANAGED);
        Release pending = release(2, Release.PENDING_UPGRADE, "6.0.4");
        assertThat(Planner.state(Optional.of(pending), history(v1, pending), DESIRED, plain, "upgrade")).isEqualTo(State.PENDING);
        assertThat(Planner.state(Optional.of(pending), history(v1), DESIRED, plain, "upgrade")).isEqualTo(State.LOCKED);
        Release old = release(1, Release.DEPLOYED, "6.0.2");
        assertThat(Planner.state(Optional.of(old), history(old), DESIRED, plain, "install")).isEqualTo(State.OUT_OF_SYNC);
        assertThat(Planner.state(Optional.of(v1), history(v1), DESIRED, hr("  test: {enable: true}\n"), "install"))
                .isEqualTo(State.UNTESTED);
        Release failed = release(2, Release.FAILED, "6.0.3");
        assertThat(Planner.state(Optional.of(failed), history(v1, failed), DESIRED, plain, "upgrade")).isEqualTo(State.FAILED);
    }

    @Test
    void remediationFollowsTheRetriesAndTheStrategy() {
        Release v1 = release(1, Release.SUPERSEDED, "6.0.2");
        Release v2 = release(2, Release.FAILED, "6.0.3");
        List<ObjectNode> h = history(v1, v2);
        HelmRelease none = hr("");
        assertThat(Planner.next(State.FAILED, none, h, "upgrade", 0, 1, false))
                .isEqualTo(new Step.Stall("RetriesExceeded", "Failed to upgrade after 1 attempt(s)"));
        assertThat(Planner.next(State.FAILED, none, h, "upgrade", 0, 0, false)).isInstanceOf(Step.Upgrade.class);
        assertThat(Planner.next(State.FAILED, none, h, "upgrade", 0, 1, true)).isInstanceOf(Step.Upgrade.class);
        HelmRelease rollback = hr("  upgrade: {remediation: {retries: 2}}\n");
        assertThat(Planner.next(State.FAILED, rollback, h, "upgrade", 0, 1, false)).isInstanceOf(Step.Rollback.class)
                .extracting(s -> ((Step.Rollback) s).target().path("version").asInt()).isEqualTo(1);
        assertThat(Planner.next(State.FAILED, rollback, history(v2), "upgrade", 0, 1, false))
                .isEqualTo(new Step.Stall("MissingRollbackTarget",
                        "Failed to perform remediation: missing target release for rollback: cannot remediate failed release"));
        assertThat(Planner.next(State.FAILED, hr("  upgrade: {remediation: {retries: 2, strategy: uninstall}}\n"), h, "upgrade",
                0, 1, false)).isInstanceOf(Step.UninstallRemediation.class);
        HelmRelease install = hr("  install: {remediation: {retries: -1}}\n");
        assertThat(Planner.next(State.FAILED, install, h, "install", 7, 0, false)).isInstanceOf(Step.UninstallRemediation.class);
        assertThat(Planner.next(State.ABSENT, install, h, "install", 100, 0, false)).isInstanceOf(Step.Install.class);
        assertThat(Planner.next(State.ABSENT, none, h, "install", 1, 0, false))
                .isEqualTo(new Step.Stall("RetriesExceeded", "Failed to install after 1 attempt(s)"));
        assertThat(Planner.next(State.IN_SYNC, none, h, "install", 0, 0, true)).isInstanceOf(Step.Upgrade.class);
        assertThat(Planner.next(State.IN_SYNC, none, h, "install", 0, 0, false)).isInstanceOf(Step.InSync.class);
    }

    @Test
    void retryOnFailureUpgradesTheFailedReleaseAfterItsIntervalInsteadOfRemediating() {
        HelmRelease retry = hr("  install: {strategy: {name: RetryOnFailure}}\n"
                + "  upgrade: {strategy: {name: RetryOnFailure, retryInterval: 30s}, remediation: {retries: 0}}\n");
        List<ObjectNode> h = history(release(1, Release.FAILED, "6.0.3"));
        assertThat(Planner.next(State.FAILED, retry, h, "install", 1, 0, false))
                .isEqualTo(new Step.RetryLater(java.time.Duration.ofMinutes(5)));
        assertThat(Planner.next(State.FAILED, retry, h, "upgrade", 0, 7, false))
                .isEqualTo(new Step.RetryLater(java.time.Duration.ofSeconds(30))); // never out of retries
        assertThat(Planner.next(State.FAILED, retry, h, "upgrade", 0, 7, true)).isInstanceOf(Step.Upgrade.class);
        assertThat(Planner.next(State.FAILED, retry, h, "upgrade", 0, 0, false)).isInstanceOf(Step.Upgrade.class);
        HelmRelease remediate = hr("  upgrade: {strategy: {name: RemediateOnFailure}, remediation: {retries: 0}}\n");
        assertThat(Planner.next(State.FAILED, remediate, h, "upgrade", 0, 1, false)).isInstanceOf(Step.Stall.class);
    }
}
