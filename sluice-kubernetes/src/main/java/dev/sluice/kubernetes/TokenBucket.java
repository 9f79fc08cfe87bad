package dev.sluice.kubernetes;

/**
 * client-go's token bucket: {@code qps} tokens per second on average, at most {@code burst} saved up.
 * Pure bookkeeping on nanosecond timestamps the caller passes in, so tests drive it without waiting.
 * Not thread-safe: {@link RateLimitInterceptor} guards it.
 */
final class TokenBucket {

    private final double tokensPerNano;
    private final double burst;
    private double tokens;
    private long last;

    TokenBucket(double qps, int burst, long nowNanos) {
        if (qps <= 0 || burst < 1) {
            throw new IllegalArgumentException("need qps > 0 and burst >= 1, got qps " + qps + ", burst " + burst);
        }
        this.tokensPerNano = qps / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = nowNanos;
    }

    /**
     * Takes one token, going into debt when none is left (later callers queue behind).
     *
     * @return how long the caller must wait before sending, in nanoseconds (0: send now)
     */
    long reserve(long nowNanos) {
        if (nowNanos > last) {
            tokens = Math.min(burst, tokens + (nowNanos - last) * tokensPerNano);
            last = nowNanos;
        }
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / tokensPerNano);
    }
}
