package dev.sluice.gitops.notification.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.KubeObject;
import dev.sluice.api.notification.Alert;
import dev.sluice.gitops.notification.FluxEvent;
import dev.sluice.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EventMetadataTest {

    private static FluxEvent event(String message, Map<String, String> meta) {
        return new FluxEvent(new FluxEvent.InvolvedObject("Kustomization", "flux-system", "apps", "", "kustomize.toolkit.fluxcd.io/v1", ""),
                FluxEvent.INFO, Instant.EPOCH, message, "r", new TreeMap<>(meta), "kustomize-controller", "");
    }

    private static Alert alert(String spec) {
        KubeObject o = KubeObject.parse("""
                apiVersion: notification.toolkit.fluxcd.io/v1beta3
                kind: Alert
                metadata: {name: a, namespace: flux-system}
                spec:
                  providerRef: {name: p}
                  eventSources: [{kind: Kustomization, name: '*'}]
                """ + spec.indent(2));
        return new Alert(o, Alert.Spec.from(o.spec()));
    }

    @Test
    void onArrivalOnlyTheObjectsAndTheEventGroupsKeysAreKeptLessChecksumAndDigest() {
        FluxEvent e = EventMetadata.received(event("m", Map.of(
                "kustomize.toolkit.fluxcd.io/revision", "main@sha1:1",
                "kustomize.toolkit.fluxcd.io/checksum", "x",
                "kustomize.toolkit.fluxcd.io/digest", "y",
                "event.toolkit.fluxcd.io/env", "prod",
                "source.toolkit.fluxcd.io/revision", "other group",
                "plain", "z")));
        assertThat(e.metadata()).containsOnlyKeys("kustomize.toolkit.fluxcd.io/revision", "event.toolkit.fluxcd.io/env");
        assertThat(EventMetadata.withoutInternal(event("m", Map.of("kustomize.toolkit.fluxcd.io/token", "t", "kustomize.toolkit.fluxcd.io/revision", "r")))
                .metadata()).containsOnlyKeys("kustomize.toolkit.fluxcd.io/revision");
    }

    @Test
    void forAnAlertPrefixesAreStrippedAndTheObjectsKeysWin() {
        FluxEvent e = event("m", Map.of("kustomize.toolkit.fluxcd.io/revision", "main@sha1:1", "event.toolkit.fluxcd.io/env", "annotated",
                "event.toolkit.fluxcd.io/cluster", "c1"));
        FluxEvent out = EventMetadata.forAlert(e, alert("eventMetadata: {env: alert, revision: ignored}\nsummary: sum"));
        assertThat(out.metadata()).isEqualTo(Map.of("revision", "main@sha1:1", "env", "alert", "cluster", "c1", "summary", "sum"));
    }

    @Test
    void duplicatesAreDroppedForFiveMinutesAndNewRevisionsPass() {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        DuplicateLimiter limiter = new DuplicateLimiter(DuplicateLimiter.FLUX_WINDOW);
        FluxEvent a = event("Applied", Map.of("kustomize.toolkit.fluxcd.io/revision", "main@sha1:1"));
        assertThat(limiter.admit(a, clock.instant())).isTrue();
        clock.advance(Duration.ofMinutes(4));
        assertThat(limiter.admit(a, clock.instant())).isFalse();
        assertThat(limiter.admit(event("Applied", Map.of("kustomize.toolkit.fluxcd.io/revision", "main@sha1:2")), clock.instant()))
                .isTrue();
        assertThat(limiter.admit(event("Other message", Map.of("kustomize.toolkit.fluxcd.io/revision", "main@sha1:1")), clock.instant()))
                .isTrue();
        assertThat(limiter.admit(event("Applied", Map.of("kustomize.toolkit.fluxcd.io/revision", "main@sha1:1",
                "kustomize.toolkit.fluxcd.io/unrelated", "x")), clock.instant())).as("other metadata is not in the key").isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(limiter.admit(a, clock.instant())).isTrue();
    }
}
