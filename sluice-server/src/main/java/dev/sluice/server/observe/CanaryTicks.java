package dev.sluice.server.observe;

import dev.sluice.delivery.observe.AnalysisTick;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * One Canary's recent ticks, compact: consecutive ticks that differ only in their time (a canary
 * waiting, or idle at Succeeded, ticks the same every interval) are one run, which keeps the tick
 * once and each further tick as its time (8 bytes). Tracks an estimate of the bytes it holds, for
 * the {@link TickStore}'s bound. Not thread-safe (the store's lock guards it).
 */
final class CanaryTicks {

    /** A run: {@code template} (its time unused) at each of {@code times} (epoch nanos) from {@code head}. */
    private static final class Run {
        final AnalysisTick template;
        long[] times = new long[4];
        int head;
        int end;

        Run(AnalysisTick template) {
            this.template = template;
        }

        int size() {
            return end - head;
        }

        void append(long nanos) {
            if (end == times.length) {
                if (head > 0) {
                    System.arraycopy(times, head, times, 0, end - head);
                    end -= head;
                    head = 0;
                }
                if (end == times.length) {
                    times = Arrays.copyOf(times, times.length + Math.max(4, times.length / 2));
                }
            }
            times[end++] = nanos;
        }

        AnalysisTick at(int i) {
            long nanos = times[head + i];
            Instant at = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
            AnalysisTick t = template;
            return new AnalysisTick(t.canary(), at, t.revision(), t.phase(), t.primaryWeight(), t.canaryWeight(),
                    t.iterations(), t.failedChecks(), t.metrics(), t.hooks(), t.events());
        }

        long bytes() {
            return TickSizes.tick(template) + 16L + 8L * times.length;
        }
    }

    private final ArrayDeque<Run> runs = new ArrayDeque<>();
    private int count;
    private long bytes;

    /** Appends a tick; returns the change in the bytes held. */
    long add(AnalysisTick tick) {
        long before = bytes;
        Run last = runs.peekLast();
        if (last == null || !sameButTime(last.template, tick)) {
            last = new Run(tick);
            runs.addLast(last);
            bytes += last.bytes();
        }
        long grownFrom = last.bytes();
        last.append(nanos(tick.at()));
        bytes += last.bytes() - grownFrom;
        count++;
        return bytes - before;
    }

    /** Drops the oldest tick; returns the change in the bytes held (zero or negative). */
    long dropOldest() {
        Run first = runs.peekFirst();
        if (first == null) {
            return 0;
        }
        long before = bytes;
        first.head++;
        count--;
        if (first.size() == 0) {
            runs.removeFirst();
            bytes -= first.bytes();
        }
        return bytes - before;
    }

    /** Drops the oldest run of alike ticks whole (what frees memory); returns the change in the bytes held. */
    long dropOldestRun() {
        Run first = runs.pollFirst();
        if (first == null) {
            return 0;
        }
        count -= first.size();
        bytes -= first.bytes();
        return -first.bytes();
    }

    int count() {
        return count;
    }

    long bytes() {
        return bytes;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Every tick, oldest first. */
    void forEach(Consumer<AnalysisTick> out) {
        for (Run r : runs) {
            for (int i = 0; i < r.size(); i++) {
                out.accept(r.at(i));
            }
        }
    }

    AnalysisTick latest() {
        Run last = runs.peekLast();
        return last == null ? null : last.at(last.size() - 1);
    }

    private static long nanos(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
    }

    static boolean sameButTime(AnalysisTick a, AnalysisTick b) {
        return a.canary().equals(b.canary()) && a.revision().equals(b.revision()) && a.phase().equals(b.phase())
                && a.primaryWeight() == b.primaryWeight() && a.canaryWeight() == b.canaryWeight()
                && a.iterations() == b.iterations() && a.failedChecks() == b.failedChecks()
                && a.metrics().equals(b.metrics()) && a.hooks().equals(b.hooks()) && a.events().equals(b.events());
    }
}
