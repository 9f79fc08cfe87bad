package dev.sluice.delivery.routing.nginx;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NginxRouterTest {

    static final String INGRESS = """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: podinfo
              namespace: test
              labels: {app: podinfo}
              annotations:
                kubernetes.io/ingress.class: nginx
                kubectl.kubernetes.io/last-applied-configuration: "{}"
            spec:
              rules:
                - host: app.example.com
                  http:
                    paths:
                      - path: /
                        pathType: Prefix
                        backend:
                          service:
                            name: podinfo
                            port:
                              number: 9898
            """;

    private final TestCluster cluster = new TestCluster();
    private final NginxRouter router = new NginxRouter(new RouterCluster(cluster), NginxRouter.DEFAULT_PREFIX);

    @BeforeEach
    void ingress() {
        cluster.put(INGRESS);
    }

    private Canary canary(String analysis) {
        return Canaries.store(cluster, Canaries.podinfo("nginx", "", analysis).replace("  service:\n",
                "  ingressRef:\n    apiVersion: networking.k8s.io/v1\n    kind: Ingress\n    name: podinfo\n  service:\n"));
    }

    private KubeObject stored() {
        return cluster.require(NginxRouter.KIND, "test", "podinfo-canary");
    }

    @Test
    void clonesTheIngressAndShiftsTheWeight() throws Exception {
        Canary c = canary("stepWeight: 10");
        router.reconcile(c);
        Golden.assertMatches("routing/ingress-canary-initial.yaml", stored());
        assertThat(router.routes(c)).isEqualTo(TrafficSplit.ALL_PRIMARY);

        router.setRoutes(c, TrafficSplit.of(80, 20), StickySession.NONE);
        Golden.assertMatches("routing/ingress-canary-80-20.yaml", stored());
        assertThat(router.routes(c)).isEqualTo(TrafficSplit.of(80, 20));

        int writes = cluster.writes();
        router.reconcile(c);
        assertThat(cluster.writes()).as("reconcile keeps the weight").isEqualTo(writes);

        router.setRoutes(c, TrafficSplit.ALL_PRIMARY, StickySession.NONE);
        Golden.assertMatches("routing/ingress-canary-initial.yaml", stored());
    }

    @Test
    void abTestingUsesHeaderAndCookieAnnotationsAndRollbackRemovesThem() throws Exception {
        Canary c = canary("""
                iterations: 10
                match:
                  - headers:
                      x-canary:
                        exact: "insider"
                  - headers:
                      cookie:
                        exact: "canary"
                """);
        router.reconcile(c);
        router.setRoutes(c, TrafficSplit.ALL_CANARY, StickySession.NONE);
        Golden.assertMatches("routing/ingress-canary-ab.yaml", stored());
        assertThat(router.routes(c)).isEqualTo(TrafficSplit.ALL_CANARY);

        router.setRoutes(c, TrafficSplit.ALL_PRIMARY, StickySession.NONE);
        assertThat(stored().annotations()).doesNotContainKeys("nginx.ingress.kubernetes.io/canary-by-header",
                "nginx.ingress.kubernetes.io/canary-by-cookie", "nginx.ingress.kubernetes.io/canary-by-header-value");
        assertThat(router.routes(c)).isEqualTo(TrafficSplit.ALL_PRIMARY);
    }

    @Test
    void aRegexHeaderBecomesAPattern() throws Exception {
        Canary c = canary("iterations: 10\nmatch:\n  - headers: {user-agent: {regex: \".*Firefox.*\"}}\n");
        router.reconcile(c);
        router.setRoutes(c, TrafficSplit.ALL_CANARY, StickySession.NONE);
        assertThat(stored().annotations())
                .containsEntry("nginx.ingress.kubernetes.io/canary-by-header", "user-agent")
                .containsEntry("nginx.ingress.kubernetes.io/canary-by-header-pattern", ".*Firefox.*")
                .doesNotContainKey("nginx.ingress.kubernetes.io/canary-by-header-value");
    }

    @Test
    void clearErrors() {
        Canary noRef = Canaries.store(cluster, Canaries.podinfo("istio", "", "stepWeight: 10"));
        assertThatThrownBy(() -> router.reconcile(noRef)).isInstanceOf(RoutingException.class)
                .hasMessageContaining("ingress selector is empty");
        Canary c = Canaries.parse(Canaries.podinfo("nginx", "", "stepWeight: 10").replace("  service:\n",
                "  ingressRef:\n    name: podinfo\n  service:\n"));
        cluster.update(cluster.require(NginxRouter.KIND, "test", "podinfo").edit(n -> ((com.fasterxml.jackson.databind.node.ObjectNode)
                n.at("/spec/rules/0/http/paths/0/backend/service")).put("name", "other")));
        assertThatThrownBy(() -> router.reconcile(c)).isInstanceOf(RoutingException.class)
                .hasMessage("backend podinfo not found in ingress podinfo");
        assertThatThrownBy(() -> router.routes(c)).isInstanceOf(RoutingException.class)
                .hasMessage("ingress podinfo-canary.test get query error: not found");
    }
}
