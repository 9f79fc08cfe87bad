package dev.sluice.helm.source.oci;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into memory up to a limit. Past the limit the exchange is cancelled and the
 * body fails with {@link TooLarge} (or, with {@code truncate}, ends with what was read: for error
 * bodies, of which only the start is shown). A declared {@code Content-Length} over the limit fails
 * before anything is read.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

    /** The body is larger than the limit. */
    static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("larger than " + limit + " bytes");
        }
    }

    private final long limit;
    private final boolean truncate;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    private BoundedBody(long limit, boolean truncate) {
        this.limit = limit;
        this.truncate = truncate;
    }

    /** Bodies of 2xx responses up to {@code limit} bytes, other bodies truncated to {@code errorLimit}. */
    static HttpResponse.BodyHandler<byte[]> handler(long limit, long errorLimit) {
        return info -> {
            boolean ok = info.statusCode() / 100 == 2;
            long max = ok ? limit : errorLimit;
            long declared = info.headers().firstValueAsLong("content-length").orElse(-1);
            if (ok && declared > max) {
                BoundedBody refused = new BoundedBody(max, false);
                refused.result.completeExceptionally(new TooLarge(max));
                return refused;
            }
            return new BoundedBody(max, !ok);
        };
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (result.isDone()) {
            s.cancel();
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer b : items) {
            int n = b.remaining();
            if (bytes.size() + (long) n > limit) {
                if (truncate) {
                    byte[] part = new byte[(int) (limit - bytes.size())];
                    b.get(part);
                    bytes.writeBytes(part);
                    result.complete(bytes.toByteArray());
                } else {
                    result.completeExceptionally(new TooLarge(limit));
                }
                subscription.cancel();
                return;
            }
            byte[] chunk = new byte[n];
            b.get(chunk);
            bytes.writeBytes(chunk);
        }
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        result.complete(bytes.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }
}
