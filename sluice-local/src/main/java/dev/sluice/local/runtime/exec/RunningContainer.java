package dev.sluice.local.runtime.exec;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A started container: a local process or a built-in app. Thread-safe. */
public interface RunningContainer {

    /** Completes with the exit code when the container ends, by itself or after {@link #stop}. */
    CompletableFuture<Integer> exited();

    /**
     * Asks it to stop (SIGTERM for a process), killing it after {@code grace}. Returns at once;
     * idempotent.
     */
    void stop(Duration grace);
}
