package dev.sluice.delivery.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.KubeObject;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigTrackerTest {

    private static final ObjectNode POD_SPEC = (ObjectNode) KubeObject.parse("""
            apiVersion: v1
            kind: Pod
            metadata: {name: x}
            spec:
              volumes:
                - name: config
                  configMap: {name: app-config}
                - name: certs
                  secret: {secretName: tls, optional: true}
                - name: projected
                  projected:
                    sources:
                      - configMap: {name: projected-config}
                      - secret: {name: projected-secret}
              initContainers:
                - name: init
                  envFrom:
                    - secretRef: {name: init-env}
              containers:
                - name: app
                  env:
                    - name: A
                      valueFrom: {configMapKeyRef: {name: env-config, key: a}}
                    - name: B
                      valueFrom: {secretKeyRef: {name: env-secret, key: b, optional: false}}
                    - name: C
                      value: plain
                  envFrom:
                    - configMapRef: {name: env-from-config}
            """).spec().deepCopy();

    @Test
    void findsEveryReferenceWithItsOptionality() {
        assertThat(ConfigTracker.references(POD_SPEC)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "configmap/app-config", true, "secret/tls", false, "configmap/projected-config", true,
                "secret/projected-secret", true, "secret/init-env", true, "configmap/env-config", true,
                "secret/env-secret", true, "configmap/env-from-config", true));
    }

    @Test
    void renamesOnlyTrackedReferencesToTheirPrimaryCopies() {
        ObjectNode spec = POD_SPEC.deepCopy();
        ConfigTracker.renameToPrimary(spec, Set.of("configmap/app-config", "secret/projected-secret",
                "secret/env-secret", "secret/init-env", "configmap/env-from-config"));
        assertThat(spec.at("/volumes/0/configMap/name").asText()).isEqualTo("app-config-primary");
        assertThat(spec.at("/volumes/1/secret/secretName").asText()).isEqualTo("tls");
        assertThat(spec.at("/volumes/2/projected/sources/0/configMap/name").asText()).isEqualTo("projected-config");
        assertThat(spec.at("/volumes/2/projected/sources/1/secret/name").asText()).isEqualTo("projected-secret-primary");
        assertThat(spec.at("/initContainers/0/envFrom/0/secretRef/name").asText()).isEqualTo("init-env-primary");
        assertThat(spec.at("/containers/0/env/0/valueFrom/configMapKeyRef/name").asText()).isEqualTo("env-config");
        assertThat(spec.at("/containers/0/env/1/valueFrom/secretKeyRef/name").asText()).isEqualTo("env-secret-primary");
        assertThat(spec.at("/containers/0/envFrom/0/configMapRef/name").asText()).isEqualTo("env-from-config-primary");
    }

    @Test
    void checksumsAreFlaggers() {
        // sha256('{"color":"red","size":"10"}')[:8 bytes], what Go's json.Marshal of the map hashes to.
        assertThat(ConfigTracker.checksum(Map.of("size", "10", "color", "red"))).isEqualTo("28211009e28c3c09");
        // A ConfigMap without data: Go marshals the nil map as null.
        assertThat(ConfigTracker.checksum(Map.of())).isEqualTo("74234e98afe7498f");
    }

    @Test
    void goJsonEscapesAsGoDoes() {
        assertThat(GoJson.marshal(Map.of("k", "<a href=\"x\">&</a>\n\t\u0001\u2028"))).isEqualTo(
                "{\"k\":\"\\u003ca href=\\\"x\\\"\\u003e\\u0026\\u003c/a\\u003e\\n\\t\\u0001\\u2028\"}");
    }

    @Test
    void secretStringDataCountsAsItsBase64() {
        KubeObject viaData = KubeObject.parse("{apiVersion: v1, kind: Secret, metadata: {name: s}, data: {k: dg==}}");
        KubeObject viaString = KubeObject.parse("{apiVersion: v1, kind: Secret, metadata: {name: s}, stringData: {k: v}}");
        assertThat(ConfigTracker.checksum(ConfigTracker.data(viaString)))
                .isEqualTo(ConfigTracker.checksum(ConfigTracker.data(viaData)));
    }
}
