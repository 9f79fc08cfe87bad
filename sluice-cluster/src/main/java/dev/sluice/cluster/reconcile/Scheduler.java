package dev.sluice.cluster.reconcile;

import dev.sluice.api.ObjectKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link Reconciler}s as controller-runtime does, on any {@code Cluster}: one {@link WorkQueue}
 * per registered {@link Controller}, never two reconciles of one key at once, many events for a key
 * folded into one run, {@link Result} requeues with interval jitter, exponential backoff with jitter
 * after an exception (reset by a success), and a global concurrency cap shared fairly: controllers
 * with due work take turns, so one controller's flood cannot starve another.
 *
 * <p>Two ways to run it. Tests step it in their own thread with {@link #runOne()} and
 * {@link #runUntilIdle()}, moving a manual clock between steps; nothing sleeps. Production calls
 * {@link #start()}: a dispatcher thread hands due keys to virtual threads (or a given executor), woken
 * by enqueues, finished runs and the next due time; {@link #shutdown} lets runs in flight finish.
 *
 * <p>Thread-safe. Time comes only from the injected clock and randomness from the injected
 * generator, which is used under the scheduler's lock (so it need not be thread-safe).
 *
 * <pre>{@code
 * Scheduler scheduler = new Scheduler(SchedulerOptions.defaults(), clock, random, metrics);
 * Controller canaries = scheduler.register(canaryReconciler);
 * WatchWiring.of(cluster, canaries)
 *         .related(GroupKind.of("apps", "Deployment"), deployment -> canariesTargeting(deployment))
 *         .start();
 * scheduler.start();          // production; tests call scheduler.runUntilIdle() instead
 * ...
 * scheduler.shutdown(Duration.ofSeconds(30));
 * }</pre>
 */
public final class Scheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    /** The longest the dispatcher sleeps unsignalled, bounding the effect of clock jumps. */
    private static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private enum State { STEPPING, RUNNING, STOPPING, STOPPED }

    private final SchedulerOptions options;
    private final Clock clock;
    private final SchedulerListener listener;
    private final FairDispatch dispatch;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled on enqueue, on a finished run and on stop: the dispatcher looks again. */
    private final Condition wake = lock.newCondition();
    /** Signalled when no run is in flight, for shutdown. */
    private final Condition idle = lock.newCondition();
    private State state = State.STEPPING;
    private Thread dispatcher;
    private Executor executor;
    private ExecutorService ownedExecutor;

    public Scheduler(SchedulerOptions options, Clock clock, RandomGenerator random, SchedulerListener listener) {
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.dispatch = new FairDispatch(options, Objects.requireNonNull(random, "random"), listener);
    }

    /** Registers a reconciler under its kind's name, allowed the whole concurrency. */
    public Controller register(Reconciler reconciler) {
        return register(reconciler.kind().toString(), reconciler, options.concurrency());
    }

    /**
     * Registers a reconciler.
     *
     * @param name          unique; used in metrics and logs
     * @param maxConcurrent its own cap within the global one (e.g. 2, as Flux's source-controller)
     */
    public Controller register(String name, Reconciler reconciler, int maxConcurrent) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent of " + name + " must be at least 1, got " + maxConcurrent);
        }
        lock.lock();
        try {
            Controller c = new Controller(this, name, Objects.requireNonNull(reconciler, "reconciler"), maxConcurrent);
            dispatch.register(c);
            return c;
        } finally {
            lock.unlock();
        }
    }

    /** Unregisters a controller: its waiting keys are dropped; a run in flight finishes. */
    public void remove(Controller controller) {
        lock.lock();
        try {
            dispatch.remove(controller);
        } finally {
            lock.unlock();
        }
    }

    /** Enqueues {@code key} now for every controller of its kind. */
    public void enqueue(ObjectKey key) {
        lock.lock();
        try {
            for (Controller c : dispatch.controllers()) {
                if (c.kind().equals(key.groupKind())) {
                    add(c, key, Duration.ZERO);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    void add(Controller c, ObjectKey key, Duration delay) {
        lock.lock();
        try {
            if (dispatch.add(c, key, clock.instant().plus(delay))) {
                wake.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    int depth(Controller c) {
        lock.lock();
        try {
            return c.queue.waiting();
        } finally {
            lock.unlock();
        }
    }

    /** The earliest due time over all controllers (possibly past), or empty when nothing waits. */
    public Optional<Instant> nextDue() {
        lock.lock();
        try {
            return dispatch.nextDue();
        } finally {
            lock.unlock();
        }
    }

    /** Reconciles in flight now, across all controllers. */
    public int running() {
        lock.lock();
        try {
            return dispatch.inFlight();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs one due reconcile in the caller's thread (step mode, for tests and tools).
     *
     * @return false when nothing is due at the clock's current time
     * @throws IllegalStateException after {@link #start()}
     */
    public boolean runOne() {
        FairDispatch.Work w;
        lock.lock();
        try {
            if (state != State.STEPPING) {
                throw new IllegalStateException("the scheduler runs on its own threads (state " + state + ")");
            }
            w = dispatch.take(clock.instant());
        } finally {
            lock.unlock();
        }
        if (w == null) {
            return false;
        }
        execute(w);
        return true;
    }

    /** {@link #runOne()} until nothing is due; at most a million runs. */
    public int runUntilIdle() {
        return runUntilIdle(1_000_000);
    }

    /**
     * {@link #runOne()} until nothing is due at the clock's current time.
     *
     * @return the number of reconciles run
     * @throws IllegalStateException after {@code maxRuns} runs (a reconciler requeuing itself with no delay)
     */
    public int runUntilIdle(int maxRuns) {
        int runs = 0;
        while (runOne()) {
            if (++runs >= maxRuns) {
                throw new IllegalStateException("still busy after " + maxRuns + " reconciles; does a reconciler"
                        + " requeue itself without delay?");
            }
        }
        return runs;
    }

    /** Starts the threaded mode with a virtual thread per reconcile. */
    public void start() {
        ExecutorService owned = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("sluice-reconcile-", 0).factory());
        start(owned, owned);
    }

    /** Starts the threaded mode, running reconciles on {@code runOn} (which should not queue unboundedly). */
    public void start(Executor runOn) {
        start(runOn, null);
    }

    private void start(Executor runOn, ExecutorService owned) {
        lock.lock();
        try {
            if (state != State.STEPPING) {
                throw new IllegalStateException("already started (state " + state + ")");
            }
            state = State.RUNNING;
            executor = Objects.requireNonNull(runOn, "executor");
            ownedExecutor = owned;
            dispatcher = Thread.ofPlatform().name("sluice-scheduler").daemon().unstarted(this::dispatch);
            dispatcher.start();
        } finally {
            lock.unlock();
        }
    }

    /** Makes the dispatcher look at the clock again now (after a test moved a manual clock). */
    public void wakeUp() {
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops dispatching and waits up to {@code timeout} (real time) for reconciles in flight to
     * finish; an executor the scheduler created is then shut down, interrupting runs still going.
     *
     * @return true when every run finished in time
     */
    public boolean shutdown(Duration timeout) {
        Thread d;
        lock.lock();
        try {
            if (state == State.STEPPING || state == State.STOPPED) {
                state = State.STOPPED;
                return dispatch.inFlight() == 0;
            }
            state = State.STOPPING;
            wake.signalAll();
            d = dispatcher;
        } finally {
            lock.unlock();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean drained = false;
        try {
            d.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            lock.lock();
            try {
                long left;
                while (dispatch.inFlight() > 0 && (left = deadline - System.nanoTime()) > 0) {
                    idle.awaitNanos(left);
                }
                drained = dispatch.inFlight() == 0;
                state = State.STOPPED;
            } finally {
                lock.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownedExecutor != null) {
            if (drained) {
                ownedExecutor.shutdown();
            } else {
                ownedExecutor.shutdownNow();
            }
        }
        return drained;
    }

    /** {@link #shutdown} with a 30 s grace period. */
    @Override
    public void close() {
        if (!shutdown(Duration.ofSeconds(30))) {
            LOG.warn("reconciles still running after 30s at shutdown were interrupted");
        }
    }

    private void dispatch() {
        lock.lock();
        try {
            while (state == State.RUNNING) {
                Instant now = clock.instant();
                FairDispatch.Work w;
                while ((w = dispatch.take(now)) != null) {
                    submit(w);
                }
                wake.awaitNanos(dispatch.sleepNanos(now, MAX_IDLE_NANOS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void submit(FairDispatch.Work w) {
        try {
            executor.execute(() -> execute(w));
        } catch (RejectedExecutionException e) {
            // Put the key back as it was; a later wake-up retries it.
            dispatch.giveBack(w);
            released();
            LOG.warn("executor refused the reconcile of {} by {}: {}", w.key(), w.controller().name(), e.toString());
        }
    }

    private void execute(FairDispatch.Work w) {
        // Lag is measured when the run really begins, executor hand-off included.
        Instant begin = clock.instant();
        Duration lag = Duration.between(w.due(), begin);
        listener.started(w.controller().name(), w.key(), lag.isNegative() ? Duration.ZERO : lag);
        Result result = Result.done();
        Throwable error = null;
        try {
            result = Objects.requireNonNullElse(w.controller().reconciler().reconcile(w.key()), Result.done());
        } catch (Throwable t) {
            if (t instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            error = t;
        }
        finish(w, begin, result, error);
        if (error instanceof VirtualMachineError fatal) {
            throw fatal;
        }
    }

    private void finish(FairDispatch.Work w, Instant begin, Result result, Throwable error) {
        Instant now = clock.instant();
        Duration retryIn;
        lock.lock();
        try {
            retryIn = dispatch.complete(w, now, result, error);
            released();
        } finally {
            lock.unlock();
        }
        listener.finished(w.controller().name(), w.key(), Duration.between(begin, now), error);
        if (error != null) {
            logFailure(w, retryIn, error);
        }
    }

    /**
     * One line with the causes for the errors a reconciler reports about its inputs (a Git server
     * that is down, a bad URL); the stack trace for what looks like a bug (the JDK's own runtime
     * exceptions: NullPointerException, IllegalStateException, ...), or at debug level.
     */
    private static void logFailure(FairDispatch.Work w, Duration retryIn, Throwable error) {
        String retry = dev.sluice.api.GoDuration.format(retryIn.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        boolean likelyBug = error.getClass().getName().startsWith("java.") || error instanceof Error;
        if (likelyBug || LOG.isDebugEnabled()) {
            LOG.warn("reconcile of {} by {} failed, retrying in {}", w.key(), w.controller().name(), retry, error);
            return;
        }
        StringBuilder causes = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable c = error.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !causes.toString().contains(c.getMessage())) {
                causes.append(": ").append(c.getMessage());
            }
        }
        LOG.warn("reconcile of {} by {} failed, retrying in {}: {}", w.key(), w.controller().name(), retry, causes);
    }

    /** A run ended or was given back: the dispatcher may take another; shutdown may be waiting. Lock held. */
    private void released() {
        wake.signal();
        if (dispatch.inFlight() == 0) {
            idle.signalAll();
        }
    }
}
