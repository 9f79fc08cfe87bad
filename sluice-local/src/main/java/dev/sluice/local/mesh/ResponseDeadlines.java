package dev.sluice.local.mesh;

import io.netty.channel.EventLoop;
import java.util.concurrent.TimeUnit;

/**
 * The response timeouts of one event loop's calls, checked by one periodic sweep instead of a
 * scheduled task per request (a task per request cost a priority-queue insert and removal on the
 * hot path). Every call gets the same timeout, so arming in time order keeps the list sorted by
 * deadline: the sweep only looks at the head, and disarming unlinks in O(1). A call times out at
 * most one sweep period late. Confined to the loop that sweeps it.
 */
final class ResponseDeadlines {

    /** A call that can be armed; the links belong to {@link ResponseDeadlines}. */
    abstract static class Entry {
        private Entry prev;
        private Entry next;
        private long deadline;
        private boolean armed;

        /** Called on the loop when the deadline passed while armed (the entry is already disarmed). */
        protected abstract void expired();
    }

    private final long timeoutNanos;
    private Entry head;
    private Entry tail;

    ResponseDeadlines(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    /** Sweeps on {@code loop} every tenth of the timeout (between 1 and 100 ms) until the loop stops. */
    ResponseDeadlines sweepOn(EventLoop loop) {
        long period = Math.clamp(timeoutNanos / 10, TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(100));
        loop.scheduleAtFixedRate(() -> sweep(System.nanoTime()), period, period, TimeUnit.NANOSECONDS);
        return this;
    }

    /** Starts {@code e}'s timeout now; it must not be armed already. */
    void arm(Entry e, long nowNanos) {
        e.deadline = nowNanos + timeoutNanos;
        e.armed = true;
        e.prev = tail;
        e.next = null;
        if (tail == null) {
            head = e;
        } else {
            tail.next = e;
        }
        tail = e;
    }

    /** Stops {@code e}'s timeout; harmless when it is not armed. */
    void disarm(Entry e) {
        if (!e.armed) {
            return;
        }
        e.armed = false;
        if (e.prev == null) {
            head = e.next;
        } else {
            e.prev.next = e.next;
        }
        if (e.next == null) {
            tail = e.prev;
        } else {
            e.next.prev = e.prev;
        }
        e.prev = null;
        e.next = null;
    }

    /** Expires every armed entry whose deadline is at or before {@code nowNanos}. */
    void sweep(long nowNanos) {
        while (head != null && head.deadline - nowNanos <= 0) {
            Entry e = head;
            disarm(e);
            e.expired();
        }
    }

    /** How many entries are armed (for tests). */
    int armed() {
        int n = 0;
        for (Entry e = head; e != null; e = e.next) {
            n++;
        }
        return n;
    }
}
