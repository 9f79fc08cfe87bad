package dev.sluice.gitops.source;

import dev.sluice.api.GoDuration;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Bounds a whole Git operation by {@code spec.timeout}, as Flux's context deadline does. JGit's own
 * timeout is per read, so a server that sends a byte now and then would hold a reconcile forever.
 * The call runs on a virtual thread, where a blocking socket read is interruptible (the JDK closes
 * the socket); at the deadline it is interrupted, and its end is awaited before returning, so a
 * cache directory is never used by two calls at once.
 */
final class Deadline {

    /** JGit's per-read timeout fires first when the server says nothing at all: its message is more precise. */
    private static final Duration GRACE = Duration.ofMillis(500);
    /** How long an interrupted call may take to unwind (it closes its socket and files). */
    private static final Duration UNWIND = Duration.ofSeconds(10);

    private Deadline() {
    }

    /** Thrown when the operation took longer than its timeout. */
    static final class Exceeded extends Exception {
        Exceeded(Duration timeout) {
            super("timed out after " + GoDuration.format(timeout) + " (spec.timeout bounds the whole operation; "
                    + "the server was still sending)");
        }
    }

    static <T> T within(Duration timeout, String name, Callable<T> call) throws Exception {
        FutureTask<T> task = new FutureTask<>(call);
        Thread worker = Thread.ofVirtual().name(name).start(task);
        try {
            return task.get(timeout.plus(GRACE).toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            stop(worker);
            if (task.state() == java.util.concurrent.Future.State.SUCCESS) {
                return task.resultNow(); // it finished just before the interrupt
            }
            throw new Exceeded(timeout); // whatever it failed with, the interrupt caused it
        } catch (InterruptedException e) {
            stop(worker);
            Thread.currentThread().interrupt();
            throw e;
        } catch (ExecutionException e) {
            throw rethrow(e, timeout);
        }
    }

    private static void stop(Thread worker) throws InterruptedException {
        worker.interrupt();
        worker.join(UNWIND);
    }

    /**
     * JGit enforces its per-read timeout by interrupting the reading thread; on a virtual thread that
     * closes the socket ("closed by interrupt"), so such a failure is reported as the timeout it is.
     */
    private static Exception rethrow(ExecutionException e, Duration timeout) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.ClosedByInterruptException
                    || t instanceof java.net.SocketException && "Closed by interrupt".equalsIgnoreCase(t.getMessage())) {
                var timedOut = new java.net.SocketTimeoutException("timed out: no data from the server for "
                        + GoDuration.format(timeout));
                timedOut.initCause(e.getCause());
                return timedOut;
            }
        }
        if (e.getCause() instanceof Exception x) {
            return x;
        }
        if (e.getCause() instanceof Error err) {
            throw err;
        }
        return e;
    }
}
