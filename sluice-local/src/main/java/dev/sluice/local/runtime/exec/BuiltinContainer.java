package dev.sluice.local.runtime.exec;

import dev.sluice.local.apps.RunningApp;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A container served by a built-in app in this JVM; it ends only when stopped. */
final class BuiltinContainer implements RunningContainer {

    /** The exit code reported for a stopped app, as for a process ended by SIGTERM. */
    static final int STOPPED = 143;

    private final RunningApp app;
    private final CompletableFuture<Integer> exited = new CompletableFuture<>();

    BuiltinContainer(RunningApp app) {
        this.app = app;
    }

    @Override
    public CompletableFuture<Integer> exited() {
        return exited;
    }

    @Override
    public void stop(Duration grace) {
        if (!exited.isDone()) {
            app.close();
            exited.complete(STOPPED);
        }
    }
}
