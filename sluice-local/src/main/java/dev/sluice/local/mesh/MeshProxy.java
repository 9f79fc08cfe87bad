package dev.sluice.local.mesh;

import dev.sluice.api.KubeObject;
import dev.sluice.local.mesh.kube.MeshRoutesBuilder;
import dev.sluice.local.mesh.kube.ReadyEndpoints;
import dev.sluice.local.mesh.metrics.GoldenMetrics;
import dev.sluice.local.mesh.metrics.MetricsHistory;
import dev.sluice.local.mesh.route.RouteTable;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The embedded mode's data plane: one HTTP/1.1 proxy on loopback for every Service, routing by
 * host name through a {@link RouteTable} that can be swapped at any time without failing or
 * dropping a request (each request reads the table once; connections to endpoints outlive tables),
 * and recording Linkerd-compatible golden metrics served on the admin port's {@code /metrics}.
 *
 * <p>Thread-safe. {@link #close()} is idempotent.
 */
public final class MeshProxy implements AutoCloseable {

    /**
     * Netty's pooled allocator with thread-local caches. Netty 4.2's default (adaptive) allocator
     * recycles its buffer objects through shared queues, which cost about a quarter of the
     * proxy's user CPU per request in bench/mesh (see BENCHMARKS.md).
     */
    static final ByteBufAllocator ALLOCATOR = PooledByteBufAllocator.DEFAULT;

    private final MeshProxyConfig config;
    private final Transport transport;
    private final EventLoopGroup group;
    private final AtomicReference<RouteTable> routes = new AtomicReference<>(RouteTable.empty());
    private final GoldenMetrics metrics = new GoldenMetrics();
    private final MetricsHistory history;
    private final Map<EventLoop, UpstreamPool> pools = new IdentityHashMap<>();
    private final Channel dataChannel;
    private final Channel adminChannel;

    private MeshProxy(MeshProxyConfig config) throws InterruptedException {
        this.config = config;
        this.transport = Transport.select(config.transport());
        int threads = config.ioThreads() > 0 ? config.ioThreads() : Runtime.getRuntime().availableProcessors();
        this.group = transport.newGroup(threads, "sluice-mesh");
        for (EventExecutor e : group) {
            pools.put((EventLoop) e, new UpstreamPool((EventLoop) e, transport, config));
        }
        this.history = MetricsHistory.of(metrics, config.clock(), config.metricsRetention());
        ProxyContext ctx = new ProxyContext(config, routes, metrics, Map.copyOf(pools));
        long idleMillis = config.clientIdleTimeout().toMillis();
        try {
            this.dataChannel = new ServerBootstrap().group(group).channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.ALLOCATOR, ALLOCATOR)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 64 * 1024))
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast("codec", new HttpServerCodec(8192, 16384, 65536));
                            ch.pipeline().addLast("idle", idleHandler(idleMillis));
                            ch.pipeline().addLast("proxy", new FrontendHandler(ctx));
                        }
                    })
                    .bind(config.bindHost(), config.port()).sync().channel();
            this.adminChannel = config.adminPort() < 0 ? null : new ServerBootstrap().group(group)
                    .channel(transport.serverChannel())
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                                    new AdminHandler(metrics));
                        }
                    })
                    .bind(config.bindHost(), config.adminPort()).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
        if (!config.metricsScrapeInterval().isZero()) {
            long every = config.metricsScrapeInterval().toMillis();
            group.next().scheduleAtFixedRate(history::scrape, 0, every, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Closes a connection that read nothing for {@code millis} (its handler ignores the event while
     * an exchange is open). Reader-idle only: tracking writes too would give every write a promise
     * and a listener.
     */
    static IdleStateHandler idleHandler(long millis) {
        return new IdleStateHandler(millis, 0, 0, TimeUnit.MILLISECONDS);
    }

    /**
     * Binds the listeners and starts serving (every request gets 404 until routes are given).
     *
     * @throws InterruptedException while binding
     * @throws io.netty.channel.ChannelException (or a socket exception) when a port cannot be bound
     */
    public static MeshProxy start(MeshProxyConfig config) throws InterruptedException {
        return new MeshProxy(Objects.requireNonNull(config, "config"));
    }

    /** Replaces the routing table; requests already routed finish on their chosen endpoint. */
    public void updateRoutes(RouteTable table) {
        routes.set(Objects.requireNonNull(table, "table"));
    }

    /**
     * Rebuilds the table from the store's objects and the runner's ready endpoints, then swaps it in.
     *
     * @return the inputs used and the problems found in the objects (which are otherwise skipped)
     */
    public MeshRoutesBuilder.Result updateFrom(Collection<KubeObject> objects, ReadyEndpoints ready) {
        MeshRoutesBuilder.Result r = MeshRoutesBuilder.build(objects, ready, config.defaultNamespace(), config.balancing());
        updateRoutes(r.table());
        return r;
    }

    public RouteTable routes() {
        return routes.get();
    }

    /** The live golden metrics, for snapshots or exposition elsewhere. */
    public GoldenMetrics metrics() {
        return metrics;
    }

    /** The periodic snapshots answering success-rate and latency-quantile queries in-process. */
    public MetricsHistory history() {
        return history;
    }

    public int port() {
        return ((InetSocketAddress) dataChannel.localAddress()).getPort();
    }

    /** The admin port, or -1 when disabled. */
    public int adminPort() {
        return adminChannel == null ? -1 : ((InetSocketAddress) adminChannel.localAddress()).getPort();
    }

    /** {@code io_uring}, {@code epoll} or {@code nio}. */
    public String transport() {
        return transport.name();
    }

    @Override
    public synchronized void close() {
        if (group.isShuttingDown()) {
            return;
        }
        dataChannel.close().syncUninterruptibly();
        if (adminChannel != null) {
            adminChannel.close().syncUninterruptibly();
        }
        for (Map.Entry<EventLoop, UpstreamPool> e : pools.entrySet()) {
            e.getKey().execute(e.getValue()::closeAll);
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
