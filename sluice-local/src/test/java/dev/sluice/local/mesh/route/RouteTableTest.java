package dev.sluice.local.mesh.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouteTableTest {

    static final ServiceRef APEX = new ServiceRef("test", "podinfo");
    static final ServiceRef PRIMARY = new ServiceRef("test", "podinfo-primary");
    static final ServiceRef CANARY = new ServiceRef("test", "podinfo-canary");

    static Endpoint ep(String deployment, int port) {
        return new Endpoint("127.0.0.1", port, "test", deployment, deployment + "-0");
    }

    static ServiceInput svc(ServiceRef ref, int port, Endpoint... endpoints) {
        return new ServiceInput(ref, List.of(new ServiceInput.Port("http", port, List.of(endpoints))));
    }

    static List<ServiceInput> canaryServices() {
        return List.of(
                svc(APEX, 9898, ep("podinfo-primary", 10001)),
                svc(PRIMARY, 9898, ep("podinfo-primary", 10001)),
                svc(CANARY, 9898, ep("podinfo", 10002)));
    }

    static ServicePolicyInput split(int primary, int canary) {
        return new ServicePolicyInput(APEX, List.of(RuleInput.weighted("TrafficSplit test/podinfo",
                BackendInput.of(PRIMARY, primary), BackendInput.of(CANARY, canary))), true, "TrafficSplit test/podinfo");
    }

    static Endpoint forwardedTo(RouteDecision d) {
        assertThat(d).isInstanceOf(RouteDecision.Forward.class);
        return ((RouteDecision.Forward) d).endpoint();
    }

    @ParameterizedTest
    @ValueSource(strings = {"podinfo", "podinfo.test", "podinfo.test.svc", "podinfo.test.svc.cluster.local",
            "podinfo.test:9898", "PodInfo.Test.svc.cluster.local.:9898"})
    void serviceHostForms(String host) {
        RouteTable t = RouteTable.build(RouteInputs.of(canaryServices(), List.of(), List.of()));
        assertThat(forwardedTo(t.route(FakeRequest.get(host, "/"), new SplittableRandom(1), EndpointLoad.NONE)).port())
                .isEqualTo(10001);
    }

    @Test
    void unknownHostAndPortAre404AndNoEndpointIs503() {
        ServiceRef empty = new ServiceRef("test", "empty");
        RouteTable t = RouteTable.build(RouteInputs.of(List.of(svc(empty, 80)), List.of(), List.of()));
        var rng = new SplittableRandom(1);
        assertThat(t.route(FakeRequest.get("nope.test", "/"), rng, EndpointLoad.NONE))
                .isEqualTo(new RouteDecision.NotFound("no Service, Ingress or HTTPRoute matches host 'nope.test'"));
        assertThat(t.route(FakeRequest.get("empty.test:81", "/"), rng, EndpointLoad.NONE))
                .isEqualTo(new RouteDecision.NotFound("Service empty.test has no port 81"));
        assertThat(t.route(FakeRequest.get("empty.test", "/"), rng, EndpointLoad.NONE))
                .isEqualTo(new RouteDecision.Unavailable("Service empty.test has no ready endpoint for port 80"));
    }

    @Test
    void weightedSplitFollowsWeightsWithinTwoPercent() {
        RouteTable t = RouteTable.build(RouteInputs.of(canaryServices(), List.of(split(70, 30)), List.of()));
        var rng = new SplittableRandom(42);
        int canary = 0;
        for (int i = 0; i < 20_000; i++) {
            if (forwardedTo(t.route(FakeRequest.get("podinfo.test", "/"), rng, EndpointLoad.NONE)).port() == 10002) {
                canary++;
            }
        }
        assertThat(canary / 20_000.0).isCloseTo(0.30, within(0.02));
    }

    @Test
    void zeroWeightsAnswer503AndUnknownBackendsAreReported() {
        RouteTable zero = RouteTable.build(RouteInputs.of(canaryServices(), List.of(split(0, 0)), List.of()));
        assertThat(zero.route(FakeRequest.get("podinfo.test", "/"), new SplittableRandom(1), EndpointLoad.NONE))
                .isInstanceOf(RouteDecision.Unavailable.class);
        ServicePolicyInput ghost = new ServicePolicyInput(APEX, List.of(RuleInput.weighted("TrafficSplit test/podinfo",
                BackendInput.of(new ServiceRef("test", "ghost"), 1))), true, "TrafficSplit test/podinfo");
        RouteTable t = RouteTable.build(RouteInputs.of(canaryServices(), List.of(ghost), List.of()));
        assertThat(t.warnings()).anySatisfy(w -> assertThat(w).contains("ghost.test", "does not exist"));
        assertThat(t.route(FakeRequest.get("podinfo.test", "/"), new SplittableRandom(1), EndpointLoad.NONE))
                .isEqualTo(new RouteDecision.Unavailable(
                        "TrafficSplit test/podinfo sends traffic to Service ghost.test, which does not exist"));
    }

    @Test
    void headerAndCookieMatchesRouteAllMatchingRequests() {
        List<RuleInput> rules = List.of(
                new RuleInput(List.of(MatchInput.header("x-canary", StringMatch.exact("insider")),
                        MatchInput.header("user-agent", StringMatch.regex(".*Firefox.*")),
                        MatchInput.cookie("canary", StringMatch.exact("always"))),
                        List.of(BackendInput.of(CANARY, 100)), List.of(), "HTTPRoute test/podinfo rules[0]"),
                RuleInput.weighted("HTTPRoute test/podinfo rules[1]", BackendInput.of(PRIMARY, 100)));
        RouteTable t = RouteTable.build(RouteInputs.of(canaryServices(),
                List.of(new ServicePolicyInput(APEX, rules, false, "HTTPRoute test/podinfo")), List.of()));
        var rng = new SplittableRandom(7);
        FakeRequest base = FakeRequest.get("podinfo.test", "/");
        for (int i = 0; i < 200; i++) {
            assertThat(forwardedTo(t.route(base.with("X-Canary", "insider"), rng, EndpointLoad.NONE)).port()).isEqualTo(10002);
            assertThat(forwardedTo(t.route(base.with("User-Agent", "Mozilla/5.0 Firefox/120"), rng, EndpointLoad.NONE)).port()).isEqualTo(10002);
            assertThat(forwardedTo(t.route(base.with("Cookie", "a=b; canary=always"), rng, EndpointLoad.NONE)).port()).isEqualTo(10002);
            assertThat(forwardedTo(t.route(base.with("Cookie", "canary=never"), rng, EndpointLoad.NONE)).port()).isEqualTo(10001);
            assertThat(forwardedTo(t.route(base.with("X-Canary", "outsider"), rng, EndpointLoad.NONE)).port()).isEqualTo(10001);
        }
    }

    @Test
    void ingressWildcardsPathsAndServicePolicies() {
        ServiceRef web = new ServiceRef("faces", "web");
        List<ServiceInput> services = new java.util.ArrayList<>(canaryServices());
        services.add(svc(web, 80, new Endpoint("127.0.0.1", 10003, "faces", "web", "web-0")));
        HostRoutesInput ingress = new HostRoutesInput(List.of("*.faces.sslip.io"), List.of(
                new RuleInput(List.of(MatchInput.path(PathMatch.prefix("/api"))),
                        List.of(new BackendInput(APEX, 9898, 1, List.of())), List.of(), "Ingress faces/api"),
                new RuleInput(List.of(MatchInput.path(PathMatch.exact("/api/exact"))),
                        List.of(new BackendInput(web, 80, 1, List.of())), List.of(), "Ingress faces/exact"),
                new RuleInput(List.of(MatchInput.path(PathMatch.prefix("/"))),
                        List.of(new BackendInput(web, 80, 1, List.of())), List.of(), "Ingress faces/root")),
                "Ingress faces/faces");
        RouteTable t = RouteTable.build(RouteInputs.of(services, List.of(split(0, 100)), List.of(ingress)));
        var rng = new SplittableRandom(3);
        // /api goes to the apex Service, whose TrafficSplit sends everything to the canary.
        assertThat(forwardedTo(t.route(FakeRequest.get("a.faces.sslip.io", "/api/x?y=1"), rng, EndpointLoad.NONE)).port()).isEqualTo(10002);
        assertThat(forwardedTo(t.route(FakeRequest.get("a.faces.sslip.io", "/api"), rng, EndpointLoad.NONE)).port()).isEqualTo(10002);
        assertThat(forwardedTo(t.route(FakeRequest.get("a.faces.sslip.io:8080", "/api/exact"), rng, EndpointLoad.NONE)).port()).isEqualTo(10003);
        assertThat(forwardedTo(t.route(FakeRequest.get("a.faces.sslip.io", "/apix"), rng, EndpointLoad.NONE)).port()).isEqualTo(10003);
        assertThat(t.route(FakeRequest.get("a.b.faces.sslip.io", "/"), rng, EndpointLoad.NONE)).isInstanceOf(RouteDecision.NotFound.class);
        assertThat(t.route(FakeRequest.get("faces.sslip.io", "/"), rng, EndpointLoad.NONE)).isInstanceOf(RouteDecision.NotFound.class);
    }

    @Test
    void roundRobinAndLeastLoaded() {
        Endpoint a = ep("podinfo", 10001);
        Endpoint b = ep("podinfo", 10002);
        Endpoint c = ep("podinfo", 10003);
        List<ServiceInput> s = List.of(svc(APEX, 80, a, b, c));
        RouteTable rr = RouteTable.build(RouteInputs.of(s, List.of(), List.of()));
        Map<Endpoint, Integer> counts = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            counts.merge(forwardedTo(rr.route(FakeRequest.get("podinfo.test", "/"), new SplittableRandom(1), EndpointLoad.NONE)), 1, Integer::sum);
        }
        assertThat(counts).containsEntry(a, 100).containsEntry(b, 100).containsEntry(c, 100);
        RouteTable ll = RouteTable.build(new RouteInputs(s, List.of(), List.of(), "default", Balancing.LEAST_LOADED));
        EndpointLoad load = e -> e.equals(b) ? 0 : 5;
        for (int i = 0; i < 10; i++) {
            assertThat(forwardedTo(ll.route(FakeRequest.get("podinfo.test", "/"), new SplittableRandom(1), load))).isEqualTo(b);
        }
    }

    @Test
    void mirrorsTheConfiguredShare() {
        RuleInput rule = new RuleInput(List.of(), List.of(BackendInput.of(PRIMARY, 100)),
                List.of(new MirrorInput(CANARY, 0, 25)), "HTTPRoute test/podinfo");
        RouteTable t = RouteTable.build(RouteInputs.of(canaryServices(),
                List.of(new ServicePolicyInput(APEX, List.of(rule), false, "HTTPRoute test/podinfo")), List.of()));
        var rng = new SplittableRandom(11);
        int mirrored = 0;
        for (int i = 0; i < 20_000; i++) {
            RouteDecision.Forward f = (RouteDecision.Forward) t.route(FakeRequest.get("podinfo.test", "/"), rng, EndpointLoad.NONE);
            assertThat(f.endpoint().port()).isEqualTo(10001);
            if (f.mirror() != null) {
                assertThat(f.mirror().endpoint().port()).isEqualTo(10002);
                mirrored++;
            }
        }
        assertThat(mirrored / 20_000.0).isCloseTo(0.25, within(0.02));
    }

    @Test
    void sessionAffinityPinsCookieHoldersAndSetsTheCookieOnCanaryResponses() {
        List<RuleInput> rules = SessionAffinity.rules("HTTPRoute test/podinfo", PRIMARY, 90, CANARY, 10,
                "flagger-cookie", "abcdefghij", Duration.ofHours(24));
        RouteTable t = RouteTable.build(RouteInputs.of(canaryServices(),
                List.of(new ServicePolicyInput(APEX, rules, false, "HTTPRoute test/podinfo")), List.of()));
        var rng = new SplittableRandom(5);
        int toCanary = 0;
        for (int i = 0; i < 2_000; i++) {
            RouteDecision.Forward f = (RouteDecision.Forward) t.route(FakeRequest.get("podinfo.test", "/"), rng, EndpointLoad.NONE);
            if (f.endpoint().port() == 10002) {
                toCanary++;
                assertThat(f.responseHeaders()).containsExactly(
                        new HeaderValue("Set-Cookie", "flagger-cookie=abcdefghij; Max-Age=86400"));
            } else {
                assertThat(f.responseHeaders()).isEmpty();
            }
        }
        assertThat(toCanary).isBetween(140, 260);
        FakeRequest sticky = FakeRequest.get("podinfo.test", "/").with("Cookie", "x=1; flagger-cookie=abcdefghij");
        for (int i = 0; i < 500; i++) {
            assertThat(forwardedTo(t.route(sticky, rng, EndpointLoad.NONE)).port()).isEqualTo(10002);
        }
    }

    @Test
    void ambiguousShortNamesPreferTheDefaultNamespace() {
        Endpoint d = new Endpoint("127.0.0.1", 10005, "default", "web", "");
        Endpoint o = new Endpoint("127.0.0.1", 10006, "other", "web", "");
        List<ServiceInput> s = List.of(svc(new ServiceRef("other", "web"), 80, o), svc(new ServiceRef("default", "web"), 80, d),
                svc(new ServiceRef("a", "api"), 80, o), svc(new ServiceRef("b", "api"), 80, d));
        RouteTable t = RouteTable.build(RouteInputs.of(s, List.of(), List.of()));
        assertThat(forwardedTo(t.route(FakeRequest.get("web", "/"), new SplittableRandom(1), EndpointLoad.NONE))).isEqualTo(d);
        assertThat(t.route(FakeRequest.get("api", "/"), new SplittableRandom(1), EndpointLoad.NONE)).isInstanceOf(RouteDecision.NotFound.class);
        assertThat(t.warnings()).anySatisfy(w -> assertThat(w).contains("'api' is ambiguous"));
    }
}
