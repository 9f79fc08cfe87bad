package dev.sluice.kubernetes;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Client-side QPS and burst for every request the fabric8 client sends (reads, writes, watch and
 * informer list calls, lease renewals), as client-go's rate limiter does. The wait happens in the
 * calling thread before the request goes out; reconciles run on virtual threads, so waiting is cheap.
 * Thread-safe.
 */
final class RateLimitInterceptor implements Interceptor {

    static final String NAME = "sluice-rate-limit";

    private final TokenBucket bucket;
    private final LongSupplier nanoTime;

    RateLimitInterceptor(double qps, int burst) {
        this(qps, burst, System::nanoTime);
    }

    RateLimitInterceptor(double qps, int burst, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.bucket = new TokenBucket(qps, burst, nanoTime.getAsLong());
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        long wait;
        synchronized (bucket) {
            wait = bucket.reserve(nanoTime.getAsLong());
        }
        long deadline = nanoTime.getAsLong() + wait;
        // Park until our slot; interrupted threads stop waiting and send (the request is then cancelled by its caller).
        for (long left = wait; left > 0 && !Thread.currentThread().isInterrupted(); left = deadline - nanoTime.getAsLong()) {
            LockSupport.parkNanos(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
        }
    }
}
