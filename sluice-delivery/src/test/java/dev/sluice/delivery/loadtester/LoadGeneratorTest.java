package dev.sluice.delivery.loadtester;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.delivery.net.HttpProxy;
import dev.sluice.delivery.net.TestServer;
import java.net.InetSocketAddress;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {

    private final TestServer backend;

    LoadGeneratorTest() throws Exception {
        backend = new TestServer();
        backend.always("/ok", 200, "hello").always("/fail", 500, "boom");
    }

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void countModeSendsExactlyNRequestsOverCWorkers() throws Exception {
        LoadReport r = new LoadGenerator(Pacer.real(), System::nanoTime, null)
                .run(HeyCommand.parse("hey -n 40 -c 4 " + backend.url() + "/ok"));
        assertThat(r.total()).isEqualTo(40);
        assertThat(r.statuses()).isEqualTo(Map.of(200, 40L));
        assertThat(backend.requests()).hasSize(40);
        assertThat(r.percentile(0.99)).isPositive().isGreaterThanOrEqualTo(r.percentile(0.5));
        assertThat(r.summary()).startsWith("40 requests in ");
    }

    @Test
    void durationModeWithARatePerWorkerIsExactOnAVirtualPacer() throws Exception {
        LoadReport r = new LoadGenerator(Pacer.virtual(), System::nanoTime, null)
                .run(HeyCommand.parse("hey -z 10s -q 5 -c 2 " + backend.url() + "/fail"));
        assertThat(r.total()).as("2 workers x 5 rps x 10 s").isEqualTo(100);
        assertThat(r.statuses()).isEqualTo(Map.of(500, 100L));
        assertThat(r.elapsed().toMillis()).isEqualTo(10_000);
    }

    @Test
    void methodHeadersHostAndBodyAreSent() throws Exception {
        new LoadGenerator(Pacer.real(), System::nanoTime, null).run(HeyCommand.parse("hey -n 1 -c 1 -m POST "
                + "-H 'X-Canary: insider' -host app.example.com -d 'hi there' -T text/plain " + backend.url() + "/ok"));
        TestServer.Request req = backend.last();
        assertThat(req.method()).isEqualTo("POST");
        assertThat(req.header("Host")).isEqualTo("app.example.com");
        assertThat(req.header("X-Canary")).isEqualTo("insider");
        assertThat(req.header("Content-Type")).isEqualTo("text/plain");
        assertThat(req.body()).isEqualTo("hi there");
    }

    @Test
    void clusterInternalHostsGoThroughTheProxyInAbsoluteForm() throws Exception {
        var proxy = new HttpProxy(new InetSocketAddress("127.0.0.1", backend.port()), HttpProxy::looksClusterInternal);
        backend.always("/", 200, "");
        LoadReport r = new LoadGenerator(Pacer.real(), System::nanoTime, proxy)
                .run(HeyCommand.parse("hey -n 3 -c 1 http://podinfo-canary.test:9898/"));
        assertThat(r.statuses()).isEqualTo(Map.of(200, 3L));
        assertThat(backend.last().uri()).isEqualTo("http://podinfo-canary.test:9898/");
        assertThat(backend.last().header("Host")).isEqualTo("podinfo-canary.test:9898");
    }

    @Test
    void connectionFailuresAreCountedAsErrors() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        LoadReport r = new LoadGenerator(Pacer.real(), System::nanoTime, null)
                .run(HeyCommand.parse("hey -n 5 -c 1 http://127.0.0.1:" + port + "/"));
        assertThat(r.total()).isEqualTo(5);
        assertThat(r.responses()).isZero();
        assertThat(r.errors().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(5);
    }
}
