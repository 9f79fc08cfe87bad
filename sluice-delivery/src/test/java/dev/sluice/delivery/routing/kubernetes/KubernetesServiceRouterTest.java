package dev.sluice.delivery.routing.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.KubeObject;
import dev.sluice.api.flagger.Canary;
import dev.sluice.delivery.routing.Canaries;
import dev.sluice.delivery.routing.TestCluster;
import dev.sluice.delivery.routing.Golden;
import dev.sluice.delivery.routing.ServiceRouter.WorkloadSelector;
import dev.sluice.delivery.routing.TrafficSplit;
import dev.sluice.delivery.routing.support.RouterCluster;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubernetesServiceRouterTest {

    private final TestCluster cluster = new TestCluster();
    private final KubernetesServiceRouter router = new KubernetesServiceRouter(new RouterCluster(cluster));
    private final WorkloadSelector app = new WorkloadSelector("app", "podinfo", Map.of());

    private KubeObject service(String name) {
        return cluster.require(KubernetesServiceRouter.SERVICE, "test", name);
    }

    @Test
    void generatesCanaryPrimaryAndApexServices() throws Exception {
        Canary c = Canaries.store(cluster, Canaries.podinfo("kubernetes", """
                portName: http-podinfo
                targetPort: http
                appProtocol: http
                portDiscovery: true
                canary:
                  labels: {tier: canary}
                  annotations: {note: canary-service}
                """, "iterations: 10"));
        WorkloadSelector discovered = new WorkloadSelector("app", "podinfo", Map.of("metrics", 9797, "grpc", 9999));
        router.ensureServices(c, discovered);
        router.pointApexToPrimary(c, discovered);
        Golden.assertMatches("routing/service-canary.yaml", service("podinfo-canary"));
        Golden.assertMatches("routing/service-primary.yaml", service("podinfo-primary"));
        Golden.assertMatches("routing/service-apex.yaml", service("podinfo"));
        int writes = cluster.writes();
        router.ensureServices(c, discovered);
        router.pointApexToPrimary(c, discovered);
        assertThat(cluster.writes()).as("idempotent").isEqualTo(writes);
    }

    @Test
    void headlessAndTrafficDistribution() throws Exception {
        Canary c = Canaries.store(cluster, Canaries.podinfo("kubernetes",
                "headless: true\ntrafficDistribution: PreferClose", "iterations: 10"));
        router.ensureServices(c, app);
        KubeObject svc = service("podinfo-canary");
        assertThat(svc.spec().path("clusterIP").asText()).isEqualTo("None");
        assertThat(svc.spec().path("trafficDistribution").asText()).isEqualTo("PreferClose");
        assertThat(svc.spec().at("/ports/0/targetPort").asInt()).isEqualTo(9898);
    }

    @Test
    void takesOverAnExistingApexKeepingNodePortsAndItsMetadata() throws Exception {
        cluster.put("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: podinfo
                  namespace: test
                  labels: {team: a}
                  annotations:
                    kubectl.kubernetes.io/last-applied-configuration: '{"spec":{"selector":{"app":"podinfo"}}}'
                spec:
                  type: NodePort
                  selector: {app: podinfo}
                  ports:
                    - {name: http, port: 80, targetPort: 9898, nodePort: 30080}
                """);
        Canary c = Canaries.store(cluster, Canaries.podinfo("kubernetes", "apex: {labels: {x: y}}", "iterations: 10"));
        router.pointApexToPrimary(c, app);
        KubeObject apex = service("podinfo");
        assertThat(apex.spec().path("selector")).hasToString("{\"app\":\"podinfo-primary\"}");
        assertThat(apex.spec().path("ports")).hasToString(
                "[{\"name\":\"http\",\"protocol\":\"TCP\",\"port\":9898,\"targetPort\":9898,\"nodePort\":30080}]");
        assertThat(apex.spec().path("type").asText()).isEqualTo("NodePort");
        assertThat(apex.labels()).isEqualTo(Map.of("team", "a"));
        assertThat(apex.ownerReferences()).isEmpty();
        assertThat(apex.annotations()).containsEntry("kustomize.toolkit.fluxcd.io/reconcile", "disabled");

        int writes = cluster.writes();
        router.pointApexToPrimary(c, app);
        assertThat(cluster.writes()).isEqualTo(writes);

        router.revertApex(c, app);
        assertThat(service("podinfo").spec().path("selector")).hasToString("{\"app\":\"podinfo\"}");
    }

    @Test
    void ownedServicesKeepUnmanagedMetadata() throws Exception {
        Canary c = Canaries.store(cluster, Canaries.podinfo("kubernetes",
                "unmanagedMetadata: {annotations: [cloud.example.com/lb]}", "iterations: 10"));
        router.ensureServices(c, app);
        KubeObject canary = service("podinfo-canary");
        cluster.update(canary.edit(n -> n.withObjectProperty("metadata").withObjectProperty("annotations")
                .put("cloud.example.com/lb", "abc").put("other", "x")));
        router.ensureServices(c, app);
        assertThat(service("podinfo-canary").annotations()).containsEntry("cloud.example.com/lb", "abc");
    }

    @Test
    void aServiceTargetNeedsNoGeneratedServicesAndNopRouterFollowsIterations() throws Exception {
        new NoopServiceRouter().ensureServices(null, app);
        assertThat(cluster.all()).isEmpty();
        Canary c = Canaries.parse(Canaries.podinfo("kubernetes", "", "iterations: 10"));
        NopRouter nop = new NopRouter();
        assertThat(nop.routes(c)).isEqualTo(TrafficSplit.ALL_PRIMARY);
        Canary iterating = c.withStatus(dev.sluice.api.flagger.CanaryStatus.fromNode(
                dev.sluice.api.Json.parseObject("{\"phase\":\"Progressing\",\"iterations\":1}")));
        assertThat(nop.routes(iterating)).isEqualTo(TrafficSplit.ALL_CANARY);
    }
}
