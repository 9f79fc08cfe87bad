package dev.sluice.local.runtime;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;

/** A loop thread played by the test: tasks wait until {@link #runAll()}. */
final class QueueExecutor implements Executor {

    private final Deque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(task);
    }

    void runAll() {
        for (int i = 0; i < 10_000; i++) {
            Runnable next;
            synchronized (this) {
                next = tasks.poll();
            }
            if (next == null) {
                return;
            }
            next.run();
        }
        throw new IllegalStateException("tasks keep coming");
    }
}
