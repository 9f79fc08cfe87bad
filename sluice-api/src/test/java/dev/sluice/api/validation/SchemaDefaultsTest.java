package dev.sluice.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.ResourceTypes;
import dev.sluice.api.Yaml;
import org.junit.jupiter.api.Test;

class SchemaDefaultsTest {

    private static final KindSchemas SCHEMAS = KindSchemas.builtIn();

    private static JsonNode defaulted(String kind, String group, String yaml) {
        JsonNode tree = Yaml.readOne(yaml, "t").content();
        SchemaDefaults.apply(SCHEMAS.find(GroupKind.of(group, kind)).orElseThrow().latest().root(), tree);
        return tree;
    }

    @Test
    void fillsAbsentFieldsOfPresentObjectsOnly() {
        JsonNode ks = defaulted("Kustomization", ResourceTypes.KUSTOMIZE, """
                spec:
                  interval: 5m
                  postBuild: {substituteFrom: [{kind: ConfigMap, name: vars}]}
                """);
        assertThat(ks.at("/spec/force").asBoolean(true)).isFalse();
        assertThat(ks.at("/spec/postBuild/substituteFrom/0/optional").isBoolean()).isTrue();
        assertThat(ks.at("/spec/decryption").isMissingNode()).isTrue();

        JsonNode git = defaulted("GitRepository", ResourceTypes.SOURCE, "spec: {url: https://x, interval: 1m, verify: {secretRef: {name: k}}}");
        assertThat(git.at("/spec/timeout").asText()).isEqualTo("60s");
        assertThat(git.at("/spec/verify/mode").asText()).isEqualTo("HEAD");
    }

    @Test
    void keepsWhatIsWritten() {
        JsonNode chart = defaulted("HelmChart", ResourceTypes.SOURCE, "spec: {version: 1.x, reconcileStrategy: Revision}");
        assertThat(chart.at("/spec/version").asText()).isEqualTo("1.x");
        assertThat(chart.at("/spec/reconcileStrategy").asText()).isEqualTo("Revision");
        JsonNode tree = Yaml.readOne("spec: {force: true}", "t").content();
        boolean changed = SchemaDefaults.apply(SCHEMAS.find(GroupKind.of(ResourceTypes.KUSTOMIZE, "Kustomization"))
                .orElseThrow().latest().root(), tree);
        assertThat(changed).isFalse();
    }
}
