package dev.sluice.local.apps.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * How built-in apps call other Services: an HTTP/1.1 request sent to the mesh proxy with
 * {@code Host: <service>.<namespace>}, as an app in a Linkerd mesh calls {@code http://smiley/} and
 * its sidecar routes it. (The JDK HTTP client refuses to set {@code Host}, hence Netty.) One
 * connection per request. Thread-safe; close it to stop its event-loop thread.
 */
public final class MeshClient implements AutoCloseable {

    /** Largest response body accepted. */
    static final int MAX_RESPONSE = 1 << 20;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
            new DefaultThreadFactory("sluice-apps-client", true), NioIoHandler.newFactory());

    /** A response from another Service; header names are case-insensitive. */
    public record Response(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.getOrDefault(name, "");
        }
    }

    /**
     * GETs {@code pathAndQuery} from {@code host} through the proxy at {@code mesh}.
     *
     * @return completes with any response (a 5xx included), or exceptionally when the proxy cannot
     *         be reached or does not answer within {@code timeout}
     */
    public CompletableFuture<Response> get(InetSocketAddress mesh, String host, String pathAndQuery,
                                           Map<String, String> headers, Duration timeout) {
        CompletableFuture<Response> result = new CompletableFuture<>();
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_RESPONSE), new Reader(result));
                    }
                });
        bootstrap.connect(mesh).addListener((ChannelFuture connected) -> {
            if (!connected.isSuccess()) {
                result.completeExceptionally(connected.cause());
                return;
            }
            Channel channel = connected.channel();
            result.whenComplete((r, e) -> channel.close());
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, pathAndQuery, Unpooled.EMPTY_BUFFER);
            headers.forEach((k, v) -> request.headers().set(k, v));
            request.headers().set(HttpHeaderNames.HOST, host);
            request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            channel.writeAndFlush(request).addListener(written -> {
                if (!written.isSuccess()) {
                    result.completeExceptionally(written.cause());
                }
            });
        });
        return result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private static final class Reader extends SimpleChannelInboundHandler<FullHttpResponse> {

        private final CompletableFuture<Response> result;

        Reader(CompletableFuture<Response> result) {
            this.result = result;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse msg) {
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            Map<String, String> ordered = new LinkedHashMap<>();
            msg.headers().forEach(e -> ordered.putIfAbsent(e.getKey(), e.getValue()));
            headers.putAll(ordered);
            result.complete(new Response(msg.status().code(), headers, msg.content().toString(StandardCharsets.UTF_8)));
            ctx.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            result.completeExceptionally(cause);
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            result.completeExceptionally(new IOException("the mesh proxy closed the connection before answering"));
        }
    }
}
