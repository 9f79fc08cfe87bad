package dev.sluice.local.mesh;

import dev.sluice.local.mesh.route.RouteDecision;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;

/**
 * One client connection: routes each request, forwards it (and its mirror copy), streams the
 * response back. Requests are handled one at a time; pipelined ones wait in a queue. Reading from
 * the client stops while the endpoint cannot take more (backpressure), and resumes when it can.
 * Confined to the connection's event loop.
 */
final class FrontendHandler extends ChannelInboundHandlerAdapter {

    private static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    private static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    private static final AsciiString X_FORWARDED_HOST = AsciiString.cached("x-forwarded-host");

    static final int PIPELINED = 1;
    static final int WAITING_FOR_ENDPOINT = 2;
    static final int ENDPOINT_UNWRITABLE = 4;

    private final ProxyContext proxy;
    private ChannelHandlerContext ctx;
    private UpstreamPool pool;
    private String clientIp;

    private boolean requestOpen;
    private boolean responseOpen;
    private boolean keepAlive = true;
    private HttpVersion version = HttpVersion.HTTP_1_1;
    private ForwardCall call;
    private MirrorCall mirror;
    private ArrayDeque<Object> queued;
    private int pauseReasons;

    FrontendHandler(ProxyContext proxy) {
        this.proxy = proxy;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext c) {
        this.ctx = c;
        this.pool = proxy.pools.get(c.channel().eventLoop());
        if (c.channel().remoteAddress() instanceof InetSocketAddress a) {
            clientIp = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext c, Object msg) {
        if (queued != null && !queued.isEmpty() || (msg instanceof HttpRequest && (requestOpen || responseOpen))) {
            if (queued == null) {
                queued = new ArrayDeque<>();
            }
            queued.add(msg);
            pause(PIPELINED);
            return;
        }
        dispatch(msg);
    }

    private void dispatch(Object msg) {
        if (msg instanceof HttpRequest req) {
            onRequest(req);
        }
        if (msg instanceof HttpContent content) {
            onContent(content);
        } else if (!(msg instanceof HttpRequest)) {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onRequest(HttpRequest req) {
        requestOpen = true;
        responseOpen = true;
        version = req.protocolVersion();
        keepAlive = HttpUtil.isKeepAlive(req);
        if (req.decoderResult().isFailure()) {
            keepAlive = false;
            answerLocally(400, "malformed request: " + req.decoderResult().cause().getMessage());
            return;
        }
        NettyRequestView view = new NettyRequestView(req);
        RouteDecision d = proxy.routes.get().route(view, proxy.config.random(), proxy);
        switch (d) {
            case RouteDecision.Forward f -> forward(req, view, f);
            case RouteDecision.NotFound nf -> answerLocally(404, nf.message());
            case RouteDecision.Unavailable u -> answerLocally(503, u.message());
        }
    }

    private void forward(HttpRequest req, NettyRequestView view, RouteDecision.Forward f) {
        prepareUpstreamHead(req, view);
        if (f.mirror() != null) {
            HttpRequest copy = new DefaultHttpRequest(HttpVersion.HTTP_1_1, req.method(), req.uri(), req.headers().copy());
            mirror = new MirrorCall(pool, f.mirror().endpoint(),
                    proxy.metrics.recorder(f.mirror().service(), f.mirror().endpoint()), proxy.responseTimeoutNanos);
            mirror.start(copy);
        }
        proxy.started(f.endpoint());
        call = new ForwardCall(this, pool, f.endpoint(), proxy.metrics.recorder(f.service(), f.endpoint()),
                proxy.responseTimeoutNanos, f.responseHeaders(), keepAlive, version, req.method().equals(HttpMethod.HEAD));
        call.start(req);
    }

    /** Hop-by-hop headers out, X-Forwarded-* in, HTTP/1.1 with an origin-form target. */
    private void prepareUpstreamHead(HttpRequest req, NettyRequestView view) {
        HttpHeaders h = req.headers();
        String connection = h.get(HttpHeaderNames.CONNECTION);
        if (connection != null) {
            for (String token : connection.split(",")) {
                String t = token.strip();
                if (!t.isEmpty() && !t.equalsIgnoreCase("close") && !t.equalsIgnoreCase("keep-alive")) {
                    h.remove(t);
                }
            }
            h.remove(HttpHeaderNames.CONNECTION);
        }
        h.remove(HttpHeaderNames.KEEP_ALIVE);
        h.remove(HttpHeaderNames.PROXY_CONNECTION);
        h.remove(HttpHeaderNames.TE);
        h.remove(HttpHeaderNames.UPGRADE);
        String authority = view.authority();
        if (authority != null && !h.contains(HttpHeaderNames.HOST)) {
            h.set(HttpHeaderNames.HOST, authority);
        }
        if (clientIp != null) {
            String prior = h.get(X_FORWARDED_FOR);
            h.set(X_FORWARDED_FOR, prior == null ? clientIp : prior + ", " + clientIp);
        }
        if (!h.contains(X_FORWARDED_PROTO)) {
            h.set(X_FORWARDED_PROTO, "http");
        }
        if (authority != null && !h.contains(X_FORWARDED_HOST)) {
            h.set(X_FORWARDED_HOST, authority);
        }
        if (!view.originForm.equals(req.uri())) {
            req.setUri(view.originForm);
        }
        req.setProtocolVersion(HttpVersion.HTTP_1_1);
    }

    private void onContent(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (!requestOpen) {
            content.release(); // a stray body part: nothing wants it
            return;
        }
        if (mirror != null) {
            mirror.content(content.retainedDuplicate());
        }
        if (call != null) {
            call.content(content);
        } else {
            content.release(); // answered locally: the body is read and dropped
        }
        if (last) {
            requestOpen = false;
            maybeFinish();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext c) {
        if (call != null) {
            call.flushUpstream();
        }
        if (mirror != null) {
            mirror.flushUpstream();
        }
    }

    /** Writes a response the proxy makes itself for the current request. */
    void answerLocally(int status, String message) {
        if (!ctx.channel().isActive()) {
            responseOpen = false;
            return;
        }
        if (status >= 400 && status != 404 && status != 503) {
            keepAlive = false; // after a 400/502/504 the connection state is doubtful
        }
        ctx.writeAndFlush(LocalResponses.text(ctx.alloc(), version, status, message, keepAlive), ctx.voidPromise());
        responseDone();
    }

    void responseStarted(boolean keepAliveAfter) {
        this.keepAlive = keepAliveAfter;
    }

    void write(Object msg) {
        ctx.write(msg, ctx.voidPromise());
    }

    void flush() {
        ctx.flush();
    }

    boolean isWritable() {
        return ctx.channel().isWritable();
    }

    void closeNow() {
        ctx.close();
    }

    /** The response is fully written (or queued for writing). */
    void responseDone() {
        responseOpen = false;
        maybeFinish();
    }

    private void maybeFinish() {
        if (requestOpen || responseOpen) {
            return;
        }
        if (call != null) {
            proxy.ended(call.endpoint);
            call = null;
        }
        mirror = null;
        if (!keepAlive) {
            ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            releaseQueued();
            return;
        }
        while (queued != null && !queued.isEmpty() && !requestOpen && !responseOpen) {
            dispatch(queued.poll());
            while (queued != null && !queued.isEmpty() && requestOpen && !(queued.peek() instanceof HttpRequest)) {
                dispatch(queued.poll());
            }
        }
        if (queued == null || queued.isEmpty()) {
            resume(PIPELINED);
        }
    }

    void pause(int reason) {
        boolean was = pauseReasons == 0;
        pauseReasons |= reason;
        if (was) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    void resume(int reasons) {
        if (pauseReasons == 0) {
            return;
        }
        pauseReasons &= ~reasons;
        if (pauseReasons == 0) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext c) {
        if (c.channel().isWritable() && call != null) {
            call.resumeUpstreamReads();
        }
        c.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext c, Object evt) {
        if (evt instanceof IdleStateEvent && !requestOpen && !responseOpen) {
            c.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext c) {
        if (call != null) {
            call.abort();
            proxy.ended(call.endpoint);
            call = null;
        }
        if (mirror != null && requestOpen) {
            mirror.abort(); // it would never see the end of the request
        }
        mirror = null;
        releaseQueued();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
        c.close();
    }

    private void releaseQueued() {
        if (queued != null) {
            queued.forEach(ReferenceCountUtil::release);
            queued.clear();
        }
    }
}
