package dev.sluice.local.runtime.exec;

import dev.sluice.local.runtime.spec.ProbeSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Probes on loopback: {@code httpGet} succeeds on 200-399, {@code tcpSocket} when a connection
 * opens, {@code exec} when the command exits 0. A built-in app has no shell to exec in: podinfo's
 * {@code podcli check http localhost:9898/readyz} becomes that HTTP check, any other exec probe of
 * a built-in app passes once the app listens.
 */
public final class DefaultProber implements Prober, AutoCloseable {

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    @Override
    public CompletableFuture<Boolean> probe(ProbeSpec.Action action, ProbeTarget target, Duration timeout) {
        return switch (action) {
            case ProbeSpec.HttpGet h -> http(target.resolve(h.port()), h.path(), h.headers(), timeout);
            case ProbeSpec.TcpSocket t -> async(() -> tcp(target.resolve(t.port()), timeout));
            case ProbeSpec.Exec e -> target.builtin() ? builtinExec(e, target, timeout) : async(() -> exec(e, target, timeout));
        };
    }

    private CompletableFuture<Boolean> http(int port, String path, Map<String, String> headers, Duration timeout) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + (path.startsWith("/") ? path : "/" + path)))
                    .timeout(timeout).header("User-Agent", "kube-probe/1.31");
            headers.forEach((k, v) -> {
                if (!k.equalsIgnoreCase("host")) {
                    b.header(k, v);
                }
            });
            return http.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding())
                    .thenApply(r -> r.statusCode() >= 200 && r.statusCode() < 400)
                    .exceptionally(e -> false);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(false);
        }
    }

    private static boolean tcp(int port, Duration timeout) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) timeout.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean exec(ProbeSpec.Exec e, ProbeTarget target, Duration timeout) {
        // Output is discarded, not read: reading it would wait for the command to end and defeat the timeout.
        ProcessBuilder pb = new ProcessBuilder(e.command()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).directory(target.workDir().toFile());
        Map<String, String> env = pb.environment();
        Map<String, String> own = System.getenv();
        env.clear();
        ProcessContainer.INHERITED.forEach(k -> {
            if (own.containsKey(k)) {
                env.put(k, own.get(k));
            }
        });
        env.putAll(target.env());
        Process p = null;
        try {
            p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException ex) {
            return false;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    private CompletableFuture<Boolean> builtinExec(ProbeSpec.Exec e, ProbeTarget target, Duration timeout) {
        List<String> c = new ArrayList<>(e.command());
        if (c.size() >= 4 && c.get(0).endsWith("podcli") && c.get(1).equals("check") && c.get(2).equals("http")) {
            String url = c.get(3).replaceFirst("^https?://", "");
            int slash = url.indexOf('/');
            return http(target.port(), slash < 0 ? "/" : url.substring(slash), Map.of(), timeout);
        }
        return CompletableFuture.completedFuture(true);
    }

    /** Releases the HTTP client's threads. */
    @Override
    public void close() {
        http.shutdownNow();
    }

    private static CompletableFuture<Boolean> async(Supplier<Boolean> check) {
        CompletableFuture<Boolean> f = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                f.complete(check.get());
            } catch (RuntimeException ex) {
                f.complete(false);
            }
        });
        return f;
    }
}
