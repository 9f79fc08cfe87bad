package dev.sluice.local.mesh.metrics;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** Counters of one series family and status code. Lock-free; updated from any thread. */
public final class StatusCell {

    final int status;
    final LongAdder successes = new LongAdder();
    final LongAdder failures = new LongAdder();
    /** Non-cumulative per bucket. */
    final LongAdder[] buckets = new LongAdder[LatencyBuckets.COUNT];
    final DoubleAdder sumMs = new DoubleAdder();

    StatusCell(int status) {
        this.status = status;
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    /** Records the time to the first byte of a response. */
    void observe(double latencyMs) {
        buckets[LatencyBuckets.indexOf(latencyMs)].increment();
        sumMs.add(latencyMs);
    }

    /** Records the end of a response stream; {@code failure} for 5xx or a broken stream. */
    void end(boolean failure) {
        (failure ? failures : successes).increment();
    }

    long[] cumulativeBuckets() {
        long[] out = new long[buckets.length];
        long sum = 0;
        for (int i = 0; i < buckets.length; i++) {
            sum += buckets[i].sum();
            out[i] = sum;
        }
        return out;
    }
}
