package dev.sluice.local.mesh;

import dev.sluice.local.mesh.metrics.Recorder;
import dev.sluice.local.mesh.route.Endpoint;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One request sent to one endpoint over a pooled keep-alive connection, with its golden metrics.
 * Subclasses decide where the response goes (the client, or nowhere for a mirror). Confined to the
 * event loop of its {@link UpstreamPool}; every {@link HttpContent} handed in is owned (released) here.
 */
abstract class UpstreamCall extends ResponseDeadlines.Entry {

    protected final UpstreamPool pool;
    protected final Endpoint endpoint;
    private final Recorder recorder;
    private final long timeoutNanos;
    private final ResponseDeadlines deadlines;
    private final long startNanos = System.nanoTime();

    private HttpRequest head;
    private ArrayDeque<HttpContent> pending;
    private long pendingBytes;
    private boolean requestComplete;
    private boolean bodyWritten;
    protected Channel upstream;
    private UpstreamHandler handler;
    private boolean reused;
    private boolean retried;
    private boolean informational;
    protected boolean responseStarted;
    protected boolean finished;
    private int status;
    private boolean upstreamKeepAlive;

    UpstreamCall(UpstreamPool pool, Endpoint endpoint, Recorder recorder, long timeoutNanos) {
        this.pool = pool;
        this.endpoint = endpoint;
        this.recorder = recorder;
        this.timeoutNanos = timeoutNanos;
        this.deadlines = pool.deadlines();
    }

    void start(HttpRequest requestHead) {
        this.head = requestHead;
        recorder.request();
        acquire();
    }

    private void acquire() {
        Channel idle = retried ? null : pool.poll(endpoint);
        if (idle != null) {
            reused = true;
            attach(idle);
            return;
        }
        reused = false;
        ChannelFuture f = pool.connect(endpoint);
        if (f.isDone()) {
            onConnect(f);
        } else {
            f.addListener((ChannelFuture cf) -> onConnect(cf));
        }
    }

    private void onConnect(ChannelFuture f) {
        if (finished) {
            if (f.isSuccess()) {
                f.channel().close();
            }
            return;
        }
        if (!f.isSuccess()) {
            fail(502, "cannot connect to " + describeEndpoint() + ": " + f.cause().getMessage());
            return;
        }
        attach(f.channel());
    }

    private void attach(Channel ch) {
        upstream = ch;
        handler = ch.pipeline().get(UpstreamHandler.class);
        handler.attach(this);
        deadlines.arm(this, System.nanoTime());
        ch.write(head, ch.voidPromise());
        if (retried && requestComplete && pending == null) {
            ch.write(LastHttpContent.EMPTY_LAST_CONTENT, ch.voidPromise());
        }
        if (pending != null) {
            HttpContent c;
            while ((c = pending.poll()) != null) {
                writeUpstream(c);
            }
            pending = null;
            pendingBytes = 0;
        }
        ch.flush();
        onAttached();
    }

    /** A piece of the request body (or its end). Ownership passes to this call. */
    void content(HttpContent c) {
        if (c instanceof LastHttpContent) {
            requestComplete = true;
        }
        if (finished) {
            c.release();
            return;
        }
        if (upstream == null) {
            if (pending == null) {
                pending = new ArrayDeque<>(2);
            }
            pending.add(c);
            pendingBytes += c.content().readableBytes();
            onBuffered(pendingBytes);
            return;
        }
        writeUpstream(c);
        if (c instanceof LastHttpContent) {
            upstream.flush();
        }
    }

    private void writeUpstream(HttpContent c) {
        if (c.content().isReadable()) {
            bodyWritten = true;
        }
        upstream.write(c, upstream.voidPromise());
    }

    /** Sends what was written so far; called when the client's read batch ends. */
    void flushUpstream() {
        if (upstream != null && !finished) {
            upstream.flush();
        }
    }

    final void onResponse(HttpObject o) {
        if (o instanceof HttpResponse r) {
            int code = r.status().code();
            if (code >= 100 && code < 200 && code != 101) {
                informational = true; // e.g. 100 Continue: passed on, the final response follows
                onInformational(r);
                return;
            }
            deadlines.disarm(this);
            responseStarted = true;
            status = code;
            upstreamKeepAlive = HttpUtil.isKeepAlive(r);
            recorder.firstByte(code, System.nanoTime() - startNanos);
            onResponseHead(r);
        }
        if (o instanceof HttpContent c) {
            if (informational) {
                c.release();
                if (c instanceof LastHttpContent) {
                    informational = false;
                }
                return;
            }
            boolean last = c instanceof LastHttpContent;
            if (finished) {
                c.release();
                return;
            }
            onResponseContent(c, last);
            if (last) {
                complete();
            }
        }
    }

    private void complete() {
        finished = true;
        recorder.end(status, status >= 500);
        handler.detach();
        if (upstreamKeepAlive && requestComplete) {
            upstream.config().setAutoRead(true);
            pool.release(endpoint, upstream);
        } else {
            upstream.close();
        }
    }

    final void onUpstreamClosed(Throwable cause) {
        if (finished) {
            return;
        }
        deadlines.disarm(this);
        if (!responseStarted && reused && !bodyWritten && !retried) {
            // A pooled connection the endpoint had already closed: try once more on a fresh one.
            retried = true;
            upstream = null;
            acquire();
            return;
        }
        if (!responseStarted) {
            fail(502, "connection to " + describeEndpoint() + " closed before a response"
                    + (cause == null ? "" : ": " + cause.getMessage()));
        } else {
            finished = true;
            recorder.end(status, true);
            onBrokenResponse();
        }
    }

    @Override
    protected void expired() {
        if (finished || responseStarted) {
            return;
        }
        fail(504, describeEndpoint() + " did not answer within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
    }

    private void fail(int code, String message) {
        finished = true;
        deadlines.disarm(this);
        releasePending();
        if (upstream != null) {
            handler.detach();
            upstream.close();
        }
        recorder.firstByte(code, System.nanoTime() - startNanos);
        recorder.end(code, true);
        onFailure(code, message);
    }

    /** The client went away or the call is no longer wanted: drop everything, never reuse the connection. */
    void abort() {
        if (finished) {
            return;
        }
        finished = true;
        deadlines.disarm(this);
        releasePending();
        if (upstream != null) {
            handler.detach();
            upstream.close();
        }
    }

    private void releasePending() {
        if (pending != null) {
            pending.forEach(HttpContent::release);
            pending = null;
        }
    }

    void resumeUpstreamReads() {
        if (upstream != null && !finished) {
            upstream.config().setAutoRead(true);
        }
    }

    void pauseUpstreamReads() {
        if (upstream != null && !finished) {
            upstream.config().setAutoRead(false);
        }
    }

    String describeEndpoint() {
        return endpoint.address() + " (" + endpoint.namespace() + "/" + endpoint.deployment()
                + (endpoint.pod().isEmpty() ? "" : " " + endpoint.pod()) + ")";
    }

    /** Connected and the buffered request was written. */
    protected void onAttached() {
    }

    /** Request bytes are waiting for the connection. */
    protected void onBuffered(long bytes) {
    }

    protected abstract void onInformational(HttpResponse r);

    protected abstract void onResponseHead(HttpResponse r);

    /** Ownership of {@code c} passes to the subclass. */
    protected abstract void onResponseContent(HttpContent c, boolean last);

    protected abstract void onResponseReadComplete();

    protected abstract void onUpstreamWritabilityChanged(boolean writable);

    /** No response came: answer {@code status} with {@code message} if there is anyone to answer. */
    protected abstract void onFailure(int status, String message);

    /** The response broke after its head was passed on. */
    protected abstract void onBrokenResponse();
}
