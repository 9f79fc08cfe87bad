package dev.sluice.local.runtime.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Diagnostic;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KubeObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadSpecParserTest {

    static final String FACE = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: face, namespace: faces, generation: 3}
            spec:
              replicas: 2
              selector: {matchLabels: {service: face}}
              template:
                metadata: {labels: {service: face}}
                spec:
                  containers:
                  - name: face
                    image: dwflynn/faces-service:0.8.0
                    ports: [{name: http, containerPort: 8000}]
                    env:
                    - {name: FACES_SERVICE, value: face}
                    - name: FROM_CM
                      valueFrom: {configMapKeyRef: {name: cfg, key: k, optional: true}}
                    - name: POD
                      valueFrom: {fieldRef: {fieldPath: metadata.name}}
                    envFrom:
                    - {secretRef: {name: creds}, prefix: DB_}
                    readinessProbe:
                      httpGet: {path: /ready, port: http}
                      periodSeconds: 2
                      failureThreshold: 1
            """;

    @Test
    void readsDeploymentWithDefaults() {
        WorkloadSpec spec = WorkloadSpecParser.parse(KubeObject.parse(FACE));
        assertThat(spec.kind()).isEqualTo(WorkloadKind.DEPLOYMENT);
        assertThat(spec.replicas()).isEqualTo(2);
        assertThat(spec.generation()).isEqualTo(3);
        assertThat(spec.progressDeadlineSeconds()).isEqualTo(600);
        assertThat(spec.strategy()).isEqualTo(RolloutStrategy.DEPLOYMENT_DEFAULT);
        ContainerSpec c = spec.template().containers().getFirst();
        assertThat(c.image()).isEqualTo("dwflynn/faces-service:0.8.0");
        assertThat(c.ports()).containsExactly(new ContainerSpec.Port("http", 8000));
        assertThat(c.env()).containsExactly(
                new EnvVarSpec.Literal("FACES_SERVICE", "face"),
                new EnvVarSpec.KeyRef("FROM_CM", EnvVarSpec.Source.CONFIG_MAP, "cfg", "k", true),
                new EnvVarSpec.FieldRef("POD", "metadata.name"));
        assertThat(c.envFrom()).containsExactly(new EnvFromSpec(EnvVarSpec.Source.SECRET, "creds", "DB_", false));
        ProbeSpec probe = c.readinessProbe().orElseThrow();
        assertThat(probe.action()).isEqualTo(new ProbeSpec.HttpGet("/ready", "http", java.util.Map.of()));
        assertThat(probe.periodSeconds()).isEqualTo(2);
        assertThat(probe.failureThreshold()).isEqualTo(1);
        assertThat(probe.successThreshold()).isEqualTo(1);
        assertThat(probe.timeoutSeconds()).isEqualTo(1);
        assertThat(spec.template().terminationGracePeriodSeconds()).isEqualTo(30);
    }

    @Test
    void hashChangesWithTheTemplateOnly() {
        KubeObject a = KubeObject.parse(FACE);
        KubeObject scaled = KubeObject.parse(FACE.replace("replicas: 2", "replicas: 5"));
        KubeObject changed = KubeObject.parse(FACE.replace("value: face}", "value: face}\n        - {name: ERROR_FRACTION, value: \"75\"}"));
        String hash = WorkloadSpecParser.parse(a).template().hash();
        assertThat(WorkloadSpecParser.parse(scaled).template().hash()).isEqualTo(hash);
        assertThat(WorkloadSpecParser.parse(changed).template().hash()).isNotEqualTo(hash);
        assertThat(hash).matches("[bcdfghjklmnpqrstvwxz2456789]{6,10}");
    }

    @Test
    void keyOrderDoesNotChangeTheHash() {
        String reordered = FACE.replace("ports: [{name: http, containerPort: 8000}]", "ports: [{containerPort: 8000, name: http}]");
        assertThat(WorkloadSpecParser.parse(KubeObject.parse(reordered)).template().hash())
                .isEqualTo(WorkloadSpecParser.parse(KubeObject.parse(FACE)).template().hash());
    }

    @Test
    void readsStrategies() {
        WorkloadSpec rolling = WorkloadSpecParser.parse(KubeObject.parse(FACE.replace("replicas: 2",
                "replicas: 2\n  strategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: \"50%\"}}")));
        assertThat(rolling.strategy()).isEqualTo(new RolloutStrategy.RollingUpdate(IntOrPercent.of(1), IntOrPercent.percent(50)));
        WorkloadSpec recreate = WorkloadSpecParser.parse(KubeObject.parse(FACE.replace("replicas: 2",
                "replicas: 2\n  strategy: {type: Recreate}")));
        assertThat(recreate.strategy()).isInstanceOf(RolloutStrategy.Recreate.class);
    }

    @Test
    void daemonSetIsOneReplicaWithItsOwnDefaults() {
        String ds = FACE.replace("kind: Deployment", "kind: DaemonSet").replace("  replicas: 2\n", "");
        WorkloadSpec spec = WorkloadSpecParser.parse(KubeObject.parse(ds));
        assertThat(spec.kind()).isEqualTo(WorkloadKind.DAEMON_SET);
        assertThat(spec.replicas()).isEqualTo(1);
        assertThat(spec.strategy()).isEqualTo(RolloutStrategy.DAEMON_SET_DEFAULT);
        assertThat(spec.hasProgressDeadline()).isFalse();
    }

    @Test
    void reportsEveryProblemWithItsPath() {
        String bad = FACE.replace("replicas: 2", "replicas: two\n  strategy: {type: BlueGreen}")
                .replace("image: dwflynn/faces-service:0.8.0", "command: [x]")
                .replace("httpGet: {path: /ready, port: http}", "grpc: {port: 9000}")
                .replace("{matchLabels: {service: face}}", "{matchLabels: {service: other}}");
        assertThatThrownBy(() -> WorkloadSpecParser.parse(KubeObject.parse(bad)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(messages(e)).containsExactlyInAnyOrder(
                        "spec.replicas: expected an integer, got 'two'",
                        "spec.strategy.type: 'BlueGreen' is not a strategy; expected RollingUpdate or Recreate",
                        "spec.template.spec.containers[0].image: required",
                        "spec.template.spec.containers[0].readinessProbe: expected one of httpGet, tcpSocket or exec (grpc probes are not supported in embedded mode)",
                        "spec.selector: selector service=other does not match the template labels {service=face}"));
    }

    private static List<String> messages(InvalidInputException e) {
        return e.diagnostics().stream().map(Diagnostic::toString).toList();
    }

    @Test
    void percentagesScaleAsTheController() {
        assertThat(IntOrPercent.percent(25).scaled(3, true)).isEqualTo(1);
        assertThat(IntOrPercent.percent(25).scaled(3, false)).isEqualTo(0);
        assertThat(IntOrPercent.percent(25).scaled(10, true)).isEqualTo(3);
        assertThat(RolloutStrategy.DEPLOYMENT_DEFAULT.fenceposts(1)).containsExactly(1, 0);
        assertThat(new RolloutStrategy.RollingUpdate(IntOrPercent.percent(10), IntOrPercent.percent(10)).fenceposts(2))
                .containsExactly(1, 0);
        assertThat(new RolloutStrategy.RollingUpdate(IntOrPercent.of(0), IntOrPercent.percent(10)).fenceposts(2))
                .containsExactly(0, 1);
    }
}
