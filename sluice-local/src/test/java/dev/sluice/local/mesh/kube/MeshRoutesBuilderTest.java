package dev.sluice.local.mesh.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.api.Diagnostic;
import dev.sluice.api.KubeObject;
import dev.sluice.api.Yaml;
import dev.sluice.local.mesh.route.Endpoint;
import dev.sluice.local.mesh.route.EndpointLoad;
import dev.sluice.local.mesh.route.RequestView;
import dev.sluice.local.mesh.route.RouteDecision;
import dev.sluice.local.mesh.route.RouteTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MeshRoutesBuilderTest {

    static final int PRIMARY = 20001;
    static final int CANARY = 20002;

    static ReadyEndpoints ready() {
        return new ReadyEndpoints(List.of(
                new ReadyEndpoints.Pod("test", "podinfo-primary-5d8f9c7b6-abcde", "podinfo-primary", Map.of("app", "podinfo-primary"),
                        List.of(new ReadyEndpoints.Port("http", 9898, "127.0.0.1", PRIMARY))),
                new ReadyEndpoints.Pod("test", "podinfo-6c7d8e9f0-vwxyz", "podinfo", Map.of("app", "podinfo"),
                        List.of(new ReadyEndpoints.Port("http", 9898, "127.0.0.1", CANARY))),
                new ReadyEndpoints.Pod("other", "podinfo-1", "podinfo", Map.of("app", "podinfo"),
                        List.of(new ReadyEndpoints.Port("http", 9898, "127.0.0.1", 20003)))));
    }

    static List<KubeObject> load(String... files) throws IOException {
        List<KubeObject> out = new ArrayList<>();
        for (String f : files) {
            try (InputStream in = MeshRoutesBuilderTest.class.getResourceAsStream("/mesh/" + f)) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Yaml.readAll(text, f).forEach(d -> out.add(KubeObject.of(d.content())));
            }
        }
        return out;
    }

    record Req(String authority, String path, Map<String, String> headers) implements RequestView {
        Req(String authority, String path) {
            this(authority, path, Map.of());
        }

        Req with(String name, String value) {
            Map<String, String> h = new HashMap<>(headers);
            h.put(name.toLowerCase(Locale.ROOT), value);
            return new Req(authority, path, h);
        }

        @Override
        public String method() {
            return "GET";
        }

        @Override
        public String rawQuery() {
            return "";
        }

        @Override
        public String header(String lowerCaseName) {
            return headers.get(lowerCaseName);
        }
    }

    static double shareTo(RouteTable t, RequestView r, int port, int n) {
        var rng = new SplittableRandom(99);
        int hits = 0;
        for (int i = 0; i < n; i++) {
            if (t.route(r, rng, EndpointLoad.NONE) instanceof RouteDecision.Forward f && f.endpoint().port() == port) {
                hits++;
            }
        }
        return hits / (double) n;
    }

    @Test
    void servicesResolveThroughSelectorsTargetPortsAndEndpoints() throws IOException {
        var result = MeshRoutesBuilder.build(load("services.yaml"), ready());
        assertThat(result.diagnostics()).isEmpty();
        RouteTable t = result.table();
        var rng = new SplittableRandom(1);
        assertThat(((RouteDecision.Forward) t.route(new Req("podinfo.test:9898", "/"), rng, EndpointLoad.NONE)).endpoint())
                .isEqualTo(new Endpoint("127.0.0.1", PRIMARY, "test", "podinfo-primary", "podinfo-primary-5d8f9c7b6-abcde"));
        assertThat(((RouteDecision.Forward) t.route(new Req("podinfo-canary.test", "/"), rng, EndpointLoad.NONE)).endpoint().port())
                .isEqualTo(CANARY);
        assertThat(((RouteDecision.Forward) t.route(new Req("legacy.test", "/"), rng, EndpointLoad.NONE)).endpoint())
                .isEqualTo(new Endpoint("127.0.0.1", 20009, "test", "legacy", "legacy-7d9f8c6b5d-x2x9z"));
    }

    @Test
    void trafficSplitV1alpha1QuantitiesAreRelativeWeights() throws IOException {
        RouteTable t = MeshRoutesBuilder.build(load("services.yaml", "linkerd-split.yaml"), ready()).table();
        assertThat(shareTo(t, new Req("podinfo.test.svc.cluster.local", "/"), CANARY, 20_000)).isCloseTo(0.25, within(0.02));
    }

    @Test
    void trafficSplitV1alpha4MatchesOnlySplitMatchingRequests() throws IOException {
        var result = MeshRoutesBuilder.build(load("services.yaml", "linkerd-split-v1alpha4.yaml"), ready());
        assertThat(result.diagnostics()).isEmpty();
        RouteTable t = result.table();
        Req plain = new Req("podinfo.test", "/");
        assertThat(shareTo(t, plain.with("User-Agent", "Mozilla/5.0 Firefox/125.0"), CANARY, 1000)).isEqualTo(1.0);
        assertThat(shareTo(t, plain.with("User-Agent", "curl/8"), PRIMARY, 1000)).isEqualTo(1.0);
    }

    @Test
    void httpRouteOnServiceWithMatchesWeightsMirrorAndSessionCookie() throws IOException {
        var result = MeshRoutesBuilder.build(load("services.yaml", "gateway-route.yaml"), ready());
        assertThat(result.diagnostics()).isEmpty();
        RouteTable t = result.table();
        Req plain = new Req("podinfo.test", "/");
        assertThat(shareTo(t, plain.with("Cookie", "type=insider; a=1"), CANARY, 1000)).isEqualTo(1.0);
        assertThat(shareTo(t, plain.with("User-Agent", "Firefox"), CANARY, 1000)).isEqualTo(1.0);
        assertThat(shareTo(t, plain, CANARY, 20_000)).isCloseTo(0.20, within(0.02));
        var rng = new SplittableRandom(3);
        for (int i = 0; i < 200; i++) {
            RouteDecision.Forward f = (RouteDecision.Forward) t.route(plain, rng, EndpointLoad.NONE);
            assertThat(f.mirror()).isNotNull();
            assertThat(f.mirror().endpoint().port()).isEqualTo(CANARY);
            assertThat(f.responseHeaders()).hasSize(f.endpoint().port() == CANARY ? 1 : 0);
        }
        // Through the Gateway route: exact path on a wildcard host, then the Service's own HTTPRoute.
        assertThat(t.route(new Req("x.faces.sslip.io", "/face"), rng, EndpointLoad.NONE)).isInstanceOf(RouteDecision.Forward.class);
        assertThat(t.route(new Req("x.faces.sslip.io", "/face/2"), rng, EndpointLoad.NONE)).isInstanceOf(RouteDecision.NotFound.class);
    }

    @Test
    void nginxCanaryAnnotations() throws IOException {
        var result = MeshRoutesBuilder.build(load("services.yaml", "nginx-canary.yaml"), ready());
        assertThat(result.diagnostics()).isEmpty();
        RouteTable t = result.table();
        Req r = new Req("app.example.com", "/any/path");
        assertThat(shareTo(t, r, CANARY, 20_000)).isCloseTo(0.10, within(0.02));
        assertThat(shareTo(t, r.with("X-Canary", "always"), CANARY, 500)).isEqualTo(1.0);
        assertThat(shareTo(t, r.with("X-Canary", "never").with("Cookie", "canary=always"), PRIMARY, 500)).isEqualTo(1.0);
        assertThat(shareTo(t, r.with("Cookie", "canary=always"), CANARY, 500)).isEqualTo(1.0);
        assertThat(shareTo(t, r.with("Cookie", "canary=never"), PRIMARY, 500)).isEqualTo(1.0);
    }

    @Test
    void nginxHeaderValueAndPattern() throws IOException {
        List<KubeObject> objects = load("services.yaml", "nginx-canary.yaml");
        objects.replaceAll(o -> o.name().equals("podinfo-canary") && o.kind().equals("Ingress")
                ? o.edit(n -> ((com.fasterxml.jackson.databind.node.ObjectNode) n.with("metadata").with("annotations"))
                        .put(IngressReader.PREFIX + "canary-by-header-pattern", "^(beta|alpha)$")
                        .put(IngressReader.PREFIX + "canary-weight", "0"))
                : o);
        RouteTable t = MeshRoutesBuilder.build(objects, ready()).table();
        Req r = new Req("app.example.com", "/");
        assertThat(shareTo(t, r.with("X-Canary", "beta"), CANARY, 300)).isEqualTo(1.0);
        assertThat(shareTo(t, r.with("X-Canary", "always"), PRIMARY, 300)).isEqualTo(1.0);
        assertThat(shareTo(t, r, PRIMARY, 300)).isEqualTo(1.0);
    }

    @Test
    void badObjectsAreReportedWithObjectFieldAndValueAndTheRestStillRoutes() throws IOException {
        var result = MeshRoutesBuilder.build(load("services.yaml", "broken.yaml"), ready());
        assertThat(result.diagnostics()).extracting(Diagnostic::toString).containsExactlyInAnyOrder(
                "TrafficSplit test/nosvc spec.service: required: the apex Service name, got nothing",
                "TrafficSplit test/badweight spec.backends[0].weight: expected a non-negative number such as 50 or 500m, got -5",
                "Ingress test/badpath spec.rules[0].http.paths[0].pathType: expected Exact, Prefix or ImplementationSpecific, got 'Regex'; path ignored",
                "Ingress test/badpath spec.rules: no usable rule or defaultBackend; the Ingress routes nothing",
                "Ingress test/old apiVersion: version 'networking.k8s.io/v1beta1' is not supported; expected one of [networking.k8s.io/v1]");
        assertThat(result.table().route(new Req("podinfo.test", "/"), new SplittableRandom(1), EndpointLoad.NONE))
                .isInstanceOf(RouteDecision.Forward.class);
    }

    @Test
    void deploymentNamesFromPodNames() {
        assertThat(ServiceReader.deploymentOf("podinfo-7d9f8c6b5d-x2x9z", "svc")).isEqualTo("podinfo");
        assertThat(ServiceReader.deploymentOf("standalone", "svc")).isEqualTo("standalone");
        assertThat(ServiceReader.deploymentOf("", "svc")).isEqualTo("svc");
    }
}
