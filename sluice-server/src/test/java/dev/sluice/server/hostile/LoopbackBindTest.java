package dev.sluice.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.ResourceTypes;
import dev.sluice.cluster.embedded.EmbeddedCluster;
import dev.sluice.server.api.ApiServer;
import dev.sluice.server.api.TokenAuth;
import dev.sluice.server.context.ServerContext;
import dev.sluice.server.dashboard.Dashboard;
import dev.sluice.server.dashboard.DashboardSources;
import dev.sluice.server.embedded.EmbeddedConfig;
import dev.sluice.server.observe.TickStore;
import dev.sluice.testkit.ManualClock;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API and the dashboard listen on 127.0.0.1 unless told otherwise: nothing answers on the
 * machine's other addresses, and on loopback the dashboard answers only loopback Host names (no DNS
 * rebinding from a web page).
 */
class LoopbackBindTest {

    @Test
    void embeddedModeListensOnLoopbackOnTheCliDefaultPort() {
        InetSocketAddress a = EmbeddedConfig.defaults(Path.of("state")).api();
        assertThat(a.getAddress().isLoopbackAddress()).isTrue();
        assertThat(a.getAddress().isAnyLocalAddress()).isFalse();
        assertThat(a.getPort()).isEqualTo(ServerContext.DEFAULT_SERVER.getPort());
        assertThat(ServerContext.DEFAULT_SERVER.getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void nothingAnswersOnOtherInterfacesAndForeignHostNamesAreRefused() throws Exception {
        ManualClock clock = ManualClock.atEpochOfTests();
        try (EmbeddedCluster cluster = EmbeddedCluster.inMemory(clock, new SplittableRandom(1));
             ApiServer api = ApiServer.start(new InetSocketAddress("127.0.0.1", 0), cluster, ResourceTypes.builtIn(), TokenAuth.of("t"))) {
            Dashboard dashboard = Dashboard.mount(api, cluster, DashboardSources.of(TokenAuth.of("t"), clock, new TickStore()));
            int port = api.address().getPort();
            assertThat(api.address().getAddress().isLoopbackAddress()).isTrue();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/sluice/v1/info"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(statusLine(port, "evil.example:" + port)).contains(" 403 ");
            assertThat(statusLine(port, "localhost:" + port)).contains(" 200 ");

            Optional<InetAddress> external = externalAddress();
            Assumptions.assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to try");
            assertThatThrownBy(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(external.get(), port), 2_000);
                }
            }).as("connecting via " + external.get()).isInstanceOf(IOException.class);
            dashboard.close();
        }
    }

    /** A raw request, since the JDK's HTTP client will not send a foreign Host header. */
    private static String statusLine(int port, String host) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write(("GET /api/sluice/v1/info HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
        }
    }

    private static Optional<InetAddress> externalAddress() throws IOException {
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nif.isUp() || nif.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }
}
