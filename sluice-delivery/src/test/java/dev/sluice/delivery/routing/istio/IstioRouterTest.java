package dev.sluice.delivery.routing.istio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.KubeObject;
import dev.sluice.api.flagger.Canary;
import dev.sluice.delivery.routing.Canaries;
import dev.sluice.delivery.routing.TestCluster;
import dev.sluice.delivery.routing.Golden;
import dev.sluice.delivery.routing.RoutingException;
import dev.sluice.delivery.routing.StickySession;
import dev.sluice.delivery.routing.TrafficSplit;
import dev.sluice.delivery.routing.support.RouterCluster;
import org.junit.jupiter.api.Test;

class IstioRouterTest {

    private final TestCluster cluster = new TestCluster();
    private final IstioRouter router = new IstioRouter(new RouterCluster(cluster));

    private Canary canary(String service, String analysis) {
        return Canaries.store(cluster, Canaries.podinfo("istio", service, analysis));
    }

    private KubeObject vs() {
        return cluster.require(IstioRouter.VIRTUAL_SERVICE, "test", "podinfo");
    }

    @Test
    void destinationRulesAndWeightedVirtualService() throws Exception {
        Canary c = canary("""
                portDiscovery: true
                gateways: [public-gateway.istio-system.svc.cluster.local]
                hosts: [app.example.com]
                trafficPolicy:
                  tls: {mode: ISTIO_MUTUAL}
                match: [{uri: {prefix: /api}}]
                retries: {attempts: 3, perTryTimeout: 1s, retryOn: "gateway-error,connect-failure"}
                timeout: 5s
                """, "stepWeight: 10");
        router.reconcile(c);
        Golden.assertMatches("routing/istio-destinationrule-canary.yaml",
                cluster.require(IstioRouter.DESTINATION_RULE, "test", "podinfo-canary"));
        router.setRoutes(c, TrafficSplit.of(90, 10), StickySession.NONE);
        Golden.assertMatches("routing/istio-virtualservice-90-10.yaml", vs());
        assertThat(router.routes(c)).isEqualTo(TrafficSplit.of(90, 10));
        int writes = cluster.writes();
        router.reconcile(c);
        assertThat(cluster.writes()).isEqualTo(writes);
    }

    @Test
    void mirroringWithAPercentage() throws Exception {
        Canary c = canary("", "iterations: 10\nmirror: true\nmirrorWeight: 50");
        router.reconcile(c);
        router.setRoutes(c, new TrafficSplit(100, 0, true), StickySession.NONE);
        Golden.assertMatches("routing/istio-virtualservice-mirror.yaml", vs());
        assertThat(router.routes(c)).isEqualTo(new TrafficSplit(100, 0, true));
    }

    @Test
    void abTestingMatchRouteAndPrimaryRoute() throws Exception {
        Canary c = canary("match: [{uri: {prefix: /}}]", """
                iterations: 10
                match:
                  - headers:
                      x-canary: {exact: insider}
                  - headers:
                      cookie: {regex: "^(.*?;)?(canary=always)(;.*)?$"}
                """);
        router.reconcile(c);
        router.setRoutes(c, TrafficSplit.ALL_CANARY, StickySession.NONE);
        Golden.assertMatches("routing/istio-virtualservice-ab.yaml", vs());
        assertThat(router.routes(c)).isEqualTo(TrafficSplit.ALL_CANARY);
    }

    @Test
    void sessionAffinityRoutes() throws Exception {
        Canary c = canary("", "stepWeight: 10\nsessionAffinity: {cookieName: flagger-cookie, maxAge: 21600}");
        router.reconcile(c);
        router.setRoutes(c, TrafficSplit.of(90, 10), new StickySession("flagger-cookie=LpsIaLdoNZ", "", ""));
        Golden.assertMatches("routing/istio-virtualservice-session-10.yaml", vs());
        assertThat(router.routes(c)).isEqualTo(TrafficSplit.of(90, 10));
        router.setRoutes(c, TrafficSplit.ALL_PRIMARY, new StickySession("", "", "flagger-cookie=LpsIaLdoNZ"));
        assertThat(vs().spec().at("/http/0/headers/response/add/Set-Cookie").asText())
                .isEqualTo("flagger-cookie=LpsIaLdoNZ; Max-Age=-1");
        assertThat(router.routes(c)).isEqualTo(TrafficSplit.ALL_PRIMARY);
    }

    @Test
    void tcpServicesGetATcpRoute() throws Exception {
        Canary c = canary("appProtocol: tcp\nmatch: [{port: 9898}]", "stepWeight: 10");
        router.reconcile(c);
        router.setRoutes(c, TrafficSplit.of(50, 50), StickySession.NONE);
        Golden.assertMatches("routing/istio-virtualservice-tcp.yaml", vs());
        assertThat(router.routes(c)).isEqualTo(TrafficSplit.of(50, 50));
    }

    @Test
    void delegationRefusesHostsAndGateways() {
        Canary c = canary("delegation: true\nhosts: [app.example.com]", "stepWeight: 10");
        assertThatThrownBy(() -> router.reconcile(c)).isInstanceOf(RoutingException.class)
                .hasMessage("VirtualService podinfo.test cannot have hosts and gateways when delegation enabled");
    }

    @Test
    void aTakenOverVirtualServiceKeepsItsOriginalAndIsRestoredOnRevert() throws Exception {
        cluster.put("""
                apiVersion: networking.istio.io/v1beta1
                kind: VirtualService
                metadata: {name: podinfo, namespace: test}
                spec:
                  hosts: [podinfo]
                  http: [{route: [{destination: {host: podinfo}}]}]
                """);
        Canary c = canary("", "stepWeight: 10");
        router.reconcile(c);
        KubeObject taken = vs();
        assertThat(taken.ownerReferences()).as("not owned, so deleting the Canary keeps it").isEmpty();
        assertThat(taken.annotations().get(IstioRouter.ORIGINAL))
                .isEqualTo("{\"hosts\":[\"podinfo\"],\"http\":[{\"route\":[{\"destination\":{\"host\":\"podinfo\"}}]}]}");
        assertThat(router.routes(c)).isEqualTo(TrafficSplit.ALL_PRIMARY);
        router.revert(c);
        assertThat(vs().spec().toString()).isEqualTo(
                "{\"hosts\":[\"podinfo\"],\"http\":[{\"route\":[{\"destination\":{\"host\":\"podinfo\"}}]}]}");
    }
}
