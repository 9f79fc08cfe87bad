package dev.sluice.cluster.reconcile;

import dev.sluice.api.ObjectKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The scheduler's bookkeeping without locks, threads or clocks: which controller's due key runs
 * next (controllers take turns, within the global and per-controller caps) and what a finished run
 * means for its key (requeue with interval jitter, or retry with backoff). Not thread-safe: the
 * {@link Scheduler} calls it under its lock.
 */
final class FairDispatch {

    /** A key handed out to run: {@code due} is when it was wanted. */
    record Work(Controller controller, ObjectKey key, Instant due) {
    }

    private final SchedulerOptions options;
    private final RandomGenerator random;
    private final SchedulerListener listener;
    private final List<Controller> controllers = new ArrayList<>();
    private int cursor;
    private int inFlight;

    FairDispatch(SchedulerOptions options, RandomGenerator random, SchedulerListener listener) {
        this.options = options;
        this.random = random;
        this.listener = listener;
    }

    void register(Controller c) {
        if (controllers.stream().anyMatch(o -> o.name().equals(c.name()))) {
            throw new IllegalArgumentException("a controller named " + c.name() + " is already registered");
        }
        controllers.add(c);
    }

    void remove(Controller c) {
        controllers.remove(c);
        cursor = 0;
    }

    List<Controller> controllers() {
        return controllers;
    }

    /** @return true when the key's due time changed (so a sleeping dispatcher should look again) */
    boolean add(Controller c, ObjectKey key, Instant due) {
        if (!c.queue.add(key, due)) {
            return false;
        }
        listener.queueDepth(c.name(), c.queue.waiting());
        return true;
    }

    int inFlight() {
        return inFlight;
    }

    /** The next due key, starting from the controller after the one served last; null if none may run. */
    Work take(Instant now) {
        if (inFlight >= options.concurrency()) {
            return null;
        }
        int n = controllers.size();
        for (int i = 0; i < n; i++) {
            int idx = (cursor + i) % n;
            Controller c = controllers.get(idx);
            if (c.inFlight >= c.maxConcurrent()) {
                continue;
            }
            Optional<WorkQueue.Item<ObjectKey>> item = c.queue.pollDue(now);
            if (item.isPresent()) {
                cursor = (idx + 1) % n;
                c.inFlight++;
                inFlight++;
                listener.queueDepth(c.name(), c.queue.waiting());
                return new Work(c, item.get().key(), item.get().due());
            }
        }
        return null;
    }

    /**
     * Records the end of a run at {@code now}: on success the failure count resets and the requeue
     * (jittered if the result allows) is scheduled; on error the key retries after the backoff.
     *
     * @return the retry delay after an error, or null after a success
     */
    Duration complete(Work w, Instant now, Result result, Throwable error) {
        WorkQueue<ObjectKey> q = w.controller().queue;
        Duration retryIn = null;
        Optional<Instant> next;
        if (error == null) {
            q.resetFailures(w.key());
            next = result.requeueAfter().map(d -> now.plus(result.jitter() ? Jitter.spread(d, jitterFraction(), random) : d));
        } else {
            retryIn = options.backoff().delay(q.recordFailure(w.key()), random);
            next = Optional.of(now.plus(retryIn));
        }
        q.done(w.key(), next);
        release(w.controller());
        return retryIn;
    }

    /** Puts a key that could not be run back as it was. */
    void giveBack(Work w) {
        w.controller().queue.done(w.key(), Optional.of(w.due()));
        release(w.controller());
    }

    private void release(Controller c) {
        c.inFlight--;
        inFlight--;
        listener.queueDepth(c.name(), c.queue.waiting());
    }

    /** The earliest due time over all controllers (possibly past), or empty. */
    Optional<Instant> nextDue() {
        return controllers.stream().flatMap(c -> c.queue.nextDue().stream()).min(Instant::compareTo);
    }

    /** How long a dispatcher may sleep from {@code now}: until the next due key that could run, at most {@code max}. */
    long sleepNanos(Instant now, long max) {
        if (inFlight >= options.concurrency()) {
            return max; // a finished run wakes the dispatcher
        }
        long best = max;
        for (Controller c : controllers) {
            Optional<Instant> due = c.queue.nextDue();
            if (c.inFlight < c.maxConcurrent() && due.isPresent()) {
                best = Math.min(best, Math.max(Duration.between(now, due.get()).toNanos(), 0));
            }
        }
        return best;
    }

    private double jitterFraction() {
        return options.intervalJitterPercent() / 100.0;
    }
}
