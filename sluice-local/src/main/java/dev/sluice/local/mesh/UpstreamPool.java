package dev.sluice.local.mesh;

import dev.sluice.local.mesh.route.Endpoint;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Keep-alive connections to endpoints, for one event loop: a request and its endpoint connection
 * always run on the same thread, so this class needs no locks and must only be used from
 * {@link #loop}.
 */
final class UpstreamPool {

    /**
     * Responses of the mesh's own endpoints: header names are not re-validated as tokens (a quarter
     * of the decoder's work per response); lines are still split strictly, so no CR or LF gets through.
     */
    private static final HttpDecoderConfig RESPONSE_DECODING = new HttpDecoderConfig().setMaxInitialLineLength(4096)
            .setMaxHeaderSize(16384).setMaxChunkSize(65536)
            .setHeadersFactory(DefaultHttpHeadersFactory.headersFactory().withNameValidation(false));

    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final int maxIdle;
    private final Map<String, ArrayDeque<Channel>> idle = new HashMap<>();
    private final ResponseDeadlines deadlines;

    UpstreamPool(EventLoop loop, Transport transport, MeshProxyConfig config) {
        this.loop = loop;
        this.maxIdle = config.maxIdlePerEndpoint();
        long idleMillis = config.upstreamIdleTimeout().toMillis();
        this.deadlines = new ResponseDeadlines(config.responseTimeout().toNanos()).sweepOn(loop);
        this.bootstrap = new Bootstrap().group(loop).channel(transport.clientChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.AUTO_READ, true)
                .option(ChannelOption.ALLOCATOR, MeshProxy.ALLOCATOR)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("codec", new HttpClientCodec(RESPONSE_DECODING, false, false));
                        ch.pipeline().addLast("idle", MeshProxy.idleHandler(idleMillis));
                        ch.pipeline().addLast("upstream", new UpstreamHandler());
                    }
                });
    }

    EventLoop loop() {
        return loop;
    }

    /** The response timeouts of the calls on this pool's loop. */
    ResponseDeadlines deadlines() {
        return deadlines;
    }

    /** An idle, open connection to {@code e}, or null. */
    Channel poll(Endpoint e) {
        ArrayDeque<Channel> q = idle.get(e.address());
        if (q == null) {
            return null;
        }
        Channel ch;
        while ((ch = q.pollLast()) != null) {
            if (ch.isActive()) {
                return ch;
            }
        }
        return null;
    }

    /** Opens a new connection to {@code e} on this pool's event loop. */
    ChannelFuture connect(Endpoint e) {
        return bootstrap.connect(e.host(), e.port());
    }

    /** Returns a connection whose last exchange completed cleanly. */
    void release(Endpoint e, Channel ch) {
        if (!ch.isActive()) {
            return;
        }
        ArrayDeque<Channel> q = idle.computeIfAbsent(e.address(), k -> new ArrayDeque<>());
        if (q.size() >= maxIdle) {
            ch.close();
        } else {
            q.addLast(ch);
        }
    }

    /** Closes every idle connection. */
    void closeAll() {
        idle.values().forEach(q -> q.forEach(Channel::close));
        idle.clear();
    }
}
