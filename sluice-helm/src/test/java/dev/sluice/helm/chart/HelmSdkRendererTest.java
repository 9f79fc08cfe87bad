package dev.sluice.helm.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Json;
import dev.sluice.helm.TestCharts;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelmSdkRendererTest {

    @TempDir
    Path dir;

    @Test
    void rendersWithTheValuesAndKeepsTheHooksApart() throws Exception {
        ChartArchive chart = ChartArchive.read(TestCharts.pack("podinfo", TestCharts.podinfo("podinfo", "6.0.3")), "podinfo.tgz");
        RenderedChart r = new HelmSdkRenderer(dir).render(chart, "web", "apps",
                Json.parseObject("{\"replicaCount\":3,\"message\":\"hi\"}"));
        assertThat(r.resources()).extracting(o -> o.kind() + "/" + o.name()).containsExactlyInAnyOrder("Deployment/web", "Service/web");
        assertThat(r.manifest()).contains("# Source: podinfo/templates/deployment.yaml").contains("replicas: 3")
                .contains("value: \"hi\"").doesNotContain("helm.sh/hook").doesNotContain("sluice.dev");
        assertThat(r.hooks()).singleElement().satisfies(h -> {
            assertThat(h.name()).isEqualTo("web-grpc-test");
            assertThat(h.events()).containsExactly("test");
            assertThat(h.path()).isEqualTo("podinfo/templates/tests/grpc.yaml");
            assertThat(h.manifest()).contains("\"helm.sh/hook\": test");
            assertThat(h.deletePolicies()).containsExactly("before-hook-creation");
        });
        assertThat(dir.toFile().list()).isEmpty(); // the scratch copy is gone
    }

    @Test
    void aSubchartPackagedInChartsIsRendered() throws Exception {
        Map<String, String> sub = Map.of("Chart.yaml", "apiVersion: v2\nname: redis\nversion: 1.0.0\n",
                "templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-redis\n");
        Map<String, String> parent = new java.util.LinkedHashMap<>(TestCharts.podinfo("app", "1.0.0"));
        ChartArchive withSub = ChartArchive.read(TestCharts.pack("app", parent), "app.tgz")
                .with("charts/redis-1.0.0.tgz", TestCharts.pack("redis", sub));
        RenderedChart r = new HelmSdkRenderer(dir).render(withSub, "x", "apps", Json.object());
        assertThat(r.resources()).extracting(o -> o.name()).contains("x-redis");
    }

    @Test
    void aTemplateErrorNamesTheTemplateAndTheValue() throws Exception {
        ChartArchive chart = ChartArchive.read(TestCharts.pack("podinfo", TestCharts.podinfo("podinfo", "6.0.3")), "podinfo.tgz");
        assertThatThrownBy(() -> new HelmSdkRenderer(dir).render(chart, "web", "apps", Json.parseObject("{\"service\":5}")))
                .isInstanceOf(ChartException.class)
                .hasMessageContaining("podinfo/templates/service.yaml").hasMessageContaining("<.Values.service.port>")
                .hasMessageNotContaining("--debug");
    }
}
