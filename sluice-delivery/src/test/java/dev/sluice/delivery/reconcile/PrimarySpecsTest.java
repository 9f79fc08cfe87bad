package dev.sluice.delivery.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrimarySpecsTest {

    private static final KubeObject TARGET = KubeObject.parse("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: test
              labels: {app: web, team: a, kustomize.toolkit.fluxcd.io/name: apps}
              annotations: {note: keep, kustomize.toolkit.fluxcd.io/checksum: abc}
            spec:
              replicas: 3
              minReadySeconds: 5
              strategy: {type: Recreate}
              selector: {matchLabels: {app: web}}
              template:
                metadata:
                  labels: {app: web, version: v2}
                  annotations: {flagger-id: old, kustomize.toolkit.fluxcd.io/x: y, scrape: "true"}
                spec:
                  volumes: [{name: c, configMap: {name: web-config}}]
                  topologySpreadConstraints:
                    - labelSelector: {matchLabels: {app: web}}
                  affinity:
                    podAntiAffinity:
                      requiredDuringSchedulingIgnoredDuringExecution:
                        - labelSelector:
                            matchExpressions: [{key: app, operator: In, values: [other, web]}]
                  containers: [{name: c, image: web:2}]
            """);
    private static final PrimarySpecs.Selector SEL = new PrimarySpecs.Selector("app", "web");
    private static final CanarySettings SETTINGS = CanarySettings.DEFAULTS.withIncludeLabelPrefix(List.of("team"));

    @Test
    void createsThePrimaryAsFlaggerDoes() {
        KubeObject p = PrimarySpecs.create(TARGET, SEL, Set.of("configmap/web-config"), SETTINGS,
                Json.parseObject("{\"kind\":\"Canary\",\"name\":\"web\"}"), "id-1");
        assertThat(p.name()).isEqualTo("web-primary");
        assertThat(p.labels()).containsOnly(java.util.Map.entry("app", "web-primary"), java.util.Map.entry("team", "a"));
        assertThat(p.annotations()).containsOnlyKeys("note");
        assertThat(p.spec().path("replicas").asInt()).isEqualTo(3);
        assertThat(p.spec().path("minReadySeconds").asInt()).isEqualTo(5);
        assertThat(p.spec().at("/selector/matchLabels").toString()).isEqualTo("{\"app\":\"web-primary\"}");
        assertThat(p.spec().at("/template/metadata/labels").toString()).contains("\"app\":\"web-primary\"", "\"version\":\"v2\"");
        assertThat(p.spec().at("/template/metadata/annotations").toString())
                .isEqualTo("{\"flagger-id\":\"id-1\",\"scrape\":\"true\"}");
        assertThat(p.spec().at("/template/spec/volumes/0/configMap/name").asText()).isEqualTo("web-config-primary");
        assertThat(p.spec().at("/template/spec/topologySpreadConstraints/0/labelSelector/matchLabels/app").asText())
                .isEqualTo("web-primary");
        assertThat(p.spec().at("/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/0"
                + "/labelSelector/matchExpressions/0/values").toString()).isEqualTo("[\"other\",\"web-primary\"]");
        assertThat(p.ownerReferences()).hasSize(1);
    }

    @Test
    void promotionCopiesTheSpecAndReplicasOnlyWithoutAutoscaler() {
        KubeObject p = PrimarySpecs.create(TARGET, SEL, Set.of(), SETTINGS, Json.object(), "id-1");
        KubeObject v3 = TARGET.edit(n -> {
            n.withObjectProperty("spec").put("replicas", 5);
            n.withObjectProperty("spec").withObjectProperty("template").withObjectProperty("spec").putArray("containers")
                    .addObject().put("name", "c").put("image", "web:3");
        });
        KubeObject promoted = PrimarySpecs.promote(p, v3, SEL, Set.of(), SETTINGS, false, "id-2");
        assertThat(promoted.spec().at("/template/spec/containers/0/image").asText()).isEqualTo("web:3");
        assertThat(promoted.spec().path("replicas").asInt()).isEqualTo(5);
        assertThat(promoted.spec().at("/template/metadata/annotations/flagger-id").asText()).isEqualTo("id-2");
        assertThat(promoted.spec().at("/selector/matchLabels/app").asText()).isEqualTo("web-primary");
        KubeObject withHpa = PrimarySpecs.promote(p, v3, SEL, Set.of(), SETTINGS, true, "id-2");
        assertThat(withHpa.spec().path("replicas").asInt()).isEqualTo(3);
    }

    @Test
    void aPrimaryRunningTheTargetsTemplateIsRecognizedWhateverItsFlaggerId() {
        KubeObject p = PrimarySpecs.create(TARGET, SEL, Set.of(), SETTINGS, Json.object(), "some-uuid");
        assertThat(PrimarySpecs.runsTemplateOf(p, TARGET, SEL, Set.of(), SETTINGS.selectorLabels())).isTrue();
        KubeObject changed = TARGET.edit(n -> n.withObjectProperty("spec").withObjectProperty("template")
                .withObjectProperty("metadata").withObjectProperty("labels").put("version", "v3"));
        assertThat(PrimarySpecs.runsTemplateOf(p, changed, SEL, Set.of(), SETTINGS.selectorLabels())).isFalse();
    }
}
