package dev.sluice.delivery.loadtester;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The load generator's notion of time: when to send the next request ({@code -q}) and when a
 * {@code -z} run is over. The real one waits; {@link #virtual()} only moves a shared counter, so
 * tests of pacing are exact and take no wall time. Thread-safe.
 */
public interface Pacer {

    long nanoTime();

    /** Returns once {@link #nanoTime()} has reached {@code deadline}. */
    void sleepUntil(long deadline) throws InterruptedException;

    /** Wall-clock pacing. */
    static Pacer real() {
        return new Pacer() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleepUntil(long deadline) throws InterruptedException {
                for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
                    LockSupport.parkNanos(left);
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                }
            }
        };
    }

    /** Virtual time: waiting jumps the shared clock forward; requests themselves take no time. */
    static Pacer virtual() {
        AtomicLong now = new AtomicLong();
        return new Pacer() {
            @Override
            public long nanoTime() {
                return now.get();
            }

            @Override
            public void sleepUntil(long deadline) {
                now.accumulateAndGet(deadline, Math::max);
            }
        };
    }
}
