package dev.sluice.local.runtime.exec;

import dev.sluice.local.apps.RunningApp;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** A container served by a built-in app in this JVM; it ends only when stopped. */
final class BuiltinContainer implements RunningContainer {

    /** The exit code reported for a stopped app, as for a process ended by SIGTERM. */
    static final int STOPPED = 143;
    /** The longest a stopping app waits for requests in flight, whatever the grace period. */
    static final Duration MAX_DRAIN = Duration.ofSeconds(2);

    private final RunningApp app;
    private final CompletableFuture<Integer> exited = new CompletableFuture<>();
    private final AtomicBoolean stopping = new AtomicBoolean();

    BuiltinContainer(RunningApp app) {
        this.app = app;
    }

    @Override
    public CompletableFuture<Integer> exited() {
        return exited;
    }

    @Override
    public void stop(Duration grace) {
        if (stopping.compareAndSet(false, true)) {
            Duration drain = grace.compareTo(MAX_DRAIN) < 0 ? grace : MAX_DRAIN;
            // Draining blocks; the runner's loop must not.
            Thread.ofVirtual().name("stop-app").start(() -> {
                try {
                    app.stop(drain);
                } finally {
                    exited.complete(STOPPED);
                }
            });
        }
    }
}
