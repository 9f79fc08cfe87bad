package dev.sluice.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long S = TimeUnit.SECONDS.toNanos(1);

    @Test
    void burstGoesOutAtOnceThenRequestsArePacedAtQps() {
        TokenBucket b = new TokenBucket(50, 3, 0);
        assertThat(b.reserve(0)).isZero();
        assertThat(b.reserve(0)).isZero();
        assertThat(b.reserve(0)).isZero();
        // The fourth waits one token's time (20 ms at 50 qps), the fifth two.
        assertThat(b.reserve(0)).isEqualTo(S / 50);
        assertThat(b.reserve(0)).isEqualTo(2 * S / 50);
    }

    @Test
    void idleTimeRefillsUpToTheBurstOnly() {
        TokenBucket b = new TokenBucket(10, 2, 0);
        b.reserve(0);
        b.reserve(0);
        long later = 60 * S; // a minute idle saves 600 tokens' worth, but the bucket holds 2
        assertThat(b.reserve(later)).isZero();
        assertThat(b.reserve(later)).isZero();
        assertThat(b.reserve(later)).isEqualTo(S / 10);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, 0)).hasMessageContaining("qps");
        assertThatThrownBy(() -> new TokenBucket(5, 0, 0)).hasMessageContaining("burst");
    }

    @Test
    void theInterceptorWaitsOnlyWhenTheBucketIsEmpty() {
        long[] now = {0};
        RateLimitInterceptor limiter = new RateLimitInterceptor(1000, 1, () -> now[0]);
        limiter.before(null, null, null); // the burst token: no wait (a wait would spin on the frozen clock)
        now[0] += S; // a second later a token is back
        limiter.before(null, null, null);
    }
}
