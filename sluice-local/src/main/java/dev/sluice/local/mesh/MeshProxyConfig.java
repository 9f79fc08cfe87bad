package dev.sluice.local.mesh;

import dev.sluice.local.mesh.route.Balancing;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Settings of the embedded mesh proxy.
 *
 * @param bindHost             the address both listeners bind, normally {@code 127.0.0.1}
 * @param port                 the data-plane port; 0 picks a free one
 * @param adminPort            the admin port serving {@code /metrics} and {@code /ready}; 0 picks a free
 *                             one, -1 disables it
 * @param ioThreads            event-loop threads; 0 means one per available processor
 * @param connectTimeout       for connections to endpoints
 * @param responseTimeout      from sending a request until the response head arrives (then 504)
 * @param clientIdleTimeout    idle keep-alive client connections are closed after this
 * @param upstreamIdleTimeout  idle pooled endpoint connections are closed after this
 * @param maxIdlePerEndpoint   pooled idle connections per endpoint and event loop
 * @param random               draws weighted choices; must be safe to call from several threads
 * @param clock                timestamps the metric snapshots
 * @param metricsScrapeInterval how often the in-process metric history takes a snapshot; zero disables it
 * @param metricsRetention     how long the history keeps snapshots
 * @param defaultNamespace     for objects without a namespace and ambiguous bare Service names
 * @param balancing            how endpoints of a Service are picked
 * @param transport            {@code auto} (the fastest that loads here: io_uring, then epoll, then NIO),
 *                             or {@code io_uring}, {@code epoll}, {@code nio} (falling back when it does not load)
 */
public record MeshProxyConfig(String bindHost, int port, int adminPort, int ioThreads, Duration connectTimeout,
                              Duration responseTimeout, Duration clientIdleTimeout, Duration upstreamIdleTimeout,
                              int maxIdlePerEndpoint, RandomGenerator random, Clock clock,
                              Duration metricsScrapeInterval, Duration metricsRetention, String defaultNamespace,
                              Balancing balancing, String transport) {

    public MeshProxyConfig {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(defaultNamespace, "defaultNamespace");
        Objects.requireNonNull(balancing, "balancing");
        if (!Transport.NAMES.contains(transport)) {
            throw new IllegalArgumentException("transport must be one of " + Transport.NAMES + ", got '" + transport + "'");
        }
        if (port < 0 || port > 65535 || adminPort < -1 || adminPort > 65535) {
            throw new IllegalArgumentException("ports must be 0..65535 (admin port -1 disables it), got " + port + " and " + adminPort);
        }
        if (maxIdlePerEndpoint < 0 || ioThreads < 0) {
            throw new IllegalArgumentException("maxIdlePerEndpoint and ioThreads must be >= 0");
        }
    }

    /**
     * Loopback, ephemeral ports, 5 s connect, 30 s response, 60 s idle, thread-local randomness, the system
     * clock, and the transport of {@code -Dsluice.mesh.transport} ({@code auto} when unset).
     */
    public static MeshProxyConfig defaults() {
        return new MeshProxyConfig("127.0.0.1", 0, 0, 0, Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofSeconds(60), Duration.ofSeconds(60), 64, new ThreadLocalRandomGenerator(), Clock.systemUTC(),
                Duration.ofSeconds(5), Duration.ofMinutes(15), "default", Balancing.ROUND_ROBIN,
                System.getProperty("sluice.mesh.transport", "auto"));
    }

    public MeshProxyConfig withPorts(int dataPort, int admin) {
        return new MeshProxyConfig(bindHost, dataPort, admin, ioThreads, connectTimeout, responseTimeout, clientIdleTimeout,
                upstreamIdleTimeout, maxIdlePerEndpoint, random, clock, metricsScrapeInterval, metricsRetention,
                defaultNamespace, balancing, transport);
    }

    public MeshProxyConfig withRandom(RandomGenerator r) {
        return new MeshProxyConfig(bindHost, port, adminPort, ioThreads, connectTimeout, responseTimeout, clientIdleTimeout,
                upstreamIdleTimeout, maxIdlePerEndpoint, r, clock, metricsScrapeInterval, metricsRetention,
                defaultNamespace, balancing, transport);
    }

    public MeshProxyConfig withIoThreads(int threads) {
        return new MeshProxyConfig(bindHost, port, adminPort, threads, connectTimeout, responseTimeout, clientIdleTimeout,
                upstreamIdleTimeout, maxIdlePerEndpoint, random, clock, metricsScrapeInterval, metricsRetention,
                defaultNamespace, balancing, transport);
    }

    public MeshProxyConfig withTimeouts(Duration connect, Duration response) {
        return new MeshProxyConfig(bindHost, port, adminPort, ioThreads, connect, response, clientIdleTimeout,
                upstreamIdleTimeout, maxIdlePerEndpoint, random, clock, metricsScrapeInterval, metricsRetention,
                defaultNamespace, balancing, transport);
    }

    public MeshProxyConfig withClock(Clock c, Duration scrapeInterval) {
        return new MeshProxyConfig(bindHost, port, adminPort, ioThreads, connectTimeout, responseTimeout, clientIdleTimeout,
                upstreamIdleTimeout, maxIdlePerEndpoint, random, c, scrapeInterval, metricsRetention,
                defaultNamespace, balancing, transport);
    }

    public MeshProxyConfig withTransport(String name) {
        return new MeshProxyConfig(bindHost, port, adminPort, ioThreads, connectTimeout, responseTimeout, clientIdleTimeout,
                upstreamIdleTimeout, maxIdlePerEndpoint, random, clock, metricsScrapeInterval, metricsRetention,
                defaultNamespace, balancing, name);
    }

    /** Each call uses the calling thread's {@link ThreadLocalRandom}, so it is safe from any thread. */
    static final class ThreadLocalRandomGenerator implements RandomGenerator {
        @Override
        public long nextLong() {
            return ThreadLocalRandom.current().nextLong();
        }
    }
}
