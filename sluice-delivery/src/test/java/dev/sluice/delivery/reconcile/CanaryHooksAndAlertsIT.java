package dev.sluice.delivery.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.flagger.AlertSeverity;
import dev.sluice.api.flagger.CanaryPhase;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Webhooks of every kind and alerts routed by severity through AlertProviders. */
class CanaryHooksAndAlertsIT {

    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final String PROVIDERS = """
            apiVersion: flagger.app/v1beta1
            kind: AlertProvider
            metadata: {name: on-call, namespace: test}
            spec:
              type: slack
              secretRef: {name: on-call-url}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: on-call-url, namespace: test}
            data:
              address: aHR0cHM6Ly9ob29rcy5zbGFjay5jb20vc2VjcmV0
            ---
            apiVersion: flagger.app/v1beta1
            kind: AlertProvider
            metadata: {name: team, namespace: test}
            spec:
              type: msteams
              address: https://outlook.office.com/webhook/team
            """;
    private static final String ANALYSIS = """
            interval: 10s
            threshold: 1
            maxWeight: 50
            stepWeight: 50
            alerts:
              - name: on-call
                severity: error
                providerRef: {name: on-call}
              - name: team
                severity: info
                providerRef: {name: team}
            webhooks:
              - name: approve
                type: confirm-rollout
                url: http://flagger-loadtester.test/gate/check
              - name: smoke
                type: pre-rollout
                url: http://flagger-loadtester.test/
              - name: load
                url: http://flagger-loadtester.test/
                metadata: {cmd: "hey -z 1m -q 10 -c 2 http://podinfo-canary.test:9898/"}
              - name: notify
                type: post-rollout
                url: http://flagger-loadtester.test/post
              - name: events
                type: event
                url: http://events.test/
            metrics:
              - name: request-success-rate
                thresholdRange: {min: 99}
                interval: 1m
            """;
    private final CanaryWorld world = new CanaryWorld();

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void gatesHooksAndAlertsFollowTheRollout() {
        world.apply(PROVIDERS);
        world.webhooks.fail("approve", "gate closed");
        world.bootstrap(Manifests.canary("linkerd", "", ANALYSIS));
        world.apply(Manifests.deployment("ghcr.io/stefanprodan/podinfo:6.0.1"));

        world.tick(INTERVAL);
        assertThat(world.status("podinfo").phase()).isEqualTo(CanaryPhase.WAITING);
        assertThat(world.eventMessages("podinfo")).contains("Halt podinfo.test advancement waiting for approval approve");
        assertThat(world.deployment("podinfo").spec().path("replicas").asInt()).isZero();

        world.webhooks.pass("approve");
        world.metrics.successRate = 50.0;
        world.ticks(INTERVAL, 4);   // scale up; pre-rollout and 50%; failed check; rollback
        assertThat(world.status("podinfo").phase()).isEqualTo(CanaryPhase.FAILED);

        assertThat(world.webhooks.names("pre-rollout")).containsExactly("smoke");
        assertThat(world.webhooks.names("rollout")).contains("load");
        assertThat(world.webhooks.calls).filteredOn(c -> c.name().equals("load")).first()
                .satisfies(c -> assertThat(c.payload().metadata()).containsEntry("cmd",
                        "hey -z 1m -q 10 -c 2 http://podinfo-canary.test:9898/"));
        assertThat(world.webhooks.calls).filteredOn(c -> c.name().equals("notify")).singleElement()
                .satisfies(c -> assertThat(c.payload().phase()).isEqualTo("Failed"));
        assertThat(world.eventMessages("podinfo")).contains("Pre-rollout check smoke passed",
                "Post-rollout check notify passed");
        // The event hook receives every event, with its type and message.
        assertThat(world.webhooks.calls).filteredOn(c -> c.type().equals("event"))
                .anySatisfy(c -> assertThat(c.payload().metadata()).containsEntry("eventMessage",
                        "Canary failed! Scaling down podinfo.test").containsEntry("eventType", "Warning"));

        // severity error: only the failure; severity info: everything.
        assertThat(world.notifiers.sent).filteredOn(s -> s.provider().equals("on-call"))
                .allSatisfy(s -> assertThat(s.notification().severity()).isEqualTo(AlertSeverity.ERROR))
                .extracting(s -> s.notification().message()).containsExactly("Failed checks threshold reached 1");
        assertThat(world.notifiers.sent).filteredOn(s -> s.provider().equals("on-call"))
                .allSatisfy(s -> assertThat(s.address()).isEqualTo("https://hooks.slack.com/secret"));
        assertThat(world.notifiers.messages("team")).contains("Canary is waiting for approval.",
                "New revision detected, progressing canary analysis.", "Failed checks threshold reached 1");
        assertThat(world.notifiers.messages("global")).isEmpty();
    }
}
