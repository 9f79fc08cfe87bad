package dev.sluice.local.mesh;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of an endpoint connection: hands responses to the call that owns the
 * connection, and closes the connection when it is idle in the pool.
 */
final class UpstreamHandler extends ChannelInboundHandlerAdapter {

    /** The call using this connection, or null while it is idle in the pool. */
    private UpstreamCall call;

    void attach(UpstreamCall c) {
        this.call = c;
    }

    void detach() {
        this.call = null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        UpstreamCall c = call;
        if (c == null || !(msg instanceof HttpObject o)) {
            ReferenceCountUtil.release(msg); // an unsolicited response: the connection is no longer usable
            ctx.close();
            return;
        }
        c.onResponse(o);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        UpstreamCall c = call;
        if (c != null) {
            c.onResponseReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        UpstreamCall c = call;
        if (c != null) {
            c.onUpstreamWritabilityChanged(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        UpstreamCall c = call;
        call = null;
        if (c != null) {
            c.onUpstreamClosed(null);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent && call == null) {
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        UpstreamCall c = call;
        call = null;
        ctx.close();
        if (c != null) {
            c.onUpstreamClosed(cause);
        }
    }
}
