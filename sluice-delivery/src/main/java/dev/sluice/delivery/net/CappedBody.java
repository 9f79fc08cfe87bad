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
    public static HttpResponse.BodyHandler<CappedBody> handler(int cap) {
        return info -> new Subscriber(cap);
    }

    private static final class Subscriber implements HttpResponse.BodySubscriber<CappedBody> {

        private final int cap;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final CompletableFuture<CappedBody> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

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
        public void onNext(List<ByteBuffer> items) {
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

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(new CappedBody(out.toByteArray(), false));
        }
    }
}
