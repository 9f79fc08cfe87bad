package dev.sluice.local.runtime.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.local.runtime.spec.ContainerSpec;
import dev.sluice.local.runtime.spec.WorkloadSpecParser;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvResolverTest {

    final Map<ObjectKey, KubeObject> store = new HashMap<>();
    final PodFields pod = new PodFields("faces", "face-abc-x2k4q", "uid-1", Map.of("service", "face"), Map.of("team", "blue"));

    void put(String yaml) {
        KubeObject o = KubeObject.parse(yaml);
        store.put(o.key(), o);
    }

    static ContainerSpec container(String containerYaml) {
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: face, namespace: faces}
                spec:
                  selector: {matchLabels: {service: face}}
                  template:
                    metadata: {labels: {service: face}}
                    spec:
                      containers:
                      - name: face
                        image: example/face
                """ + containerYaml.indent(8);
        return WorkloadSpecParser.parse(KubeObject.parse(yaml)).template().containers().getFirst();
    }

    EnvResolver.Resolved resolve(ContainerSpec c) throws ConfigError {
        return EnvResolver.resolve(c, pod, Map.of("SLUICE_MESH", "127.0.0.1:4140"), Map.of("PORT", "41234", "HOSTNAME", pod.name()),
                k -> Optional.ofNullable(store.get(k)));
    }

    @Test
    void envFromThenEnvThenForcedWithExpansion() throws Exception {
        put("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: faces}
                data: {COLOR: blue, "bad key": x, PORT: "8000"}
                """);
        put("""
                apiVersion: v1
                kind: Secret
                metadata: {name: creds, namespace: faces}
                data: {password: aHVudGVyMg==}
                """);
        ContainerSpec c = container("""
                command: [server, "--listen=127.0.0.1:$(PORT)", "--literal=$$(PORT)", "--unknown=$(NOPE)"]
                envFrom:
                - configMapRef: {name: settings}
                - secretRef: {name: creds}
                  prefix: DB_
                env:
                - {name: GREETING, value: "hi from $(HOSTNAME) in $(COLOR)"}
                - {name: POD, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
                - {name: SVC, valueFrom: {fieldRef: {fieldPath: "metadata.labels['service']"}}}
                - {name: IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}
                - {name: CPU, valueFrom: {resourceFieldRef: {resource: limits.cpu}}}
                resources: {limits: {cpu: 500m}}
                """);
        EnvResolver.Resolved r = resolve(c);
        assertThat(r.env()).containsEntry("COLOR", "blue").containsEntry("DB_password", "hunter2")
                .containsEntry("GREETING", "hi from face-abc-x2k4q in blue").containsEntry("POD", "face-abc-x2k4q")
                .containsEntry("SVC", "face").containsEntry("IP", "127.0.0.1").containsEntry("CPU", "500m")
                .containsEntry("SLUICE_MESH", "127.0.0.1:4140")
                .containsEntry("PORT", "41234")
                .doesNotContainKey("bad key");
        assertThat(r.command()).containsExactly("server", "--listen=127.0.0.1:41234", "--literal=$(PORT)", "--unknown=$(NOPE)");
    }

    @Test
    void missingObjectsAndKeysUseTheKubeletsMessagesUnlessOptional() throws Exception {
        assertThatThrownBy(() -> resolve(container("env: [{name: A, valueFrom: {configMapKeyRef: {name: cfg, key: a}}}]")))
                .isInstanceOf(ConfigError.class).hasMessage("configmap \"cfg\" not found");
        assertThatThrownBy(() -> resolve(container("envFrom: [{secretRef: {name: creds}}]")))
                .hasMessage("secret \"creds\" not found");
        put("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: cfg, namespace: faces}
                data: {b: "2"}
                """);
        assertThatThrownBy(() -> resolve(container("env: [{name: A, valueFrom: {configMapKeyRef: {name: cfg, key: a}}}]")))
                .hasMessage("couldn't find key a in ConfigMap faces/cfg");
        assertThat(resolve(container("""
                env:
                - {name: A, valueFrom: {configMapKeyRef: {name: cfg, key: a, optional: true}}}
                - {name: B, valueFrom: {secretKeyRef: {name: nope, key: b, optional: true}}}
                envFrom: [{configMapRef: {name: other, optional: true}}]
                """)).env()).doesNotContainKeys("A", "B");
        assertThatThrownBy(() -> resolve(container("env: [{name: N, valueFrom: {fieldRef: {fieldPath: spec.hostname}}}]")))
                .hasMessageStartingWith("unsupported fieldPath spec.hostname in valueFrom.fieldRef");
    }

    @Test
    void expansionFollowsKubernetesRules() {
        Map<String, String> vars = Map.of("A", "1", "B", "two");
        assertThat(EnvResolver.expand("$(A)-$(B)", vars)).isEqualTo("1-two");
        assertThat(EnvResolver.expand("$$(A) $$ $(C) $A", vars)).isEqualTo("$(A) $ $(C) $A");
        assertThat(EnvResolver.expand("no refs", vars)).isEqualTo("no refs");
        assertThat(List.of(EnvResolver.expand("$(A", vars))).containsExactly("$(A");
    }
}
