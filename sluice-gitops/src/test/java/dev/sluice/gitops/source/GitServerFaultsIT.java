package dev.sluice.gitops.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.api.Condition;
import dev.sluice.api.Conditions;
import dev.sluice.api.ObjectKey;
import dev.sluice.testkit.git.GitHttpServer;
import dev.sluice.testkit.git.TestRepo;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults of the Git server (issue 10): slow (no answer to the ref listing, or to the fetch) and
 * garbage (random bytes or HTML where the protocol is expected, a broken pack). Each reconcile
 * fails within the GitRepository's timeout with GitOperationFailed saying why, Ready=False, the
 * exception makes the scheduler back off and retry; the artifact already stored stays served; once
 * the server is healthy again the next reconcile fetches the new commit and clears the failure. The
 * server's garbage, quoted by JGit, reaches the condition without control characters.
 * (Server down: {@link GitRepositoryHttpIT#serverDownIsAGitOperationFailureThatKeepsTheStoredArtifact}.)
 */
class GitServerFaultsIT {

    @TempDir
    Path tmp;
    TestRepo repo;
    GitHttpServer origin;
    FaultyProxy proxy;
    SourceFixture f;

    @BeforeEach
    void setUp() throws IOException {
        repo = TestRepo.init(tmp.resolve("origin"));
        origin = GitHttpServer.start();
        origin.serve("org/podinfo.git", repo.repository());
        proxy = new FaultyProxy(URI.create(origin.url("org/podinfo.git")));
        f = new SourceFixture(tmp.resolve("state"));
    }

    @AfterEach
    void tearDown() {
        proxy.close();
        origin.close();
        repo.close();
    }

    enum Fault { NONE, HANG, TRICKLE, RANDOM_BYTES, HTML, BROKEN_PACK }

    @Test
    void aSlowOrGarbageServerFailsTheReconcileSayingWhyAndKeepsTheStoredArtifact() throws Exception {
        String first = repo.write("apps/a.yaml", "a").commit("first");
        ObjectKey key = f.create("podinfo", "  url: " + proxy.url() + "\n  interval: 1m\n  timeout: 1s\n  ref: {branch: main}\n");
        f.reconciler.reconcile(key);
        Artifact stored = f.artifact(key);
        assertThat(stored.revision()).isEqualTo("main@sha1:" + first);
        repo.write("apps/b.yaml", "b").commit("second");

        record Case(String name, Fault refs, Fault upload, String says) {
        }
        for (Case c : new Case[] {
                new Case("no answer to the ref listing", Fault.HANG, Fault.NONE, "timed out"),
                new Case("random bytes for the refs", Fault.RANDOM_BYTES, Fault.NONE, "remote refs"),
                new Case("an HTML page for the refs", Fault.HTML, Fault.NONE, "remote refs"),
                new Case("no answer to the fetch", Fault.NONE, Fault.HANG, "timed out"),
                new Case("the refs sent a byte every 200 ms", Fault.TRICKLE, Fault.NONE, "bounds the whole operation"),
                new Case("the pack sent a byte every 200 ms", Fault.NONE, Fault.TRICKLE, "bounds the whole operation"),
                new Case("random bytes for the pack", Fault.NONE, Fault.RANDOM_BYTES, "fetch"),
                new Case("a truncated pack", Fault.NONE, Fault.BROKEN_PACK, "fetch")}) {
            proxy.refs = c.refs();
            proxy.upload = c.upload();
            f.clock.advance(Duration.ofMinutes(1));
            // bounded by the 1s timeout (a per-read one, and one for the whole operation), never by the server
            long start = System.nanoTime();
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(() -> f.reconciler.reconcile(key))
                    .as(c.name()).isInstanceOf(GitSourceException.class));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as(c.name()).isLessThan(Duration.ofSeconds(15));
            Condition failed = f.condition(key, "FetchFailed");
            assertThat(failed.reason()).as(c.name()).isEqualTo("GitOperationFailed");
            assertThat(failed.message().toLowerCase()).as(c.name()).contains(c.says());
            assertThat(failed.message().codePoints()).as(c.name() + ": the server's bytes quoted without control characters")
                    .noneMatch(Character::isISOControl);
            assertThat(f.condition(key, "Ready").isFalse()).as(c.name()).isTrue();
            assertThat(f.condition(key, "ArtifactInStorage").isTrue()).as(c.name()).isTrue();
            assertThat(f.artifact(key)).as(c.name()).isEqualTo(stored);
            assertThat(f.store.open(stored).resolve("apps/a.yaml")).as(c.name()).exists();
        }

        proxy.refs = Fault.NONE;
        proxy.upload = Fault.NONE;
        f.clock.advance(Duration.ofMinutes(1));
        f.reconciler.reconcile(key);
        assertThat(f.artifact(key).revision()).isNotEqualTo(stored.revision());
        assertThat(f.store.open(f.artifact(key)).resolve("apps/b.yaml")).exists();
        assertThat(f.condition(key, "Ready").isTrue()).isTrue();
        assertThat(Conditions.find(f.status(key), "FetchFailed")).isEmpty();
    }

    /**
     * A smart-HTTP proxy on 127.0.0.1 in front of the real server that can hang or garble the ref
     * listing ({@code GET info/refs}, and {@code ls-refs} in protocol v2) or the fetch
     * ({@code POST git-upload-pack} of a {@code fetch}).
     */
    static final class FaultyProxy implements AutoCloseable {
        private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

        volatile Fault refs = Fault.NONE;
        volatile Fault upload = Fault.NONE;
        private final URI target;
        private final HttpServer server;
        private final HttpClient client = HttpClient.newHttpClient();
        private final CountDownLatch release = new CountDownLatch(1);
        private final SplittableRandom random = new SplittableRandom(10);

        FaultyProxy(URI target) throws IOException {
            this.target = target;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/org/podinfo.git";
        }

        private void handle(HttpExchange ex) throws IOException {
            try (ex) {
                byte[] in = ex.getRequestBody().readAllBytes();
                // protocol v2 lists refs with a POST too (command=ls-refs); only a fetch gets the pack
                boolean fetch = ex.getRequestMethod().equals("POST") && !decoded(ex, in).contains("command=ls-refs");
                Fault fault = fetch ? this.upload : refs;
                if (fault == Fault.HANG) {
                    release.await(30, TimeUnit.SECONDS);
                    return;
                }
                HttpResponse<byte[]> real = forward(ex, in);
                if (fault == Fault.TRICKLE) {
                    trickle(ex, forward(ex, in));
                    return;
                }
                byte[] body = switch (fault) {
                    case RANDOM_BYTES -> bytes(4096);
                    case HTML -> "<html><body>Sign in to continue</body></html>".getBytes();
                    case BROKEN_PACK -> java.util.Arrays.copyOf(real.body(), Math.max(1, real.body().length * 2 / 3));
                    default -> real.body();
                };
                real.headers().firstValue("Content-Type").ifPresent(t -> ex.getResponseHeaders().set("Content-Type",
                        fault == Fault.HTML ? "text/html" : t));
                ex.sendResponseHeaders(real.statusCode(), body.length == 0 ? -1 : body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the client gave up (its timeout), as it should
            }
        }

        /** The real answer, one byte every 200 ms: never silent for as long as a read may wait. */
        private void trickle(HttpExchange ex, HttpResponse<byte[]> real) throws IOException, InterruptedException {
            real.headers().firstValue("Content-Type").ifPresent(t -> ex.getResponseHeaders().set("Content-Type", t));
            ex.sendResponseHeaders(real.statusCode(), real.body().length);
            OutputStream out = ex.getResponseBody();
            for (byte b : real.body()) {
                if (release.await(200, TimeUnit.MILLISECONDS)) {
                    return; // the test is over
                }
                out.write(b);
                out.flush();
            }
        }

        private static String decoded(HttpExchange ex, byte[] body) throws IOException {
            boolean gzip = "gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"));
            byte[] plain = gzip ? new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body)).readAllBytes() : body;
            return new String(plain, java.nio.charset.StandardCharsets.ISO_8859_1);
        }

        private HttpResponse<byte[]> forward(HttpExchange ex, byte[] body) throws IOException, InterruptedException {
            String path = ex.getRequestURI().getRawPath().substring("/org/podinfo.git".length());
            String query = ex.getRequestURI().getRawQuery();
            URI uri = URI.create(target + path + (query == null ? "" : "?" + query));
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            ex.getRequestHeaders().forEach((name, values) -> {
                if (!RESTRICTED.contains(name.toLowerCase())) {
                    values.forEach(v -> b.header(name, v));
                }
            });
            return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        }

        private synchronized byte[] bytes(int n) {
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) {
                b[i] = (byte) random.nextInt(256);
            }
            return b;
        }

        @Override
        public void close() {
            release.countDown();
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
            client.close();
        }
    }
}
