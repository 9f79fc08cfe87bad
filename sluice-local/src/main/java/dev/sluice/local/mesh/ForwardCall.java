package dev.sluice.local.mesh;

import dev.sluice.local.mesh.metrics.Recorder;
import dev.sluice.local.mesh.route.Endpoint;
import dev.sluice.local.mesh.route.HeaderValue;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;

/** The request of a client, forwarded to the chosen endpoint; the response streams back to the client. */
final class ForwardCall extends UpstreamCall {

    /** Buffer at most this much request body while the endpoint connection opens, then stop reading. */
    private static final long MAX_BUFFERED = 64 * 1024;

    private final FrontendHandler front;
    private final List<HeaderValue> addHeaders;
    private final boolean clientKeepAlive;
    private final HttpVersion clientVersion;
    private final boolean headRequest;

    ForwardCall(FrontendHandler front, UpstreamPool pool, Endpoint endpoint, Recorder recorder, long timeoutNanos,
                List<HeaderValue> addHeaders, boolean clientKeepAlive, HttpVersion clientVersion, boolean headRequest) {
        super(pool, endpoint, recorder, timeoutNanos);
        this.front = front;
        this.addHeaders = addHeaders;
        this.clientKeepAlive = clientKeepAlive;
        this.clientVersion = clientVersion;
        this.headRequest = headRequest;
    }

    @Override
    protected void onBuffered(long bytes) {
        if (bytes > MAX_BUFFERED) {
            front.pause(FrontendHandler.WAITING_FOR_ENDPOINT);
        }
    }

    @Override
    protected void onAttached() {
        front.resume(FrontendHandler.WAITING_FOR_ENDPOINT);
        if (!upstream.isWritable()) {
            front.pause(FrontendHandler.ENDPOINT_UNWRITABLE);
        }
    }

    @Override
    protected void onInformational(HttpResponse r) {
        r.setProtocolVersion(clientVersion);
        front.write(r);
        front.flush();
    }

    @Override
    protected void onResponseHead(HttpResponse r) {
        HttpHeaders h = r.headers();
        h.remove(HttpHeaderNames.CONNECTION);
        h.remove(HttpHeaderNames.KEEP_ALIVE);
        h.remove(HttpHeaderNames.PROXY_CONNECTION);
        for (HeaderValue v : addHeaders) {
            h.add(v.name(), v.value());
        }
        boolean keepAlive = clientKeepAlive;
        if (clientVersion.equals(HttpVersion.HTTP_1_0)) {
            // An HTTP/1.0 client cannot read chunks: send the body as is and end it by closing.
            keepAlive = keepAlive && HttpUtil.isContentLengthSet(r);
            h.remove(HttpHeaderNames.TRANSFER_ENCODING);
            if (keepAlive) {
                h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
        } else if (!HttpUtil.isContentLengthSet(r) && !HttpUtil.isTransferEncodingChunked(r) && mayHaveBody(r)) {
            HttpUtil.setTransferEncodingChunked(r, true); // the endpoint ends its body by closing
        }
        if (!keepAlive) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        r.setProtocolVersion(clientVersion);
        front.responseStarted(keepAlive);
        front.write(r);
    }

    private boolean mayHaveBody(HttpResponse r) {
        int code = r.status().code();
        return !headRequest && code != 204 && code != 304;
    }

    @Override
    protected void onResponseContent(HttpContent c, boolean last) {
        front.write(c);
        if (last) {
            front.flush();
            front.responseDone();
        } else if (!front.isWritable()) {
            pauseUpstreamReads();
        }
    }

    @Override
    protected void onResponseReadComplete() {
        front.flush();
    }

    @Override
    protected void onUpstreamWritabilityChanged(boolean writable) {
        if (writable) {
            front.resume(FrontendHandler.ENDPOINT_UNWRITABLE);
        } else {
            front.pause(FrontendHandler.ENDPOINT_UNWRITABLE);
        }
    }

    @Override
    protected void onFailure(int status, String message) {
        front.resume(FrontendHandler.WAITING_FOR_ENDPOINT | FrontendHandler.ENDPOINT_UNWRITABLE);
        front.answerLocally(status, message);
    }

    @Override
    protected void onBrokenResponse() {
        front.closeNow();
    }
}
