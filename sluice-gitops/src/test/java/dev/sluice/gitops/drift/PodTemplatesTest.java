package dev.sluice.gitops.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Yaml;
import org.junit.jupiter.api.Test;

class PodTemplatesTest {

    private static JsonNode yaml(String s) {
        return Yaml.readOne(s, "test").content();
    }

    @Test
    void normalizeDropsWhatControllersAdd() {
        JsonNode t = yaml("""
                metadata:
                  creationTimestamp: null
                  labels: {app: face, kustomize.toolkit.fluxcd.io/name: apps}
                  annotations: {flagger-id: abc}
                spec:
                  nodeSelector: {flagger.app/scale-to-zero: "true"}
                  containers: [{name: face, image: face:1}]
                """);
        assertThat(PodTemplates.normalize(t)).isEqualTo(yaml("""
                metadata:
                  labels: {app: face}
                spec:
                  containers: [{name: face, image: face:1}]
                """));
    }

    @Test
    void unprimaryUndoesFlaggersRenaming() {
        JsonNode primary = yaml("""
                metadata:
                  labels: {app: face-primary}
                  annotations: {flagger-id: 6c1b}
                spec:
                  affinity:
                    podAntiAffinity:
                      requiredDuringSchedulingIgnoredDuringExecution:
                        - labelSelector: {matchLabels: {app: face-primary}}
                  volumes:
                    - name: cfg
                      configMap: {name: face-config-primary}
                  containers:
                    - name: face
                      image: face:1
                      envFrom: [{secretRef: {name: face-secret-primary}}]
                      env: [{name: NAME, value: my-primary}]
                """);
        assertThat(PodTemplates.unprimary(primary, "face")).isEqualTo(yaml("""
                metadata:
                  labels: {app: face}
                spec:
                  affinity:
                    podAntiAffinity:
                      requiredDuringSchedulingIgnoredDuringExecution:
                        - labelSelector: {matchLabels: {app: face}}
                  volumes:
                    - name: cfg
                      configMap: {name: face-config}
                  containers:
                    - name: face
                      image: face:1
                      envFrom: [{secretRef: {name: face-secret}}]
                      env: [{name: NAME, value: my-primary}]
                """));
    }

    @Test
    void coversIgnoresFieldsOnlyTheClusterHasButNotMissingOrExtraListItems() {
        JsonNode git = yaml("{spec: {containers: [{name: a, image: x, ports: [{containerPort: 80}]}], replicas: 2}}");
        JsonNode defaulted = yaml("{spec: {containers: [{name: a, image: x, imagePullPolicy: IfNotPresent,"
                + " ports: [{containerPort: 80.0, protocol: TCP}]}], replicas: 2, dnsPolicy: ClusterFirst}}");
        assertThat(PodTemplates.covers(git, defaulted)).isTrue();
        assertThat(PodTemplates.covers(defaulted, git)).isFalse();
        assertThat(PodTemplates.covers(yaml("{spec: {containers: [{name: a, image: y}]}}"), git)).isFalse();
        assertThat(PodTemplates.covers(yaml("{spec: {containers: [{name: a, image: x}, {name: b}]}}"), git)).isFalse();
        assertThat(PodTemplates.covers(yaml("{spec: {volumes: [], tolerations: null}}"), yaml("{spec: {}}"))).isTrue();
    }
}
