package dev.sluice.delivery.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.flagger.Canary;
import dev.sluice.api.flagger.MetricSpec;
import dev.sluice.delivery.metrics.template.GoTemplate;
import dev.sluice.delivery.net.HttpClients;
import dev.sluice.delivery.net.TestServer;
import dev.sluice.delivery.routing.Canaries;
import dev.sluice.delivery.routing.TestCluster;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class MetricMeasurerTest {

    static final String PROM = "/api/v1/query";
    static final String ONE = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},"
            + "\"value\":[1,\"%s\"]}]}}";

    private final TestServer server;
    private final HttpClients clients = HttpClients.defaults();
    private final TestCluster cluster = new TestCluster();
    private final MetricProviderFactory factory = new MetricProviderFactory(clients, Clock.systemUTC());

    MetricMeasurerTest() throws Exception {
        server = new TestServer();
    }

    @AfterEach
    void close() {
        server.close();
        clients.close();
    }

    private MetricMeasurer measurer(boolean noCrossNamespace) {
        return new MetricMeasurer(cluster, factory, MetricMeasurer.prometheus(factory, server.url()), noCrossNamespace);
    }

    private Canary canary(String metrics) {
        return Canaries.parse(Canaries.podinfo("linkerd", "", "stepWeight: 10\nmetrics:\n" + metrics.indent(2)));
    }

    private String lastQuery() {
        String uri = URLDecoder.decode(server.last().uri(), StandardCharsets.UTF_8);
        return uri.substring(uri.indexOf("query=") + 6);
    }

    @Test
    void linkerdSuccessRateIsTheReferenceQuery() throws Exception {
        server.always(PROM, 200, ONE.formatted("99.5"));
        Canary c = canary("- name: request-success-rate\n  interval: 2m\n  thresholdRange: {min: 99}");
        assertThat(measurer(false).builtin(c, "linkerd", c.spec().analysis().get().metrics().get(0)))
                .isEqualTo(MetricResult.value(99.5));
        assertThat(lastQuery()).isEqualTo("sum(rate(response_total{namespace=\"test\",deployment=~\"podinfo\","
                + "classification!=\"failure\",direction=\"inbound\"}[2m])) / sum(rate(response_total{namespace=\"test\","
                + "deployment=~\"podinfo\",direction=\"inbound\"}[2m])) * 100");
    }

    @Test
    void durationOfTheHttpObserverIsReadInSecondsAndReturnedInMilliseconds() throws Exception {
        server.always(PROM, 200, ONE.formatted("0.25"));
        Canary c = canary("- name: request-duration\n  thresholdRange: {max: 500}");
        MetricSpec m = c.spec().analysis().get().metrics().get(0);
        assertThat(measurer(false).builtin(c, "gatewayapi:v1", m)).isEqualTo(MetricResult.value(250));
        assertThat(lastQuery()).startsWith("histogram_quantile(0.99, sum(rate(http_request_duration_seconds_bucket{"
                + "kubernetes_namespace=\"test\",kubernetes_pod_name=~\"podinfo-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)\"}[1m])) by (le))");
        assertThat(measurer(false).builtin(c, "linkerd", m)).as("linkerd answers milliseconds").isEqualTo(MetricResult.value(0.25));
    }

    @ParameterizedTest
    @EnumSource(BuiltinQueries.class)
    void everyBuiltinRendersCompletely(BuiltinQueries q) throws Exception {
        var v = q.variables(new QueryVariables("pod-info", "te.st", "pod-info", "pod-info", "ing", "rt", "1m", Map.of()));
        for (String t : new String[] {q.successRate(), q.duration()}) {
            String rendered = GoTemplate.parse(q.name(), t).render(v);
            assertThat(rendered).doesNotContain("{{", "}}").contains("1m");
        }
    }

    @ParameterizedTest
    @CsvSource({"linkerd, LINKERD", "linkerd:service, ISTIO", "istio, ISTIO", "nginx, NGINX", "kubernetes, HTTP",
            "gatewayapi:v1beta1, HTTP", "appmesh:v1beta2, APPMESH", "gloo, GLOO", "contour, CONTOUR", "skipper, SKIPPER",
            "traefik, TRAEFIK", "osm, OSM", "kuma, KUMA", "apisix, APISIX", "knative, KNATIVE", "unknown, ISTIO"})
    void observerChoiceFollowsFlagger(String provider, BuiltinQueries expected) {
        assertThat(BuiltinQueries.forProvider(provider)).isEqualTo(expected);
    }

    @Test
    void skipperNamesAreMadeRegexSafe() throws Exception {
        var q = BuiltinQueries.SKIPPER;
        String r = GoTemplate.parse("s", q.successRate()).render(q.variables(
                new QueryVariables("n", "my-ns", "t", "my-svc", "my.ing", "r", "1m", Map.of())));
        assertThat(r).startsWith("sum(rate(skipper_response_duration_seconds_bucket{route=~\"kube(ew)?_my_ns__my_ing_canary__.*__my_svc_canary(_[0-9]+)?\"");
    }

    @Test
    void inlineQueryIsRenderedAndRunOnTheMetricsServer() throws Exception {
        server.always(PROM, 200, ONE.formatted("3"));
        Canary c = canary("- name: errors\n  query: sum(errors{ns=\"{{ namespace }}\",app=\"{{ target }}\"})\n  threshold: 5");
        assertThat(measurer(false).inline(c, c.spec().analysis().get().metrics().get(0))).isEqualTo(MetricResult.value(3));
        assertThat(lastQuery()).isEqualTo("sum(errors{ns=\"test\",app=\"podinfo\"})");
    }

    @Test
    void templatesUseTheirProviderSecretAndVariables() throws Exception {
        server.always(PROM, 200, ONE.formatted("0.5"));
        cluster.put("""
                apiVersion: flagger.app/v1beta1
                kind: MetricTemplate
                metadata: {name: errors, namespace: monitoring}
                spec:
                  provider:
                    type: prometheus
                    address: %s
                    secretRef: {name: prom-auth}
                  query: rate(errors{ns="{{ namespace }}",dir="{{ variables.direction }}"}[{{ interval }}])
                """.formatted(server.url()));
        cluster.put("""
                apiVersion: v1
                kind: Secret
                metadata: {name: prom-auth, namespace: monitoring}
                data: {token: dG9rZW4=}
                """);
        Canary c = canary("""
                - name: errors
                  templateRef: {name: errors, namespace: monitoring}
                  templateVariables: {direction: inbound}
                  thresholdRange: {max: 1}
                """);
        MetricSpec m = c.spec().analysis().get().metrics().get(0);
        assertThat(measurer(false).template(c, m)).isEqualTo(MetricResult.value(0.5));
        assertThat(lastQuery()).isEqualTo("rate(errors{ns=\"test\",dir=\"inbound\"}[1m])");
        assertThat(server.last().header("Authorization")).isEqualTo("Bearer token");
        assertThatThrownBy(() -> measurer(true).template(c, m)).isInstanceOf(MetricException.class)
                .hasMessageContaining("cross-namespace references are disabled");
    }

    @Test
    void clearErrorsForMissingTemplatesSecretsAndVariables() {
        cluster.put("""
                apiVersion: flagger.app/v1beta1
                kind: MetricTemplate
                metadata: {name: latency, namespace: test}
                spec:
                  provider: {type: prometheus, address: "http://prometheus:9090", secretRef: {name: nope}}
                  query: x{dir="{{ variables.dir }}"}
                """);
        Canary missing = canary("- name: m\n  templateRef: {name: other}\n  thresholdRange: {max: 1}");
        assertThatThrownBy(() -> measurer(false).template(missing, missing.spec().analysis().get().metrics().get(0)))
                .hasMessage("metric template other.test error: not found");
        Canary c = canary("- name: m\n  templateRef: {name: latency}\n  thresholdRange: {max: 1}");
        assertThatThrownBy(() -> measurer(false).template(c, c.spec().analysis().get().metrics().get(0)))
                .hasMessage("rendering query failed: template \"latency\" (MetricTemplate test/latency): 1:8: "
                        + "{{ variables.dir }}: map has no entry for key \"dir\" (known: none; set it in the metric's templateVariables)");
        Canary withVar = canary("- name: m\n  templateRef: {name: latency}\n  templateVariables: {dir: in}\n  thresholdRange: {max: 1}");
        assertThatThrownBy(() -> measurer(false).template(withVar, withVar.spec().analysis().get().metrics().get(0)))
                .hasMessage("metric template latency.test secret nope error: not found");
    }

    @Test
    void onlineCheckUsesVectorOneOnTheMetricsServer() {
        server.always(PROM, 503, "down");
        Canary c = canary("- name: request-success-rate\n  thresholdRange: {min: 99}");
        assertThatThrownBy(() -> measurer(false).checkOnline(c))
                .hasMessage("prometheus not available: prometheus error response: status 503: down");
    }
}
