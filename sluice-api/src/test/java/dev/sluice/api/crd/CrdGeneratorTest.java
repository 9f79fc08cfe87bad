package dev.sluice.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.KubeObject;
import dev.sluice.api.Yaml;
import dev.sluice.api.convert.LegacyPatches;
import dev.sluice.api.validation.KindSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CrdGeneratorTest {

    private static final Map<String, KubeObject> CRDS = new CrdGenerator(KindSchemas.builtIn()).generateAll().stream()
            .collect(Collectors.toMap(KubeObject::name, c -> c));

    private static JsonNode version(String crd, String version) {
        for (JsonNode v : CRDS.get(crd).at("/spec/versions")) {
            if (v.path("name").asText().equals(version)) {
                return v;
            }
        }
        throw new AssertionError(crd + " has no version " + version);
    }

    private static JsonNode schema(String crd, String version, String pointer) {
        return version(crd, version).at("/schema/openAPIV3Schema" + pointer);
    }

    @Test
    void oneCrdPerApiKind() {
        assertThat(CRDS.keySet()).containsExactlyInAnyOrder(
                "gitrepositories.source.toolkit.fluxcd.io", "helmrepositories.source.toolkit.fluxcd.io",
                "helmcharts.source.toolkit.fluxcd.io", "kustomizations.kustomize.toolkit.fluxcd.io",
                "helmreleases.helm.toolkit.fluxcd.io", "receivers.notification.toolkit.fluxcd.io",
                "providers.notification.toolkit.fluxcd.io", "alerts.notification.toolkit.fluxcd.io",
                "canaries.flagger.app", "metrictemplates.flagger.app", "alertproviders.flagger.app");
    }

    @Test
    void everyCrdParsesBackFromYamlUnchanged() {
        for (KubeObject crd : CRDS.values()) {
            String yaml = LegacyPatches.yaml(crd.toNode());
            // compared as JSON text: the YAML reader makes every integer a long, the generator an int
            assertThat(Yaml.readOne(yaml, crd.name()).content().toString()).isEqualTo(crd.toJson());
        }
    }

    static Stream<Arguments> versions() {
        return Stream.of(
                Arguments.of("kustomizations.kustomize.toolkit.fluxcd.io", List.of("v1", "v1beta2", "v1beta1")),
                Arguments.of("gitrepositories.source.toolkit.fluxcd.io", List.of("v1", "v1beta2", "v1beta1")),
                Arguments.of("helmreleases.helm.toolkit.fluxcd.io", List.of("v2", "v2beta2", "v2beta1")),
                Arguments.of("receivers.notification.toolkit.fluxcd.io", List.of("v1", "v1beta2")),
                Arguments.of("alerts.notification.toolkit.fluxcd.io", List.of("v1beta3", "v1beta2")),
                Arguments.of("canaries.flagger.app", List.of("v1beta1")));
    }

    @ParameterizedTest
    @MethodSource("versions")
    void allVersionsServedNewestStoredOlderDeprecated(String crd, List<String> names) {
        JsonNode versions = CRDS.get(crd).at("/spec/versions");
        assertThat(versions).extracting(v -> v.path("name").asText()).containsExactlyElementsOf(names);
        for (int i = 0; i < versions.size(); i++) {
            JsonNode v = versions.get(i);
            assertThat(v.path("served").asBoolean()).isTrue();
            assertThat(v.path("storage").asBoolean()).isEqualTo(i == 0);
            assertThat(v.path("deprecated").asBoolean()).isEqualTo(i > 0);
        }
    }

    static Stream<Arguments> columns() {
        return Stream.of(
                Arguments.of("kustomizations.kustomize.toolkit.fluxcd.io", "v1", List.of("Age", "Ready", "Status")),
                Arguments.of("kustomizations.kustomize.toolkit.fluxcd.io", "v1beta1", List.of("Ready", "Status", "Age")),
                Arguments.of("gitrepositories.source.toolkit.fluxcd.io", "v1", List.of("URL", "Age", "Ready", "Status")),
                Arguments.of("helmcharts.source.toolkit.fluxcd.io", "v1",
                        List.of("Chart", "Version", "Source Kind", "Source Name", "Age", "Ready", "Status")),
                Arguments.of("helmreleases.helm.toolkit.fluxcd.io", "v2", List.of("Age", "Ready", "Status")),
                Arguments.of("alerts.notification.toolkit.fluxcd.io", "v1beta3", List.of("Age")),
                Arguments.of("canaries.flagger.app", "v1beta1", List.of("Status", "Weight", "Suspended", "FailedChecks",
                        "Interval", "Mirror", "StepWeight", "StepWeights", "MaxWeight", "LastTransitionTime")),
                Arguments.of("metrictemplates.flagger.app", "v1beta1", List.of("Provider")));
    }

    @ParameterizedTest
    @MethodSource("columns")
    void printerColumnsAreTheOriginals(String crd, String version, List<String> names) {
        assertThat(version(crd, version).path("additionalPrinterColumns")).extracting(c -> c.path("name").asText())
                .containsExactlyElementsOf(names);
    }

    @Test
    void columnDetails() {
        JsonNode ready = version("kustomizations.kustomize.toolkit.fluxcd.io", "v1").at("/additionalPrinterColumns/1");
        assertThat(ready.path("jsonPath").asText()).isEqualTo(".status.conditions[?(@.type==\"Ready\")].status");
        JsonNode weight = version("canaries.flagger.app", "v1beta1").at("/additionalPrinterColumns/1");
        assertThat(weight.path("jsonPath").asText()).isEqualTo(".status.canaryWeight");
        assertThat(version("canaries.flagger.app", "v1beta1").at("/additionalPrinterColumns/2/priority").asInt()).isEqualTo(1);
    }

    @Test
    void namesShortNamesAndStatusSubresource() {
        assertThat(CRDS.get("kustomizations.kustomize.toolkit.fluxcd.io").at("/spec/names/shortNames/0").asText()).isEqualTo("ks");
        assertThat(CRDS.get("helmreleases.helm.toolkit.fluxcd.io").at("/spec/names/shortNames/0").asText()).isEqualTo("hr");
        assertThat(CRDS.get("canaries.flagger.app").at("/spec/names/listKind").asText()).isEqualTo("CanaryList");
        assertThat(CRDS.get("canaries.flagger.app").at("/spec/scope").asText()).isEqualTo("Namespaced");
        assertThat(version("kustomizations.kustomize.toolkit.fluxcd.io", "v1").has("subresources")).isTrue();
        assertThat(version("alerts.notification.toolkit.fluxcd.io", "v1beta3").has("subresources")).isFalse();
        assertThat(version("alerts.notification.toolkit.fluxcd.io", "v1beta2").at("/subresources/status").isObject()).isTrue();
    }

    @Test
    void schemaTypesFollowTheDsl() {
        String ks = "kustomizations.kustomize.toolkit.fluxcd.io";
        assertThat(schema(ks, "v1", "/properties/spec/required").toString()).isEqualTo("[\"interval\",\"prune\",\"sourceRef\"]");
        assertThat(schema(ks, "v1", "/properties/spec/properties/interval/type").asText()).isEqualTo("string");
        assertThat(schema(ks, "v1", "/properties/spec/properties/interval/pattern").asText()).isEqualTo("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$");
        assertThat(schema(ks, "v1", "/properties/spec/properties/prune/type").asText()).isEqualTo("boolean");
        assertThat(schema(ks, "v1", "/properties/spec/properties/force/default").asBoolean(true)).isFalse();
        assertThat(schema(ks, "v1", "/properties/spec/properties/patches/items/required/0").asText()).isEqualTo("patch");
        assertThat(schema(ks, "v1beta1", "/properties/spec/properties/validation/enum").toString()).isEqualTo("[\"none\",\"client\",\"server\"]");
        assertThat(schema(ks, "v1", "/properties/spec/properties/validation").isMissingNode()).isTrue();
        assertThat(schema(ks, "v1", "/properties/metadata/type").asText()).isEqualTo("object");
        assertThat(schema(ks, "v1", "/properties/metadata/properties").isMissingNode()).isTrue();

        String hr = "helmreleases.helm.toolkit.fluxcd.io";
        assertThat(schema(hr, "v2", "/properties/spec/properties/values/x-kubernetes-preserve-unknown-fields").asBoolean()).isTrue();
        assertThat(schema(hr, "v2", "/properties/spec/oneOf").toString())
                .isEqualTo("[{\"required\":[\"chart\"]},{\"required\":[\"chartRef\"]}]");
        assertThat(schema(hr, "v2beta1", "/properties/spec/oneOf").isMissingNode()).isTrue();

        String canary = "canaries.flagger.app";
        assertThat(schema(canary, "v1beta1", "/properties/spec/properties/analysis/oneOf")).hasSize(3);
        assertThat(schema(canary, "v1beta1", "/properties/spec/properties/service/properties/targetPort/x-kubernetes-int-or-string")
                .asBoolean()).isTrue();
        assertThat(schema(canary, "v1beta1", "/properties/spec/properties/analysis/properties/stepWeight/maximum").asInt()).isEqualTo(100);
        assertThat(schema(canary, "v1beta1", "/properties/spec/properties/canaryAnalysis/description").asText())
                .contains("Deprecated: use analysis");
    }

    @Test
    void canaryStatusKeepsSluiceManualControlFields() {
        // The API server prunes status fields the schema does not list; the state machine needs these two.
        String canary = "canaries.flagger.app";
        assertThat(schema(canary, "v1beta1", "/properties/status/properties/lastHandledAction/type").asText())
                .isEqualTo("string");
        assertThat(schema(canary, "v1beta1", "/properties/status/properties/paused/type").asText()).isEqualTo("boolean");
    }

    @Test
    void schemasAreStructural() {
        for (KubeObject crd : CRDS.values()) {
            for (JsonNode v : crd.at("/spec/versions")) {
                List<String> problems = new ArrayList<>();
                structural(v.at("/schema/openAPIV3Schema"), crd.name() + "/" + v.path("name").asText(), problems);
                assertThat(problems).isEmpty();
            }
        }
    }

    /** Every node typed, or explicitly free-form, as the API server demands of CRD schemas. */
    private static void structural(JsonNode s, String path, List<String> problems) {
        boolean free = s.path("x-kubernetes-preserve-unknown-fields").asBoolean() || s.path("x-kubernetes-int-or-string").asBoolean();
        if (!s.has("type") && !free) {
            problems.add(path + " has no type");
        }
        if (s.has("properties") && !"object".equals(s.path("type").asText())) {
            problems.add(path + " has properties but is not an object");
        }
        s.path("properties").properties().forEach(e -> structural(e.getValue(), path + "." + e.getKey(), problems));
        if (s.has("items")) {
            structural(s.get("items"), path + "[]", problems);
        }
        if (s.path("additionalProperties").isObject()) {
            structural(s.get("additionalProperties"), path + "{}", problems);
        }
    }
}
