package dev.sluice.delivery.net;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read up to a cap: once {@code cap} bytes arrived the subscription is cancelled,
 * so a huge answer costs at most {@code cap} bytes of heap (the connection is then dropped).
 *
 * @param bytes     the first bytes of the body, at most the cap
 * @param truncated whether the body was longer
 */
public record CappedBody(byte[] bytes, boolean truncated) {

    public static final int ONE_MIB = 1 << 20;

    public String text() {
        return new String(bytes, StandardCharsets.UTF_8) + (truncated ? "... (truncated)" : "");
    }

    /** A body handler keeping at most {@code cap} bytes. */
    public static Handler handler(int cap) {
        return new Handler(cap);
    }

    /** The handler of one exchange; {@link #abort} ends a body still streaming (e.g. at a deadline). */
    public static final class Handler implements HttpResponse.BodyHandler<CappedBody> {

        private final int cap;
        private volatile Subscriber subscriber;
        private volatile Throwable aborted;

        Handler(int cap) {
            this.cap = cap;
        }

        @Override
        public HttpResponse.BodySubscriber<CappedBody> apply(HttpResponse.ResponseInfo info) {
            Subscriber s = new Subscriber(cap);
            subscriber = s;
            if (aborted != null) {
                s.abort(aborted);
            }
            return s;
        }

        /** Fails the body with {@code cause} and stops reading it; harmless once the body is complete. */
        public void abort(Throwable cause) {
            aborted = cause;
            Subscriber s = subscriber;
            if (s != null) {
                s.abort(cause);
            }
        }
    }

    private static final class Subscriber implements HttpResponse.BodySubscriber<CappedBody> {

        private final int cap;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final CompletableFuture<CappedBody> result = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;

        Subscriber(int cap) {
            this.cap = cap;
        }

        @Override
        public CompletionStage<CappedBody> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public synchronized void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                int room = cap - out.size();
                int take = Math.min(room, b.remaining());
                byte[] chunk = new byte[take];
                b.get(chunk);
                out.write(chunk, 0, take);
                if (b.hasRemaining()) {
                    result.complete(new CappedBody(out.toByteArray(), true));
                    subscription.cancel();
                    return;
                }
            }
        }

        void abort(Throwable cause) {
            if (result.completeExceptionally(cause)) {
                Flow.Subscription s = subscription;
                if (s != null) {
                    s.cancel();
                }
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public synchronized void onComplete() {
            result.complete(new CappedBody(out.toByteArray(), false));
        }
    }
}
