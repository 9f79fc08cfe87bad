package dev.sluice.delivery.loadtester;

import dev.sluice.delivery.net.HttpProxy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Sluice's {@code hey}: {@code -c} workers, each on its own keep-alive connection, each sending at
 * most {@code -q} requests per second, for {@code -z} or until {@code -n} requests are sent in all.
 * Cluster-internal hosts can go through an HTTP proxy (the mesh). Pacing uses a {@link Pacer};
 * latencies are measured with {@code latencyClock}. Thread-safe; each {@link #run} is independent.
 */
public final class LoadGenerator {

    private final Pacer pacer;
    private final LongSupplier latencyClock;
    private final HttpProxy proxy;

    /** @param proxy the mesh proxy for cluster-internal hosts, or null */
    public LoadGenerator(Pacer pacer, LongSupplier latencyClock, HttpProxy proxy) {
        this.pacer = pacer;
        this.latencyClock = latencyClock;
        this.proxy = proxy;
    }

    private static final class Worker {
        final Map<Integer, Long> statuses = new HashMap<>();
        final Map<String, Long> errors = new HashMap<>();
        final List<Long> latencies = new ArrayList<>();
        long sent;
    }

    /**
     * Runs the command to its end (or until interrupted, returning what was measured so far).
     *
     * @throws InterruptedException when interrupted before the workers started
     */
    public LoadReport run(HeyCommand cmd) throws InterruptedException {
        long start = pacer.nanoTime();
        long end = cmd.duration().map(d -> start + d.toNanos()).orElse(Long.MAX_VALUE);
        AtomicLong remaining = new AtomicLong(cmd.duration().isPresent() ? Long.MAX_VALUE : cmd.requests());
        InetSocketAddress via = proxy != null && proxy.hosts().test(cmd.url().getHost()) ? proxy.address() : null;
        byte[] body = cmd.body().getBytes(StandardCharsets.UTF_8);
        List<Worker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < cmd.concurrency(); i++) {
            Worker w = new Worker();
            workers.add(w);
            threads.add(Thread.ofVirtual().name("sluice-hey-" + i).start(() -> work(cmd, w, via, body, start, end, remaining)));
        }
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            threads.forEach(Thread::interrupt);
            for (Thread t : threads) {
                t.join(Duration.ofSeconds(5));
            }
            Thread.currentThread().interrupt();
        }
        return merge(workers, Duration.ofNanos(pacer.nanoTime() - start));
    }

    private void work(HeyCommand cmd, Worker w, InetSocketAddress via, byte[] body, long start, long end,
                      AtomicLong remaining) {
        long interval = cmd.ratePerWorker() > 0 ? (long) (1e9 / cmd.ratePerWorker()) : 0;
        try (Http1Connection conn = new Http1Connection(cmd.url(), via, cmd.timeout())) {
            for (long k = 0; !Thread.currentThread().isInterrupted(); k++) {
                if (interval > 0) {
                    pacer.sleepUntil(start + k * interval);
                }
                // A paced worker compares its own send time, so a run on a virtual pacer is exact.
                long sendAt = interval > 0 ? start + k * interval : pacer.nanoTime();
                if (sendAt >= end || remaining.getAndDecrement() <= 0) {
                    return;
                }
                long t0 = latencyClock.getAsLong();
                try {
                    int status = conn.exchange(cmd.method(), cmd.headers(), cmd.host(), body, cmd.contentType(),
                            cmd.keepAlive());
                    w.latencies.add(latencyClock.getAsLong() - t0);
                    w.statuses.merge(status, 1L, Long::sum);
                } catch (IOException | RuntimeException e) {
                    w.errors.merge(e.getClass().getSimpleName() + ": " + e.getMessage(), 1L, Long::sum);
                }
                w.sent++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static LoadReport merge(List<Worker> workers, Duration elapsed) {
        Map<Integer, Long> statuses = new HashMap<>();
        Map<String, Long> errors = new HashMap<>();
        List<Long> latencies = new ArrayList<>();
        long total = 0;
        for (Worker w : workers) {
            w.statuses.forEach((k, v) -> statuses.merge(k, v, Long::sum));
            w.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
            latencies.addAll(w.latencies);
            total += w.sent;
        }
        return new LoadReport(total, statuses, errors, latencies.stream().mapToLong(Long::longValue).toArray(), elapsed);
    }
}
