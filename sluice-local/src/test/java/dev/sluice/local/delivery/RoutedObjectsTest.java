package dev.sluice.local.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.api.KubeObject;
import dev.sluice.api.flagger.Canary;
import dev.sluice.api.flagger.CanaryKindModel;
import dev.sluice.delivery.routing.RouterFactory;
import dev.sluice.delivery.routing.ServiceRouter.WorkloadSelector;
import dev.sluice.delivery.routing.StickySession;
import dev.sluice.delivery.routing.TrafficRouter;
import dev.sluice.delivery.routing.TrafficSplit;
import dev.sluice.local.mesh.kube.MeshRoutesBuilder;
import dev.sluice.local.mesh.kube.ReadyEndpoints;
import dev.sluice.local.mesh.route.EndpointLoad;
import dev.sluice.local.mesh.route.HeaderValue;
import dev.sluice.local.mesh.route.RequestView;
import dev.sluice.local.mesh.route.RouteDecision;
import dev.sluice.local.mesh.route.RouteTable;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The embedded mode has no router of its own: its mesh executes the TrafficSplit, HTTPRoute and
 * Ingress objects the delivery routers write. These tests run the real routers (and the Service
 * router) against a store, build the mesh's route table from what they wrote, and check requests
 * land where the split says.
 */
class RoutedObjectsTest {

    static final int PRIMARY = 20001;
    static final int CANARY = 20002;

    private final Store cluster = new Store();
    private final RouterFactory routers = new RouterFactory(cluster.cluster, "linkerd", "");

    record Req(String authority, String path, Map<String, String> headers) implements RequestView {
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

    static Req get(String authority) {
        return new Req(authority, "/", Map.of());
    }

    private Canary canary(String provider, String service, String analysis) throws Exception {
        String yaml = """
                apiVersion: flagger.app/v1beta1
                kind: Canary
                metadata: {name: podinfo, namespace: test}
                spec:
                  provider: %s
                  targetRef: {apiVersion: apps/v1, kind: Deployment, name: podinfo}
                  ingressRef: {apiVersion: networking.k8s.io/v1, kind: Ingress, name: podinfo}
                  service:
                    port: 9898
                """.formatted(provider) + service.indent(4) + "  analysis:\n    interval: 1m\n    threshold: 5\n"
                + analysis.indent(4);
        cluster.put(yaml);
        Canary c = new CanaryKindModel().parse(KubeObject.parse(yaml)).value();
        var services = routers.serviceRouter(c);
        WorkloadSelector app = new WorkloadSelector("app", "podinfo", Map.of());
        services.ensureServices(c, app);
        services.pointApexToPrimary(c, app);
        TrafficRouter r = routers.trafficRouter(c);
        r.reconcile(c);
        return c;
    }

    private RouteTable table() {
        var ready = new ReadyEndpoints(List.of(
                new ReadyEndpoints.Pod("test", "podinfo-primary-abc", "podinfo-primary", Map.of("app", "podinfo-primary"),
                        List.of(new ReadyEndpoints.Port("http", 9898, "127.0.0.1", PRIMARY))),
                new ReadyEndpoints.Pod("test", "podinfo-xyz", "podinfo", Map.of("app", "podinfo"),
                        List.of(new ReadyEndpoints.Port("http", 9898, "127.0.0.1", CANARY)))));
        var result = MeshRoutesBuilder.build(cluster.routingObjects(), ready, "test", dev.sluice.local.mesh.route.Balancing.ROUND_ROBIN);
        assertThat(result.diagnostics()).as("the mesh reads every object the routers wrote").isEmpty();
        return result.table();
    }

    static double share(RouteTable t, RequestView r, int port, int n) {
        var rng = new SplittableRandom(7);
        int hits = 0;
        for (int i = 0; i < n; i++) {
            if (t.route(r, rng, EndpointLoad.NONE) instanceof RouteDecision.Forward f && f.endpoint().port() == port) {
                hits++;
            }
        }
        return hits / (double) n;
    }

    @Test
    void linkerdTrafficSplitWeights() throws Exception {
        Canary c = canary("linkerd", "", "stepWeight: 10");
        assertThat(share(table(), get("podinfo.test"), PRIMARY, 2000)).as("100/0 after reconcile").isEqualTo(1.0);
        routers.trafficRouter(c).setRoutes(c, TrafficSplit.of(90, 10), StickySession.NONE);
        RouteTable t = table();
        assertThat(share(t, get("podinfo.test"), CANARY, 20_000)).isCloseTo(0.10, within(0.015));
        assertThat(share(t, get("podinfo-canary.test.svc.cluster.local"), CANARY, 500)).isEqualTo(1.0);
    }

    @Test
    void smiV1alpha3AbMatchesGoToTheCanaryAndTheRestToThePrimary() throws Exception {
        Canary c = canary("smi:v1alpha3", "", "iterations: 5\nmatch:\n  - headers: {x-canary: {exact: insider}}");
        routers.trafficRouter(c).setRoutes(c, TrafficSplit.ALL_CANARY, StickySession.NONE);
        RouteTable t = table();
        assertThat(share(t, get("podinfo.test").with("x-canary", "insider"), CANARY, 500)).isEqualTo(1.0);
        assertThat(share(t, get("podinfo.test").with("x-canary", "insider2"), PRIMARY, 500)).isEqualTo(1.0);
        assertThat(share(t, get("podinfo.test"), PRIMARY, 500)).isEqualTo(1.0);
    }

    @Test
    void gatewayApiOnTheServiceWeightsAndMirror() throws Exception {
        Canary c = canary("gatewayapi:v1beta1", "gatewayRefs: [{name: podinfo, kind: Service, group: core, port: 9898}]",
                "iterations: 5\nmirror: true");
        TrafficRouter r = routers.trafficRouter(c);
        r.setRoutes(c, new TrafficSplit(100, 0, true), StickySession.NONE);
        RouteTable t = table();
        var f = (RouteDecision.Forward) t.route(get("podinfo.test"), new SplittableRandom(1), EndpointLoad.NONE);
        assertThat(f.endpoint().port()).isEqualTo(PRIMARY);
        assertThat(f.mirror()).isNotNull();
        assertThat(f.mirror().endpoint().port()).isEqualTo(CANARY);
        r.setRoutes(c, TrafficSplit.of(70, 30), StickySession.NONE);
        assertThat(share(table(), get("podinfo.test"), CANARY, 20_000)).isCloseTo(0.30, within(0.015));
    }

    @Test
    void gatewayApiSessionAffinityKeepsCookieHoldersOnTheCanary() throws Exception {
        Canary c = canary("gatewayapi:v1", "hosts: [app.example.com]\ngatewayRefs: [{name: gw, namespace: gateways}]",
                "stepWeight: 10\nsessionAffinity: {cookieName: flagger-cookie, maxAge: 60}");
        routers.trafficRouter(c).setRoutes(c, TrafficSplit.of(90, 10), new StickySession("flagger-cookie=abcdefghij", "", ""));
        RouteTable t = table();
        Req app = get("app.example.com");
        assertThat(share(t, app.with("Cookie", "a=1; flagger-cookie=abcdefghij"), CANARY, 500)).isEqualTo(1.0);
        assertThat(share(t, app, CANARY, 20_000)).isCloseTo(0.10, within(0.015));
        var rng = new SplittableRandom(5);
        for (int i = 0; i < 300; i++) {
            var f = (RouteDecision.Forward) t.route(app, rng, EndpointLoad.NONE);
            List<HeaderValue> expected = f.endpoint().port() == CANARY
                    ? List.of(new HeaderValue("Set-Cookie", "flagger-cookie=abcdefghij; Max-Age=60")) : List.of();
            assertThat(f.responseHeaders()).isEqualTo(expected);
        }
    }

    private void mainIngress() {
        cluster.put("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: podinfo, namespace: test}
                spec:
                  rules:
                    - host: app.example.com
                      http:
                        paths:
                          - {path: /, pathType: Prefix, backend: {service: {name: podinfo, port: {number: 9898}}}}
                """);
    }

    @Test
    void nginxCanaryIngressWeight() throws Exception {
        mainIngress();
        Canary c = canary("nginx", "", "stepWeight: 10");
        assertThat(share(table(), get("app.example.com"), PRIMARY, 1000)).isEqualTo(1.0);
        routers.trafficRouter(c).setRoutes(c, TrafficSplit.of(80, 20), StickySession.NONE);
        assertThat(share(table(), get("app.example.com"), CANARY, 20_000)).isCloseTo(0.20, within(0.015));
    }

    @Test
    void nginxAbTestingByHeaderValueAndCookie() throws Exception {
        mainIngress();
        Canary c = canary("nginx", "", """
                iterations: 5
                match:
                  - headers: {x-canary: {exact: insider}}
                  - headers: {cookie: {exact: canary}}
                """);
        routers.trafficRouter(c).setRoutes(c, TrafficSplit.ALL_CANARY, StickySession.NONE);
        RouteTable t = table();
        Req app = get("app.example.com");
        assertThat(share(t, app.with("x-canary", "insider"), CANARY, 500)).isEqualTo(1.0);
        assertThat(share(t, app.with("Cookie", "canary=always"), CANARY, 500)).isEqualTo(1.0);
        assertThat(share(t, app.with("Cookie", "canary=never"), PRIMARY, 500)).isEqualTo(1.0);
        assertThat(share(t, app, PRIMARY, 2000)).as("everyone else stays on the primary").isEqualTo(1.0);
        routers.trafficRouter(c).setRoutes(c, TrafficSplit.ALL_PRIMARY, StickySession.NONE);
        assertThat(share(table(), app.with("x-canary", "insider"), PRIMARY, 500)).as("rolled back").isEqualTo(1.0);
    }
}
