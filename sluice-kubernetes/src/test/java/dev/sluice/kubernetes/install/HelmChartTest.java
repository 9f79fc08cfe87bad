package dev.sluice.kubernetes.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.KubeObject;
import dev.sluice.api.Yaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart renders the same objects as {@link InstallManifests}, with the chart's templates
 * expanded by {@link ChartSubstitution} (not Helm). Run with {@code -Dsluice.regenerate=true} to
 * rewrite {@code crds/crds.yaml} from the CRD generator.
 */
class HelmChartTest {

    private static final Path CHART = Path.of("..", "deploy", "charts", "sluice");

    private static JsonNode values() {
        return Yaml.readAll(CHART.resolve("values.yaml")).get(0).content();
    }

    private static String appVersion() {
        return Yaml.readAll(CHART.resolve("Chart.yaml")).get(0).content().path("appVersion").asText();
    }

    private static List<KubeObject> render(JsonNode values, String namespace) throws IOException {
        ChartSubstitution s = new ChartSubstitution(values, namespace, appVersion());
        List<KubeObject> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(CHART.resolve("templates"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                String rendered = s.render(Files.readString(f), f.getFileName().toString());
                Yaml.readAll(rendered, f.toString()).forEach(d -> out.add(KubeObject.of(d.content())));
            }
        }
        return sorted(out);
    }

    private static List<KubeObject> sorted(List<KubeObject> objects) {
        return objects.stream().sorted(Comparator.comparing((KubeObject o) -> o.kind()).thenComparing(KubeObject::name)).toList();
    }

    private static void assertSameObjects(List<KubeObject> chart, List<KubeObject> manifests) {
        List<KubeObject> expected = sorted(manifests);
        assertThat(chart).extracting(Object::toString).containsExactlyElementsOf(expected.stream().map(Object::toString).toList());
        for (int i = 0; i < chart.size(); i++) {
            assertThat(chart.get(i).toNode()).as("%s from the chart", chart.get(i)).isEqualTo(expected.get(i).toNode());
        }
    }

    @Test
    void defaultValuesRenderWhatInstallExportsExceptTheNamespace() throws IOException {
        List<KubeObject> expected = InstallManifests.controller(InstallOptions.defaults()).stream()
                .filter(o -> !o.kind().equals("Namespace")).toList();
        assertSameObjects(render(values(), "sluice-system"), expected);
    }

    @Test
    void valuesMapToTheSameOptions() throws IOException {
        ObjectNode v = (ObjectNode) values().deepCopy();
        v.put("createNamespace", true).put("leaderElect", false).put("watchLabelSelector", "sharding.fluxcd.io/key=shard1")
                .put("concurrent", 10);
        ((ObjectNode) v.get("rbac")).put("clusterAdmin", false);
        ((ObjectNode) v.get("image")).put("tag", "0.2.0");
        InstallOptions o = new InstallOptions("gitops", "sluice/sluice:0.2.0", 10, false, 1, "json",
                "sharding.fluxcd.io/key=shard1", 50, 300, InstallOptions.ContainerResources.defaults(), false);
        assertSameObjects(render(v, "gitops"), InstallManifests.controller(o));
    }

    @Test
    void theChartsCrdsAreTheGeneratedOnes() throws IOException {
        Path file = CHART.resolve("crds").resolve("crds.yaml");
        String generated = "# Generated from the Sluice CRD generator; HelmChartTest checks it. Regenerate with\n"
                + "# mvn -pl sluice-kubernetes -am test -Dtest=HelmChartTest -Dsurefire.failIfNoSpecifiedTests=false -Dsluice.regenerate=true\n"
                + InstallManifests.toYaml(InstallManifests.crds());
        if (Boolean.getBoolean("sluice.regenerate")) {
            Files.writeString(file, generated, StandardCharsets.UTF_8);
        }
        List<KubeObject> inChart = Yaml.readAll(file).stream().map(d -> KubeObject.of(d.content())).toList();
        List<KubeObject> crds = InstallManifests.crds();
        assertThat(inChart).as("crds/crds.yaml is stale: regenerate it (see its header)").hasSameSizeAs(crds);
        for (int i = 0; i < crds.size(); i++) {
            assertThat(inChart.get(i).toJson()).as("crds/crds.yaml is stale at %s: regenerate it (see its header)", crds.get(i))
                    .isEqualTo(crds.get(i).toJson());
        }
    }

    @Test
    void theSubstitutionRefusesFormsItDoesNotKnow() {
        ChartSubstitution s = new ChartSubstitution(values(), "ns", "0.1.0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.render("a: {{ include \"x\" . }}", "t.yaml"))
                .hasMessageContaining("t.yaml:1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.render("a: {{ .Values.nope }}", "t.yaml"))
                .hasMessageContaining(".Values.nope is not in values.yaml");
    }
}
