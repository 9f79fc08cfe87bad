package dev.sluice.local.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

/** A request to the ingress controller's Service is routed by its Host header, as NGINX would. */
class IngressControllerAuthorityTest {

    private static NettyRequestView view(String uri, String host) {
        DefaultHttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
        if (host != null) {
            r.headers().set("Host", host);
        }
        return new NettyRequestView(r);
    }

    @Test
    void theSeedsLoadTestRoutesByItsHostHeader() {
        assertThat(view("http://ingress-nginx-controller.ingress-nginx/", "faces-gui.faces.sslip.io").authority())
                .isEqualTo("faces-gui.faces.sslip.io");
        assertThat(view("http://ingress-nginx-controller.ingress-nginx.svc.cluster.local:80/x", "a.faces.sslip.io").authority())
                .isEqualTo("a.faces.sslip.io");
    }

    @Test
    void anyOtherAbsoluteTargetKeepsItsAuthority() {
        assertThat(view("http://face.faces/", "something.else").authority()).isEqualTo("face.faces");
        assertThat(view("/path", "face.faces").authority()).isEqualTo("face.faces");
    }
}
