package dev.sluice.delivery.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.flagger.CanaryPhase;
import dev.sluice.api.flagger.Strategy;
import dev.sluice.delivery.routing.TrafficSplit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A/B testing and blue/green end to end: the router's objects carry the match, the weights follow the strategy. */
class CanaryStrategiesIT {

    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final String V2 = "ghcr.io/stefanprodan/podinfo:6.0.1";
    private final CanaryWorld world = new CanaryWorld();

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void abTestingRoutesMatchingRequestsToTheCanaryThroughTheVirtualService() {
        world.bootstrap(Manifests.canary("istio", "", """
                interval: 10s
                threshold: 2
                iterations: 3
                match:
                  - headers:
                      x-canary:
                        exact: insider
                metrics:
                  - name: request-success-rate
                    thresholdRange: {min: 99}
                    interval: 1m
                """));
        JsonNode vs = world.get("networking.istio.io/v1beta1", "VirtualService", "podinfo").spec();
        assertThat(vs.at("/http/0/match/0/headers/x-canary/exact").asText()).isEqualTo("insider");
        assertThat(weights(vs, 0)).containsExactly(100, 0);

        world.apply(Manifests.deployment(V2));
        world.ticks(INTERVAL, 2);
        vs = world.get("networking.istio.io/v1beta1", "VirtualService", "podinfo").spec();
        // Matching requests go to the canary; the rest stay on the primary.
        assertThat(vs.at("/http/0/match/0/headers/x-canary/exact").asText()).isEqualTo("insider");
        assertThat(weights(vs, 0)).containsExactly(0, 100);
        // A single destination gets every other request whatever its weight (Istio; Flagger writes the primary's).
        assertThat(vs.at("/http/1/route")).hasSize(1);
        assertThat(vs.at("/http/1/route/0/destination/host").asText()).isEqualTo("podinfo-primary");
        assertThat(world.status("podinfo").iterations()).isEqualTo(1);

        world.ticks(INTERVAL, 6);
        assertThat(world.metrics.queries).anyMatch(q -> q.contains("istio_requests_total"));
        assertThat(world.eventMessages("podinfo")).contains("Advance podinfo.test canary iteration 1/3",
                "Advance podinfo.test canary iteration 3/3");
        assertThat(world.status("podinfo").phase()).isEqualTo(CanaryPhase.SUCCEEDED);
        assertThat(world.image("podinfo-primary")).isEqualTo(V2);
        assertThat(weights(world.get("networking.istio.io/v1beta1", "VirtualService", "podinfo").spec(), 0))
                .containsExactly(100, 0);
        assertThat(world.listener.outcomes).extracting(RecordingMetricsListener.Outcome::strategy)
                .containsExactly(Strategy.AB_TESTING);
    }

    @Test
    void blueGreenRunsItsIterationsThenSwitchesAllTrafficBeforePromoting() {
        world.bootstrap(Manifests.canary("linkerd", "", """
                interval: 10s
                threshold: 2
                iterations: 2
                metrics:
                  - name: request-success-rate
                    thresholdRange: {min: 99}
                    interval: 1m
                """));
        world.apply(Manifests.deployment(V2));
        List<TrafficSplit> seen = new ArrayList<>();
        for (int i = 0; i < 10 && world.status("podinfo").phase() != CanaryPhase.SUCCEEDED; i++) {
            world.tick(INTERVAL);
            seen.add(world.routes("podinfo"));
        }
        assertThat(world.status("podinfo").phase()).isEqualTo(CanaryPhase.SUCCEEDED);
        assertThat(seen).contains(TrafficSplit.ALL_CANARY).doesNotContain(TrafficSplit.of(50, 50));
        assertThat(seen.get(seen.size() - 1)).isEqualTo(TrafficSplit.ALL_PRIMARY);
        assertThat(world.eventMessages("podinfo")).contains("Advance podinfo.test canary iteration 1/2",
                "Advance podinfo.test canary iteration 2/2", "Routing all traffic to canary");
        assertThat(world.image("podinfo-primary")).isEqualTo(V2);
        assertThat(world.listener.outcomes).extracting(RecordingMetricsListener.Outcome::strategy)
                .containsExactly(Strategy.BLUE_GREEN);
    }

    /** Primary and canary weights of VirtualService route {@code i}. */
    private static List<Integer> weights(JsonNode vs, int i) {
        List<Integer> out = new ArrayList<>();
        for (String host : new String[] {"podinfo-primary", "podinfo-canary"}) {
            for (JsonNode r : vs.at("/http/" + i + "/route")) {
                if (r.at("/destination/host").asText().equals(host)) {
                    out.add(r.path("weight").asInt());
                }
            }
        }
        return out;
    }
}
