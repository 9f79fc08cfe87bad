package dev.sluice.local.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.sluice.local.mesh.route.BackendInput;
import dev.sluice.local.mesh.route.Endpoint;
import dev.sluice.local.mesh.route.MatchInput;
import dev.sluice.local.mesh.route.MirrorInput;
import dev.sluice.local.mesh.route.RouteInputs;
import dev.sluice.local.mesh.route.RouteTable;
import dev.sluice.local.mesh.route.RuleInput;
import dev.sluice.local.mesh.route.ServiceInput;
import dev.sluice.local.mesh.route.ServicePolicyInput;
import dev.sluice.local.mesh.route.ServiceRef;
import dev.sluice.local.mesh.route.SessionAffinity;
import dev.sluice.local.mesh.route.StringMatch;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MeshProxyIT {

    static {
        LeakWatch.install();
    }

    static final ServiceRef APEX = new ServiceRef("test", "podinfo");
    static final ServiceRef PRIMARY = new ServiceRef("test", "podinfo-primary");
    static final ServiceRef CANARY = new ServiceRef("test", "podinfo-canary");
    static final ServiceRef EMPTY = new ServiceRef("test", "empty");

    static TestBackend primary;
    static TestBackend canary;
    MeshProxy proxy;
    HttpClient client;

    @BeforeAll
    static void backends() throws IOException {
        primary = new TestBackend("primary");
        canary = new TestBackend("canary");
    }

    @AfterAll
    static void stopBackendsAndCheckLeaks() {
        primary.close();
        canary.close();
        assertThat(LeakWatch.leaks()).isEmpty();
    }

    @BeforeEach
    void start() throws InterruptedException {
        proxy = MeshProxy.start(MeshProxyConfig.defaults().withRandom(new Random(42)).withIoThreads(2));
        assertThat(proxy.transport()).isEqualTo(io.netty.channel.uring.IoUring.isAvailable() ? "io_uring"
                : io.netty.channel.epoll.Epoll.isAvailable() ? "epoll" : "nio");
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.port())))
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() {
        client.close();
        proxy.close();
        primary.requests.set(0);
        canary.requests.set(0);
        primary.bodies.clear();
        canary.bodies.clear();
    }

    static Endpoint ep(TestBackend b, String deployment) {
        return new Endpoint("127.0.0.1", b.port(), "test", deployment, deployment + "-0");
    }

    static List<ServiceInput> services() {
        return List.of(
                new ServiceInput(APEX, List.of(new ServiceInput.Port("http", 9898, List.of(ep(primary, "podinfo-primary"))))),
                new ServiceInput(PRIMARY, List.of(new ServiceInput.Port("http", 9898, List.of(ep(primary, "podinfo-primary"))))),
                new ServiceInput(CANARY, List.of(new ServiceInput.Port("http", 9898, List.of(ep(canary, "podinfo"))))),
                new ServiceInput(EMPTY, List.of(new ServiceInput.Port("http", 80, List.of()))));
    }

    static RouteTable split(long primaryWeight, long canaryWeight) {
        return RouteTable.build(RouteInputs.of(services(), List.of(new ServicePolicyInput(APEX, List.of(
                RuleInput.weighted("test split", BackendInput.of(PRIMARY, primaryWeight), BackendInput.of(CANARY, canaryWeight))),
                true, "test split")), List.of()));
    }

    static RouteTable policy(List<RuleInput> rules) {
        return RouteTable.build(RouteInputs.of(services(), List.of(new ServicePolicyInput(APEX, rules, false, "test")), List.of()));
    }

    HttpResponse<String> get(String url, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void weightedSplitOverRealBackendsAndMetricsPerWorkload() throws Exception {
        proxy.updateRoutes(split(70, 30));
        int n = 20_000;
        int toCanary = 0;
        for (int i = 0; i < n; i++) {
            HttpResponse<String> r = get("http://podinfo.test:9898/");
            assertThat(r.statusCode()).isEqualTo(200);
            if (r.body().equals("canary")) {
                toCanary++;
            }
        }
        assertThat(toCanary / (double) n).isCloseTo(0.30, within(0.02));
        assertThat(canary.requests.get()).isEqualTo(toCanary);
        long canaryCount = toCanary;
        var inbound = proxy.metrics().snapshot(java.time.Instant.now()).series().stream()
                .filter(s -> s.key().direction().equals("inbound")).toList();
        assertThat(inbound).anySatisfy(s -> {
            assertThat(s.key().deployment()).isEqualTo("podinfo");
            assertThat(s.requests()).isEqualTo(canaryCount);
            assertThat(s.statuses().get(0).successes()).isEqualTo(canaryCount);
        });
    }

    /** The fallbacks stay tested where io_uring is the default: every transport that loads here proxies and swaps. */
    @Test
    void everyTransportThatLoadsHereProxiesStreamsAndSwaps() throws Exception {
        List<String> loaded = new java.util.ArrayList<>(List.of("nio"));
        if (io.netty.channel.epoll.Epoll.isAvailable()) {
            loaded.add("epoll");
        }
        if (io.netty.channel.uring.IoUring.isAvailable()) {
            loaded.add("io_uring");
        }
        for (String transport : loaded) {
            try (MeshProxy p = MeshProxy.start(MeshProxyConfig.defaults().withIoThreads(2).withTransport(transport));
                 HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                         .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", p.port()))).build()) {
                assertThat(p.transport()).isEqualTo(transport);
                for (long[] w : new long[][] {{100, 0}, {0, 100}}) {
                    p.updateRoutes(split(w[0], w[1]));
                    for (int i = 0; i < 50; i++) {
                        HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create("http://podinfo.test:9898/"))
                                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                        assertThat(r.body()).as(transport).isEqualTo(w[0] == 100 ? "primary" : "canary");
                    }
                }
                byte[] big = new byte[2 * 1024 * 1024];
                new Random(7).nextBytes(big);
                HttpResponse<byte[]> echoed = c.send(HttpRequest.newBuilder(URI.create("http://podinfo.test:9898/"))
                        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(echoed.statusCode()).as(transport).isEqualTo(200);
                assertThat(echoed.body()).as(transport).isEqualTo(big);
            }
        }
    }

    @Test
    void headerAndCookieMatchesRouteEveryMatchingRequest() throws Exception {
        proxy.updateRoutes(policy(List.of(
                new RuleInput(List.of(MatchInput.header("x-canary", StringMatch.exact("insider")),
                        MatchInput.cookie("canary", StringMatch.exact("always"))),
                        List.of(BackendInput.of(CANARY, 1)), List.of(), "ab"),
                RuleInput.weighted("rest", BackendInput.of(PRIMARY, 1)))));
        for (int i = 0; i < 300; i++) {
            assertThat(get("http://podinfo.test:9898/", "X-Canary", "insider").body()).isEqualTo("canary");
            assertThat(get("http://podinfo.test:9898/", "Cookie", "a=b; canary=always").body()).isEqualTo("canary");
            assertThat(get("http://podinfo.test:9898/").body()).isEqualTo("primary");
        }
    }

    @Test
    void unknownHostIs404AndNoEndpointIs503WithClearBodies() throws Exception {
        proxy.updateRoutes(split(100, 0));
        HttpResponse<String> notFound = get("http://nowhere.test/");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.body()).isEqualTo("no Service, Ingress or HTTPRoute matches host 'nowhere.test'\n");
        HttpResponse<String> unavailable = get("http://empty.test/");
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.body()).isEqualTo("Service empty.test has no ready endpoint for port 80\n");
        assertThat(unavailable.headers().firstValue("l5d-proxy-error")).hasValue("Service empty.test has no ready endpoint for port 80");
        assertThat(get("http://podinfo.test:9898/").statusCode()).isEqualTo(200); // the connection still works
    }

    @Test
    void forwardingHeadersAndOriginFormTarget() throws Exception {
        proxy.updateRoutes(split(100, 0));
        HttpResponse<String> r = get("http://podinfo.test:9898/a/b?c=d");
        assertThat(r.headers().firstValue("x-seen-xff")).hasValue("127.0.0.1");
        assertThat(r.headers().firstValue("x-seen-proto")).hasValue("http");
        assertThat(r.headers().firstValue("x-seen-host")).hasValue("podinfo.test:9898");
        assertThat(r.headers().firstValue("x-seen-uri")).hasValue("/a/b?c=d");
    }

    @Test
    void mirrorGetsACopyWhoseResponseIsDiscarded() throws Exception {
        proxy.updateRoutes(policy(List.of(new RuleInput(List.of(), List.of(BackendInput.of(PRIMARY, 1)),
                List.of(new MirrorInput(CANARY, 0, 100)), "mirror"))));
        for (int i = 0; i < 50; i++) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://podinfo.test:9898/"))
                    .POST(HttpRequest.BodyPublishers.ofString("hello " + i)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.headers().firstValue("x-backend")).hasValue("primary");
            assertThat(r.body()).isEqualTo("hello " + i);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> canary.requests.get() == 50);
        assertThat(canary.bodies).contains("hello 0", "hello 49").hasSize(50);
    }

    @Test
    void stickySessionKeepsCookieHoldersOnTheCanary() throws Exception {
        proxy.updateRoutes(policy(SessionAffinity.rules("sticky", PRIMARY, 50, CANARY, 50, "flagger-cookie", "k2h4j5l6m7",
                Duration.ofHours(1))));
        HttpResponse<String> first;
        int tries = 0;
        do {
            first = get("http://podinfo.test:9898/");
            tries++;
        } while (!first.body().equals("canary") && tries < 100);
        assertThat(first.headers().firstValue("set-cookie")).hasValue("flagger-cookie=k2h4j5l6m7; Max-Age=3600");
        for (int i = 0; i < 200; i++) {
            assertThat(get("http://podinfo.test:9898/", "Cookie", "flagger-cookie=k2h4j5l6m7").body()).isEqualTo("canary");
        }
    }

    @Test
    void failuresOfAnEndpointAre502AndCountAsFailures() throws Exception {
        Endpoint dead;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            dead = new Endpoint("127.0.0.1", s.getLocalPort(), "test", "broken", "broken-0");
        }
        ServiceRef broken = new ServiceRef("test", "broken");
        proxy.updateRoutes(RouteTable.build(RouteInputs.of(List.of(
                new ServiceInput(broken, List.of(new ServiceInput.Port("http", 80, List.of(dead))))), List.of(), List.of())));
        HttpResponse<String> r = get("http://broken.test/");
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body()).startsWith("cannot connect to 127.0.0.1:" + dead.port() + " (test/broken broken-0)");
        var failed = proxy.metrics().snapshot(java.time.Instant.now()).series().stream()
                .filter(s -> s.key().deployment().equals("broken") && s.key().direction().equals("inbound")).findFirst().orElseThrow();
        assertThat(failed.statuses().get(0).statusCode()).isEqualTo(502);
        assertThat(failed.statuses().get(0).failures()).isEqualTo(1);
    }

    @Test
    void anEndpointThatNeverAnswersIs504AfterTheResponseTimeoutAndTheConnectionIsNotReused() throws Exception {
        proxy.close();
        proxy = MeshProxy.start(MeshProxyConfig.defaults().withIoThreads(1)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300)));
        client.close();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.port()))).build();
        try (var silent = new java.net.ServerSocket(0, 8, java.net.InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (accepted.size() < 8) {
                        accepted.add(silent.accept()); // reads nothing, answers nothing
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            Endpoint mute = new Endpoint("127.0.0.1", silent.getLocalPort(), "test", "mute", "mute-0");
            ServiceRef ref = new ServiceRef("test", "mute");
            proxy.updateRoutes(RouteTable.build(RouteInputs.of(List.of(
                    new ServiceInput(ref, List.of(new ServiceInput.Port("http", 80, List.of(mute))))), List.of(), List.of())));

            for (int i = 0; i < 2; i++) {
                long start = System.nanoTime();
                HttpResponse<String> r = get("http://mute.test/");
                long tookMs = (System.nanoTime() - start) / 1_000_000;
                assertThat(r.statusCode()).isEqualTo(504);
                assertThat(r.body()).contains("(test/mute mute-0) did not answer within 300 ms");
                assertThat(tookMs).as("answered by the timeout, not by the client's own").isBetween(250L, 5_000L);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> accepted.size() == 2); // a timed-out connection is never reused
            for (java.net.Socket s : accepted) {
                s.close();
            }
            silent.close();
            acceptor.join(Duration.ofSeconds(5));
        }
        var timedOut = proxy.metrics().snapshot(java.time.Instant.now()).series().stream()
                .filter(s -> s.key().deployment().equals("mute") && s.key().direction().equals("inbound")).findFirst().orElseThrow();
        assertThat(timedOut.statuses().get(0).statusCode()).isEqualTo(504);
        assertThat(timedOut.statuses().get(0).failures()).isEqualTo(2);
    }

    @Test
    void largeBodiesStreamBothWays() throws Exception {
        proxy.updateRoutes(split(100, 0));
        byte[] big = new byte[8 * 1024 * 1024];
        new Random(1).nextBytes(big);
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create("http://podinfo.test:9898/"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(big);
    }

    @Test
    void adminPortServesPrometheusText() throws Exception {
        proxy.updateRoutes(split(0, 100));
        get("http://podinfo.test:9898/");
        HttpClient direct = HttpClient.newHttpClient();
        HttpResponse<String> m = direct.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.adminPort() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(m.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(m.body()).contains("response_total{classification=\"success\",deployment=\"podinfo\",direction=\"inbound\","
                + "namespace=\"test\",pod=\"podinfo-0\",status_code=\"200\",tls=\"no_identity\"} 1.0");
        direct.close();
    }
}
