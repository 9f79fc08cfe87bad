package dev.sluice.delivery.routing.smi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.GroupKind;
import dev.sluice.api.flagger.Canary;
import dev.sluice.delivery.routing.Canaries;
import dev.sluice.delivery.routing.TestCluster;
import dev.sluice.delivery.routing.Golden;
import dev.sluice.delivery.routing.RoutingException;
import dev.sluice.delivery.routing.StickySession;
import dev.sluice.delivery.routing.TrafficSplit;
import dev.sluice.delivery.routing.support.RouterCluster;
import org.junit.jupiter.api.Test;

class SmiRouterTest {

    private final TestCluster cluster = new TestCluster();

    private SmiRouter router(SmiVersion v, String mesh) {
        return new SmiRouter(new RouterCluster(cluster), v, mesh);
    }

    private Canary canary(String service, String analysis) {
        return Canaries.store(cluster, Canaries.podinfo("linkerd", service, analysis.isEmpty() ? "stepWeight: 10" : analysis));
    }

    @Test
    void linkerdWritesV1alpha1WithQuantityWeightsAndKeepsThemOnReconcile() throws Exception {
        Canary c = canary("", "");
        SmiRouter r = router(SmiVersion.V1ALPHA1, "");
        r.reconcile(c);
        Golden.assertMatches("routing/smi-v1alpha1-initial.yaml", cluster.require(SmiRouter.KIND, "test", "podinfo"));
        assertThat(r.routes(c)).isEqualTo(TrafficSplit.ALL_PRIMARY);

        r.setRoutes(c, TrafficSplit.of(90, 10), StickySession.NONE);
        Golden.assertMatches("routing/smi-v1alpha1-90-10.yaml", cluster.require(SmiRouter.KIND, "test", "podinfo"));
        assertThat(r.routes(c)).isEqualTo(TrafficSplit.of(90, 10));

        int writes = cluster.writes();
        r.reconcile(c);
        r.setRoutes(c, TrafficSplit.of(90, 10), StickySession.NONE);
        assertThat(cluster.writes()).as("reconcile keeps weights; same split twice changes nothing").isEqualTo(writes);
        assertThat(r.routes(c)).isEqualTo(TrafficSplit.of(90, 10));
    }

    @Test
    void osmWritesIntegerWeightsAndHostsFirstEntryAsService() throws Exception {
        Canary c = canary("hosts: [podinfo.example.com, other]", "");
        SmiRouter r = router(SmiVersion.V1ALPHA2, "");
        r.reconcile(c);
        r.setRoutes(c, TrafficSplit.of(60, 40), StickySession.NONE);
        Golden.assertMatches("routing/smi-v1alpha2-60-40.yaml", cluster.require(SmiRouter.KIND, "test", "podinfo"));
        assertThat(r.routes(c)).isEqualTo(TrafficSplit.of(60, 40));
    }

    @Test
    void v1alpha3ExpressesAbTestingWithAnHttpRouteGroup() throws Exception {
        Canary c = Canaries.store(cluster, Canaries.podinfo("smi:v1alpha3", "", """
                iterations: 10
                match:
                  - headers:
                      x-canary:
                        exact: "insider"
                  - headers:
                      user-agent:
                        regex: ".*Firefox.*"
                """));
        SmiRouter r = router(SmiVersion.V1ALPHA3, "");
        r.reconcile(c);
        r.setRoutes(c, TrafficSplit.ALL_CANARY, StickySession.NONE);
        Golden.assertMatches("routing/smi-v1alpha3-ab.yaml", cluster.require(SmiRouter.KIND, "test", "podinfo"));
        Golden.assertMatches("routing/smi-v1alpha3-ab-group.yaml",
                cluster.require(GroupKind.of("specs.smi-spec.io", "HTTPRouteGroup"), "test", "podinfo"));
        assertThat(r.routes(c)).isEqualTo(TrafficSplit.ALL_CANARY);
    }

    @Test
    void v1alpha1RefusesAbTestingRatherThanSendingEveryoneToTheCanary() {
        Canary c = canary("", "iterations: 10\nmatch:\n  - headers: {x-canary: {exact: insider}}\n");
        assertThatThrownBy(() -> router(SmiVersion.V1ALPHA1, "").reconcile(c))
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining("A/B testing").hasMessageContaining("smi:v1alpha3");
        assertThat(cluster.all()).as("nothing routed").isEmpty();
    }

    @Test
    void istioTargetMeshGetsTheGatewaysAnnotation() throws Exception {
        Canary c = canary("gateways: [public-gateway.istio-system.svc.cluster.local]", "");
        router(SmiVersion.V1ALPHA1, "istio").reconcile(c);
        assertThat(cluster.require(SmiRouter.KIND, "test", "podinfo").annotations())
                .containsEntry("VirtualService.v1alpha3.networking.istio.io/spec.gateways",
                        "[\"public-gateway.istio-system.svc.cluster.local\"]");
    }

    @Test
    void routesFailsClearlyWhenTheSplitIsMissingOrRoutesNeitherBackend() throws Exception {
        Canary c = canary("", "");
        SmiRouter r = router(SmiVersion.V1ALPHA2, "");
        assertThatThrownBy(() -> r.routes(c)).isInstanceOf(RoutingException.class)
                .hasMessage("TrafficSplit podinfo.test get query error: not found");
        cluster.put("""
                apiVersion: split.smi-spec.io/v1alpha2
                kind: TrafficSplit
                metadata: {name: podinfo, namespace: test}
                spec: {service: podinfo, backends: [{service: other, weight: 100}]}
                """);
        assertThatThrownBy(() -> r.routes(c)).isInstanceOf(RoutingException.class)
                .hasMessage("TrafficSplit podinfo.test does not contain routes for podinfo-primary and podinfo-canary");
    }

    @Test
    void setRoutesNeedsTheSplitToExist() {
        Canary c = canary("", "");
        assertThatThrownBy(() -> router(SmiVersion.V1ALPHA1, "").setRoutes(c, TrafficSplit.ALL_CANARY, StickySession.NONE))
                .isInstanceOf(RoutingException.class).hasMessageContaining("not found");
    }

    @Test
    void readsWeightsThatDoNotAddUpToOneHundredAsPercentages() {
        Canary c = Canaries.parse(Canaries.podinfo("linkerd", "", "stepWeight: 10"));
        var ts = dev.sluice.api.KubeObject.parse("""
                apiVersion: split.smi-spec.io/v1alpha4
                kind: TrafficSplit
                metadata: {name: podinfo, namespace: test}
                spec: {service: podinfo, backends: [{service: podinfo-primary, weight: 1000}, {service: podinfo-canary, weight: 500}]}
                """);
        assertThat(SmiRouter.weights(c, ts)).isEqualTo(TrafficSplit.of(67, 33));
    }
}
