package dev.sluice.delivery.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.delivery.routing.kubernetes.KubernetesServiceRouter;
import dev.sluice.delivery.routing.kubernetes.NoopServiceRouter;
import dev.sluice.delivery.routing.smi.SmiRouter;
import dev.sluice.delivery.routing.smi.SmiVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RouterFactoryTest {

    private final RouterFactory factory = new RouterFactory(new TestCluster(), "linkerd", "");

    @ParameterizedTest
    @CsvSource({
            "kubernetes, NopRouter",
            "linkerd, SmiRouter",
            "osm, SmiRouter",
            "smi:v1alpha1, SmiRouter",
            "smi:v1alpha2:istio, SmiRouter",
            "smi:v1alpha3, SmiRouter",
            "smi:v9, IstioRouter",
            "gatewayapi:v1, GatewayApiRouter",
            "gatewayapi:v1beta1, GatewayApiRouter",
            "gatewayapi, GatewayApiRouter",
            "istio, IstioRouter",
            "nginx, NginxRouter",
            "contour, UnsupportedRouter",
            "traefik, UnsupportedRouter",
            "appmesh:v1beta2, UnsupportedRouter",
            "something-else, IstioRouter",
    })
    void picksTheRouterOfEachProvider(String provider, String router) {
        assertThat(factory.trafficRouter(provider).getClass().getSimpleName()).isEqualTo(router);
    }

    @Test
    void smiVersionsAreTheOnesAsked() {
        assertThat(((SmiRouter) factory.trafficRouter("linkerd")).version()).isEqualTo(SmiVersion.V1ALPHA1);
        assertThat(((SmiRouter) factory.trafficRouter("osm")).version()).isEqualTo(SmiVersion.V1ALPHA2);
        assertThat(((SmiRouter) factory.trafficRouter("smi:v1alpha3")).version()).isEqualTo(SmiVersion.V1ALPHA3);
    }

    @Test
    void canaryWithoutProviderUsesTheControllerDefaultAndServiceTargetsGetNoServices() {
        var c = Canaries.parse(Canaries.podinfo("", "", "stepWeight: 10").replace("  provider: \n", ""));
        assertThat(factory.trafficRouter(c)).isInstanceOf(SmiRouter.class);
        assertThat(factory.serviceRouter(c)).isInstanceOf(KubernetesServiceRouter.class);
        var svc = Canaries.parse(Canaries.podinfo("kubernetes", "", "iterations: 10")
                .replace("apiVersion: apps/v1\n    kind: Deployment", "apiVersion: v1\n    kind: Service"));
        assertThat(factory.serviceRouter(svc)).isInstanceOf(NoopServiceRouter.class);
    }

    @Test
    void unsupportedProvidersFailWithTheSupportedList() {
        var c = Canaries.parse(Canaries.podinfo("contour", "", "stepWeight: 10"));
        assertThatThrownBy(() -> factory.trafficRouter(c).reconcile(c)).isInstanceOf(RoutingException.class)
                .hasMessageContaining("provider 'contour' is not supported by Sluice")
                .hasMessageContaining("gatewayapi:v1beta1");
    }

}
