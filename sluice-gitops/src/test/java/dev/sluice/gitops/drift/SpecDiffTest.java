package dev.sluice.gitops.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Yaml;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecDiffTest {

    private static WorkloadSpec spec(String template, ConfigData... configs) {
        Map<String, ConfigData> m = new java.util.TreeMap<>();
        for (ConfigData c : configs) {
            m.put(c.key(), c);
        }
        return new WorkloadSpec((ObjectNode) Yaml.readOne(template, "t").content(), m);
    }

    @Test
    void namesFieldsByContainerAndEnvName() {
        WorkloadSpec git = spec("{spec: {containers: [{name: sidecar, image: s:1}, {name: face, image: f:2,"
                + " env: [{name: COLOR, value: green}, {name: NEW, value: x}]}]}}");
        WorkloadSpec cluster = spec("{spec: {containers: [{name: face, image: f:1, env: [{name: COLOR, value: blue}]},"
                + " {name: sidecar, image: s:1}]}}");
        assertThat(SpecDiff.between(git, cluster)).containsExactly(
                new SpecDiff.Difference("spec.containers[face].image", "f:2", "f:1"),
                new SpecDiff.Difference("spec.containers[face].env[COLOR].value", "green", "blue"),
                new SpecDiff.Difference("spec.containers[face].env[NEW]", "{\"name\":\"NEW\",\"value\":\"x\"}", null));
    }

    @Test
    void pairsGeneratedConfigsAcrossHashSuffixesAndHidesSecretValues() {
        WorkloadSpec git = spec("{spec: {}}",
                new ConfigData("configmap/face-config-7g2h9m8k5t", Map.of("SMILEY", "screaming", "COLOR", "blue")),
                new ConfigData("secret/face-token", Map.of("token", "bmV3")));
        WorkloadSpec cluster = spec("{spec: {}}",
                new ConfigData("configmap/face-config-b5f2tc8kd4", Map.of("SMILEY", "grinning", "COLOR", "blue")),
                new ConfigData("secret/face-token", Map.of("token", "b2xk")));
        var diffs = SpecDiff.between(git, cluster);
        assertThat(diffs).hasSize(2);
        assertThat(diffs.get(0)).isEqualTo(new SpecDiff.Difference(
                "configmap/face-config-7g2h9m8k5t (cluster: face-config-b5f2tc8kd4).data.SMILEY", "screaming", "grinning"));
        assertThat(diffs.get(1).field()).isEqualTo("secret/face-token.data");
        assertThat(diffs.get(1).git()).startsWith("checksum ").doesNotContain("bmV3");
        assertThat(diffs.get(1).cluster()).startsWith("checksum ").doesNotContain("b2xk");
    }
}
