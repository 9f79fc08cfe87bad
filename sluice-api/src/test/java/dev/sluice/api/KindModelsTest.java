package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.kustomize.Kustomization;
import dev.sluice.api.kustomize.KustomizationModel;
import dev.sluice.api.validation.KindSchema;
import dev.sluice.api.validation.KindSchemas;
import java.util.List;
import org.junit.jupiter.api.Test;

class KindModelsTest {

    private final KindModels models = KindModels.builtIn();

    /** Add your kind here when you register its model in {@link KindModels#builtIn()}. */
    @Test
    void listsTheRegisteredKinds() {
        assertThat(models.kinds()).extracting(GroupKind::toString).containsExactly(
                "GitRepository.source.toolkit.fluxcd.io",
                "HelmRepository.source.toolkit.fluxcd.io",
                "HelmChart.source.toolkit.fluxcd.io",
                "Kustomization.kustomize.toolkit.fluxcd.io",
                "HelmRelease.helm.toolkit.fluxcd.io",
                "Receiver.notification.toolkit.fluxcd.io",
                "Provider.notification.toolkit.fluxcd.io",
                "Alert.notification.toolkit.fluxcd.io",
                "Canary.flagger.app",
                "MetricTemplate.flagger.app",
                "AlertProvider.flagger.app");
    }

    @Test
    void everyModelHasASchemaWhoseNewestVersionIsTheOneItWrites() {
        KindSchemas schemas = KindSchemas.builtIn();
        for (GroupKind gk : models.kinds()) {
            KindSchema schema = schemas.find(gk).orElseThrow();
            assertThat(ResourceTypes.builtIn().get(gk)).isPresent();
            assertThat(schema.versionNames()).isNotEmpty();
        }
    }

    @Test
    void typedLookupParsesIntoTheRecord() {
        var model = models.get(GroupKind.of(ResourceTypes.KUSTOMIZE, "Kustomization"), Kustomization.class);
        assertThat(model).isInstanceOf(KustomizationModel.class);
        assertThatThrownBy(() -> models.get(GroupKind.of(ResourceTypes.KUSTOMIZE, "Kustomization"), String.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parses into");
        assertThatThrownBy(() -> models.get(GroupKind.of("apps", "Deployment"), Object.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no model for Deployment.apps");
    }

    @Test
    void kindsWithoutAModelPassThrough() {
        KubeObject d = KubeObject.parse("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n");
        assertThat(models.toLatest(d)).isSameAs(d);
        assertThat(models.parse(d)).isEmpty();
    }

    @Test
    void withAddsOrReplacesAModel() {
        KindModels only = KindModels.of(List.of());
        assertThat(only.kinds()).isEmpty();
        assertThat(only.with(new KustomizationModel()).kinds()).hasSize(1);
        assertThatThrownBy(() -> KindModels.of(List.of(new KustomizationModel(), new KustomizationModel())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseConvertsFirst() {
        KubeObject old = KubeObject.parse("""
                apiVersion: kustomize.toolkit.fluxcd.io/v1beta1
                kind: Kustomization
                metadata: {name: podinfo, namespace: flux-system}
                spec: {interval: 1m0s, path: ./podinfo, prune: true, sourceRef: {kind: GitRepository, name: gitops}, validation: client}
                """);
        var parsed = models.parse(old).orElseThrow();
        assertThat(((Kustomization) parsed.value()).object().apiVersion()).isEqualTo("kustomize.toolkit.fluxcd.io/v1");
    }
}
