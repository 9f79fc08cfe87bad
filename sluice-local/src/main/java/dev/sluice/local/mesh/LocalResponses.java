package dev.sluice.local.mesh;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** Responses the proxy writes itself: 404, 502, 503, 504 with a plain-text reason. */
final class LocalResponses {

    private LocalResponses() {
    }

    /**
     * @param message what went wrong, also sent as the {@code l5d-proxy-error} header as Linkerd does
     */
    static FullHttpResponse text(ByteBufAllocator alloc, HttpVersion version, int status, String message, boolean keepAlive) {
        FullHttpResponse r = new DefaultFullHttpResponse(version, HttpResponseStatus.valueOf(status),
                ByteBufUtil.writeUtf8(alloc, message + "\n"));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes())
                .set("l5d-proxy-error", message.replaceAll("[\\r\\n]", " "));
        if (!keepAlive) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (version.equals(HttpVersion.HTTP_1_0)) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        return r;
    }
}
