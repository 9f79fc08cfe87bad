package dev.sluice.api.flagger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.KubeObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CanaryKindModelTest {

    static final String FACE = """
            apiVersion: flagger.app/v1beta1
            kind: Canary
            metadata:
              name: face
              namespace: faces
            spec:
              provider: linkerd
              targetRef:
                apiVersion: apps/v1
                kind: Deployment
                name: face
              progressDeadlineSeconds: 60
              service:
                port: 80
                targetPort: http
              analysis:
                interval: 10s
                threshold: 3
                maxWeight: 50
                stepWeight: 5
                metrics:
                  - name: request-success-rate
                    thresholdRange:
                      min: 70
                    interval: 1m
                webhooks:
                  - name: load-test
                    type: rollout
                    url: http://flagger-loadtester.flagger-system/
                    metadata:
                      cmd: "hey -z 2m -q 10 -c 2 http://face-canary.faces/"
            """;

    @Test
    void parsesTheSeedsFaceCanary() {
        var parsed = new CanaryKindModel().parse(KubeObject.parse(FACE));
        Canary c = parsed.value();
        assertThat(parsed.warnings()).isEmpty();
        assertThat(c.displayName()).isEqualTo("face.faces");
        assertThat(c.spec().progressDeadlineSeconds()).isEqualTo(60);
        assertThat(c.spec().service().targetPort()).isEqualTo(IntOrString.of("http"));
        AnalysisSpec a = c.spec().analysis().orElseThrow();
        assertThat(a.interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(a.threshold()).isEqualTo(3);
        assertThat(a.maxWeight()).isEqualTo(50);
        assertThat(a.stepWeight()).isEqualTo(5);
        assertThat(a.strategy()).isEqualTo(Strategy.CANARY);
        assertThat(a.metrics().get(0).thresholdRange().orElseThrow().min()).hasValue(70);
        assertThat(a.webhooks().get(0).type()).isEqualTo(HookType.ROLLOUT);
        assertThat(a.webhooks().get(0).metadata()).containsEntry("cmd", "hey -z 2m -q 10 -c 2 http://face-canary.faces/");
    }
}
