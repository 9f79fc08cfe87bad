package dev.sluice.server.crash;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A load client on the child's mesh: each virtual thread sends requests to the apex Service of its
 * canaries (the host whose traffic the rollout splits) and sorts the answers. A 502/503 the mesh
 * wrote itself (it carries {@code l5d-proxy-error}) is a request failed by routing; answers of the
 * app (its 500s included) are not. Connection refusals while the child is dead are counted apart, and
 * so are routing failures of a host before it has answered once since the child's last start (the
 * data plane restarts with the process and its workloads start after it). Thread-safe.
 */
final class MeshLoad implements AutoCloseable {

    private final int port;
    private final List<String> hosts;
    private final long pauseNanos;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong appErrors = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong startupRouting = new AtomicLong();
    private final AtomicLong routingFailures = new AtomicLong();
    private final List<String> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    /** Hosts that answered since the child's current incarnation started. */
    private final Set<String> warm = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;
    private final List<Thread> threads;

    MeshLoad(int port, List<String> hosts, int threads, long pauseMillis) {
        this.port = port;
        this.hosts = hosts;
        this.pauseNanos = pauseMillis * 1_000_000;
        this.threads = java.util.stream.IntStream.range(0, threads)
                .mapToObj(i -> Thread.ofVirtual().name("mesh-load-" + i).start(() -> loop(i, threads))).toList();
    }

    /** The child starts again: every host warms up anew. */
    void restarted() {
        warm.clear();
    }

    private void loop(int index, int stride) {
        while (running) {
            for (int i = index; i < hosts.size() && running; i += stride) {
                request(hosts.get(i));
                LockSupport.parkNanos(pauseNanos);
            }
        }
    }

    private void request(String host) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            s.setSoTimeout(5000);
            s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            sent.incrementAndGet();
            String head = head(s.getInputStream());
            int status = head.length() > 12 ? Integer.parseInt(head.substring(9, 12)) : 0;
            boolean byMesh = head.toLowerCase(java.util.Locale.ROOT).contains("\nl5d-proxy-error:");
            if (byMesh && (status == 502 || status == 503)) {
                if (warm.contains(host)) {
                    routingFailures.incrementAndGet();
                    if (failures.size() < 20) {
                        failures.add(host + ": " + head.lines().filter(l -> l.toLowerCase().startsWith("l5d-proxy-error"))
                                .findFirst().orElse(head.lines().findFirst().orElse("")));
                    }
                } else {
                    startupRouting.incrementAndGet();
                }
            } else if (status >= 200 && status < 600 && !byMesh) {
                warm.add(host);
                (status < 500 ? served : appErrors).incrementAndGet();
            }
        } catch (IOException e) {
            refused.incrementAndGet(); // the child is dead or not listening yet
        }
    }

    /** The status line and headers. */
    private static String head(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && b.length() < 16_384) {
            b.append((char) c);
            if (b.length() >= 4 && b.substring(b.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return b.toString();
    }

    record Counts(long sent, long served, long appErrors, long refused, long startupRouting, long routingFailures,
                  List<String> examples) {
    }

    Counts counts() {
        return new Counts(sent.get(), served.get(), appErrors.get(), refused.get(), startupRouting.get(),
                routingFailures.get(), List.copyOf(failures));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(10_000);
        }
    }
}
