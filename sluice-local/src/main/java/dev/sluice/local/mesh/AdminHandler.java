package dev.sluice.local.mesh;

import dev.sluice.local.mesh.metrics.GoldenMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.io.IOException;

/**
 * The admin port, like Linkerd's :4191: {@code GET /metrics} (Prometheus text format) and
 * {@code GET /ready}. Kept off the data plane so no Service or Ingress host can shadow it.
 */
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final GoldenMetrics metrics;

    AdminHandler(GoldenMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) throws IOException {
        String path = req.uri().split("\\?", 2)[0];
        FullHttpResponse res;
        if (path.equals("/metrics")) {
            ByteBuf body = ctx.alloc().buffer(4096);
            try (ByteBufOutputStream out = new ByteBufOutputStream(body)) {
                metrics.writeText(out);
            } catch (IOException | RuntimeException e) {
                body.release();
                throw e;
            }
            res = new DefaultFullHttpResponse(req.protocolVersion(), HttpResponseStatus.OK, body);
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, GoldenMetrics.contentType());
        } else if (path.equals("/ready")) {
            res = LocalResponses.text(ctx.alloc(), req.protocolVersion(), 200, "ready", true);
        } else {
            res = LocalResponses.text(ctx.alloc(), req.protocolVersion(), 404, "the admin port serves /metrics and /ready", true);
        }
        HttpUtil.setContentLength(res, res.content().readableBytes());
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        HttpUtil.setKeepAlive(res, keepAlive);
        var f = ctx.writeAndFlush(res);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
