package dev.sluice.local.mesh;

import dev.sluice.local.mesh.metrics.Recorder;
import dev.sluice.local.mesh.route.Endpoint;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;

/**
 * A fire-and-forget copy of a request: its response is read and dropped, and it is abandoned
 * rather than ever slowing the real request down (a slow or unwritable mirror is cut off).
 * The mirrored workload's inbound metrics count it, as a Linkerd-meshed mirror target would.
 */
final class MirrorCall extends UpstreamCall {

    private static final long MAX_BUFFERED = 256 * 1024;

    MirrorCall(UpstreamPool pool, Endpoint endpoint, Recorder recorder, long timeoutNanos) {
        super(pool, endpoint, recorder, timeoutNanos);
    }

    @Override
    protected void onBuffered(long bytes) {
        if (bytes > MAX_BUFFERED) {
            abort();
        }
    }

    @Override
    protected void onInformational(HttpResponse r) {
    }

    @Override
    protected void onResponseHead(HttpResponse r) {
    }

    @Override
    protected void onResponseContent(HttpContent c, boolean last) {
        c.release();
    }

    @Override
    protected void onResponseReadComplete() {
    }

    @Override
    protected void onUpstreamWritabilityChanged(boolean writable) {
        if (!writable) {
            abort();
        }
    }

    @Override
    protected void onFailure(int status, String message) {
    }

    @Override
    protected void onBrokenResponse() {
    }
}
