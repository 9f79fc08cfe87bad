package dev.sluice.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.sluice.api.ObjectKey;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Opening gates on a load tester stand-in (JDK HttpServer on loopback), as flagger-loadtester answers. */
class LoadTesterGatesTest {

    private static final ObjectKey CANARY = ObjectKey.of("flagger.app", "Canary", "faces", "faces-gui");

    private HttpServer loadTester;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private volatile int status = 202;
    private LoadTesterGates gates;

    @BeforeEach
    void start() throws IOException {
        loadTester = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        loadTester.createContext("/", h -> {
            try (h) {
                received.add(h.getRequestMethod() + " " + h.getRequestURI().getPath() + " "
                        + new String(h.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                byte[] body = (status == 202 ? "" : "gate store unavailable").getBytes(StandardCharsets.UTF_8);
                h.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    h.getResponseBody().write(body);
                }
            }
        });
        loadTester.start();
        int port = loadTester.getAddress().getPort();
        // The webhook names the Service; the rewrite sends it to the stand-in, as embedded mode does with the mesh.
        gates = new LoadTesterGates(HttpClient.newHttpClient(),
                u -> URI.create("http://127.0.0.1:" + port + u.getRawPath()));
    }

    @AfterEach
    void stop() {
        loadTester.stop(0);
    }

    @Test
    void postsNameAndNamespaceToGateOpen() {
        String message = gates.open(CANARY, "approve-promotion", "http://flagger-loadtester.faces/gate/check");
        assertThat(received).containsExactly("POST /gate/open {\"name\":\"faces-gui\",\"namespace\":\"faces\"}");
        assertThat(message).startsWith("gate opened for faces-gui.faces");
    }

    @Test
    void refusalsAndBadUrlsAreExplained() {
        status = 500;
        assertThatThrownBy(() -> gates.open(CANARY, "approve", "http://flagger-loadtester.faces/gate/check"))
                .isInstanceOf(GateApprover.GateException.class)
                .hasMessageEndingWith("answered 500: gate store unavailable");
        assertThatThrownBy(() -> gates.open(CANARY, "approve", "/gate/check"))
                .hasMessage("webhook approve has URL '/gate/check', which is not an absolute http URL");
        assertThatThrownBy(() -> GateApprover.NONE.open(CANARY, "approve", "http://x/gate/check"))
                .hasMessageContaining("no load tester is connected to this server")
                .hasMessageContaining("{\"name\":\"faces-gui\",\"namespace\":\"faces\"}");
    }

    @Test
    void anUnreachableLoadTesterIsNamed() {
        LoadTesterGates direct = new LoadTesterGates(HttpClient.newHttpClient(), u -> URI.create("http://127.0.0.1:1/gate/open"));
        assertThatThrownBy(() -> direct.open(CANARY, "approve", "http://flagger-loadtester.faces/gate/check"))
                .hasMessageStartingWith("cannot reach the load tester at http://127.0.0.1:1/gate/open");
    }
}
