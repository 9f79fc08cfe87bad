package dev.sluice.api.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.GroupKind;
import dev.sluice.api.ResourceTypes;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KindSchemasTest {

    private static final KindSchemas SCHEMAS = KindSchemas.builtIn();

    /** DESIGN.md's compatibility table, kind by kind, with the versions read (newest first). */
    static Stream<Arguments> contract() {
        return Stream.of(
                Arguments.of(ResourceTypes.SOURCE, "GitRepository", List.of("v1", "v1beta2", "v1beta1")),
                Arguments.of(ResourceTypes.SOURCE, "HelmRepository", List.of("v1", "v1beta2", "v1beta1")),
                Arguments.of(ResourceTypes.SOURCE, "HelmChart", List.of("v1", "v1beta2", "v1beta1")),
                Arguments.of(ResourceTypes.KUSTOMIZE, "Kustomization", List.of("v1", "v1beta2", "v1beta1")),
                Arguments.of(ResourceTypes.HELM, "HelmRelease", List.of("v2", "v2beta2", "v2beta1")),
                Arguments.of(ResourceTypes.NOTIFICATION, "Receiver", List.of("v1", "v1beta2")),
                // upstream has no v1 Provider or Alert: v1beta3 is the newest
                Arguments.of(ResourceTypes.NOTIFICATION, "Provider", List.of("v1beta3", "v1beta2")),
                Arguments.of(ResourceTypes.NOTIFICATION, "Alert", List.of("v1beta3", "v1beta2")),
                Arguments.of(ResourceTypes.FLAGGER, "Canary", List.of("v1beta1")),
                Arguments.of(ResourceTypes.FLAGGER, "MetricTemplate", List.of("v1beta1")),
                Arguments.of(ResourceTypes.FLAGGER, "AlertProvider", List.of("v1beta1")),
                Arguments.of("kustomize.config.k8s.io", "Kustomization", List.of("v1beta1")),
                Arguments.of("kustomize.config.k8s.io", "Component", List.of("v1alpha1")));
    }

    @ParameterizedTest
    @MethodSource("contract")
    void everyContractKindHasASchema(String group, String kind, List<String> versions) {
        KindSchema schema = SCHEMAS.find(GroupKind.of(group, kind)).orElseThrow();
        assertThat(schema.versionNames()).containsExactlyElementsOf(versions);
        assertThat(schema.latest().deprecated()).isFalse();
        schema.versions().stream().skip(1).forEach(v -> assertThat(v.deprecationWarning()).contains("deprecated, upgrade to"));
    }

    static Stream<Arguments> versionDifferences() {
        return Stream.of(
                Arguments.of("Kustomization", "v1", List.of("namePrefix", "deletionPolicy", "wait"), List.of("validation", "patchesStrategicMerge")),
                Arguments.of("Kustomization", "v1beta2", List.of("wait", "patchesJson6902", "validation"), List.of("namePrefix", "deletionPolicy")),
                Arguments.of("Kustomization", "v1beta1", List.of("validation", "patchesStrategicMerge"), List.of("wait", "commonMetadata", "components")),
                Arguments.of("GitRepository", "v1beta2", List.of("gitImplementation", "accessFrom"), List.of("sparseCheckout", "provider")),
                Arguments.of("HelmChart", "v1beta2", List.of("valuesFile", "accessFrom", "verify"), List.of("nothing")),
                Arguments.of("HelmChart", "v1", List.of("verify"), List.of("valuesFile", "accessFrom")));
    }

    @ParameterizedTest
    @MethodSource("versionDifferences")
    void olderVersionsAreDerivedFromTheNewest(String kind, String version, List<String> has, List<String> lacks) {
        KindSchema schema = SCHEMAS.all().stream().filter(s -> s.kind().equals(kind) && s.crd()).findFirst().orElseThrow();
        List<String> fields = schema.version(version).orElseThrow().spec().orElseThrow().fieldNames();
        assertThat(fields).containsAll(has).doesNotContainAnyElementsOf(lacks);
    }

    @org.junit.jupiter.api.Test
    void editsReportPathsThatDoNotExist() {
        Schema.Obj o = Types.object(Types.field("a", Types.string()));
        assertThatThrownBy(() -> o.edit("b.c", f -> null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'b'");
        assertThatThrownBy(() -> o.edit("a.c", f -> null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an object");
        assertThat(o.edit("d", f -> Types.field("d", Types.bool())).fieldNames()).containsExactly("a", "d");
    }
}
