package dev.sluice.local.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.KubeObject;
import dev.sluice.api.Yaml;
import dev.sluice.local.mesh.kube.ReadyEndpoints;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Route tables swapped under concurrent load, tables built from objects, and raw HTTP/1.1 on the wire. */
class RouteSwapIT {

    static {
        LeakWatch.install();
    }

    static TestBackend primary;
    static TestBackend canary;

    @BeforeAll
    static void backends() throws IOException {
        primary = new TestBackend("primary");
        canary = new TestBackend("canary");
    }

    @AfterAll
    static void stop() {
        primary.close();
        canary.close();
        assertThat(LeakWatch.leaks()).isEmpty();
    }

    static ReadyEndpoints ready() {
        return new ReadyEndpoints(List.of(
                new ReadyEndpoints.Pod("test", "podinfo-primary-0", "podinfo-primary", Map.of("app", "podinfo-primary"),
                        List.of(new ReadyEndpoints.Port("http", 9898, "127.0.0.1", primary.port()))),
                new ReadyEndpoints.Pod("test", "podinfo-0", "podinfo", Map.of("app", "podinfo"),
                        List.of(new ReadyEndpoints.Port("http", 9898, "127.0.0.1", canary.port())))));
    }

    static List<KubeObject> objects(int canaryWeight) throws IOException {
        List<KubeObject> out = new ArrayList<>();
        try (InputStream in = RouteSwapIT.class.getResourceAsStream("/mesh/services.yaml")) {
            Yaml.readAll(new String(in.readAllBytes(), StandardCharsets.UTF_8), "services.yaml")
                    .forEach(d -> out.add(KubeObject.of(d.content())));
        }
        out.add(KubeObject.parse("""
                apiVersion: split.smi-spec.io/v1alpha2
                kind: TrafficSplit
                metadata: {name: podinfo, namespace: test}
                spec:
                  service: podinfo
                  backends:
                    - {service: podinfo-primary, weight: %d}
                    - {service: podinfo-canary, weight: %d}
                """.formatted(100 - canaryWeight, canaryWeight)));
        return out;
    }

    @Test
    void weightsChangingContinuouslyUnderConcurrentLoadFailNoRequest() throws Exception {
        try (MeshProxy proxy = MeshProxy.start(MeshProxyConfig.defaults().withRandom(new Random(7)).withIoThreads(2))) {
            var built = proxy.updateFrom(objects(50), ready());
            assertThat(built.diagnostics()).isEmpty();
            List<KubeObject> all0 = objects(0);
            List<KubeObject> all100 = objects(100);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger ok = new AtomicInteger();
            AtomicInteger swaps = new AtomicInteger();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    try (HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.port()))).build()) {
                        while (running.get()) {
                            try {
                                HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create("http://podinfo.test:9898/"))
                                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                                if (r.statusCode() == 200 && (r.body().equals("primary") || r.body().equals("canary"))) {
                                    ok.incrementAndGet();
                                } else {
                                    failures.add(r.statusCode() + " " + r.body());
                                }
                            } catch (IOException e) {
                                failures.add(e.toString());
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    }
                }));
            }
            // Swap between all-primary, all-canary and an even split as fast as tables can be built.
            Thread swapper = Thread.ofPlatform().start(() -> {
                int i = 0;
                while (running.get()) {
                    List<KubeObject> next = switch (i++ % 3) {
                        case 0 -> all0;
                        case 1 -> all100;
                        default -> null;
                    };
                    if (next == null) {
                        proxy.updateRoutes(built.table());
                    } else {
                        proxy.updateFrom(next, ready());
                    }
                    swaps.incrementAndGet();
                    Thread.onSpinWait();
                }
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> ok.get() >= 8_000 || !failures.isEmpty());
            running.set(false);
            swapper.join();
            for (Thread t : threads) {
                t.join();
            }
            assertThat(failures).isEmpty();
            assertThat(swaps.get()).isGreaterThan(1_000);
            assertThat(primary.requests.get()).isPositive();
            assertThat(canary.requests.get()).isPositive();
        }
    }

    @Test
    void pipelinedRequestsOnOneConnectionAreAnsweredInOrder() throws Exception {
        try (MeshProxy proxy = MeshProxy.start(MeshProxyConfig.defaults().withIoThreads(1));
             Socket s = new Socket("127.0.0.1", proxy.port())) {
            proxy.updateFrom(objects(0), ready());
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /a HTTP/1.1\r\nHost: podinfo-canary.test:9898\r\n\r\n"
                    + "GET /b HTTP/1.1\r\nHost: nowhere\r\n\r\n"
                    + "GET /c HTTP/1.1\r\nHost: podinfo-primary.test.svc.cluster.local\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            int first = all.indexOf("HTTP/1.1 200");
            int second = all.indexOf("HTTP/1.1 404");
            int third = all.indexOf("HTTP/1.1 200", second);
            assertThat(first).isZero();
            assertThat(second).isGreaterThan(first);
            assertThat(third).isGreaterThan(second);
            assertThat(all).contains("canary", "no Service, Ingress or HTTPRoute matches host 'nowhere'", "primary");
            assertThat(all.substring(third)).containsIgnoringCase("connection: close");
        }
    }
}
