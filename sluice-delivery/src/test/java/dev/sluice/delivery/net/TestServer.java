package dev.sluice.delivery.net;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A JDK HttpServer on 127.0.0.1 answering recorded responses per path, recording every request.
 * {@link #hang} makes a path block until {@link #close} (to test client timeouts without sleeping).
 */
public final class TestServer implements AutoCloseable {

    /** One request as received. */
    public record Request(String method, String uri, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().getFirst();
                }
            }
            return null;
        }
    }

    /** A response to give. */
    public record Answer(int status, String body, Map<String, String> headers) {
        public static Answer of(int status, String body) {
            return new Answer(status, body, Map.of("Content-Type", "application/json"));
        }
    }

    private final HttpServer server;
    private final Map<String, Deque<Function<Request, Answer>>> answers = new HashMap<>();
    private final Map<String, Function<Request, Answer>> fallback = new HashMap<>();
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, long[]> streams = new HashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);

    public TestServer() throws IOException {
        this(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    /** Serves on {@code server} (e.g. an HttpsServer set up by the test). */
    public TestServer(HttpServer server) {
        this.server = server;
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        String scheme = server instanceof com.sun.net.httpserver.HttpsServer ? "https" : "http";
        return scheme + "://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Every request to {@code path} gets this answer (after any queued ones). */
    public TestServer always(String path, int status, String body) {
        return always(path, r -> Answer.of(status, body));
    }

    public synchronized TestServer always(String path, Function<Request, Answer> answer) {
        fallback.put(path, answer);
        return this;
    }

    /** The next request to {@code path} gets this answer, once. */
    public synchronized TestServer once(String path, int status, String body) {
        answers.computeIfAbsent(path, p -> new ArrayDeque<>()).add(r -> Answer.of(status, body));
        return this;
    }

    /** Requests to {@code path} get {@code status} and a body of {@code bytes} bytes, streamed (never held in memory). */
    public TestServer stream(String path, int status, long bytes) {
        synchronized (this) {
            streams.put(path, new long[] {status, bytes});
        }
        return this;
    }

    /** Requests to {@code path} block until the server is closed. */
    public TestServer hang(String path) {
        return always(path, r -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Answer.of(200, "{}");
        });
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public Request last() {
        List<Request> r = requests();
        return r.get(r.size() - 1);
    }

    private void handle(HttpExchange ex) throws IOException {
        Request req = new Request(ex.getRequestMethod(), ex.getRequestURI().toString(),
                Map.copyOf(ex.getRequestHeaders()), new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Function<Request, Answer> f;
        long[] stream;
        synchronized (this) {
            requests.add(req);
            String path = ex.getRequestURI().getPath();
            stream = streams.get(path);
            Deque<Function<Request, Answer>> q = answers.get(path);
            f = q != null && !q.isEmpty() ? q.poll() : fallback.get(path);
        }
        if (stream != null) {
            stream(ex, (int) stream[0], stream[1]);
            return;
        }
        Answer a = f == null ? Answer.of(404, "no answer recorded for " + ex.getRequestURI().getPath()) : f.apply(req);
        byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
        a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        try {
            ex.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            // the client went away (e.g. after its timeout)
        } finally {
            ex.close();
        }
    }

    private static void stream(HttpExchange ex, int status, long bytes) {
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        try (OutputStream out = ex.getResponseBody()) {
            ex.sendResponseHeaders(status, bytes);
            for (long left = bytes; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        } catch (IOException e) {
            // the client stopped reading, as it should
        } finally {
            ex.close();
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
