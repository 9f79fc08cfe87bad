package dev.sluice.delivery.loadtester;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs load tasks in the background, at most one per canary and command at a time (Flagger's
 * runner: a duplicate while one runs is skipped), and keeps the last report of each. Thread-safe.
 */
public final class TaskRunner implements AutoCloseable {

    private final ExecutorService executor;
    private final LoadGenerator generator;
    private final Consumer<String> log;
    private final Map<String, Future<?>> running = new ConcurrentHashMap<>();
    private final Map<String, LoadReport> reports = new ConcurrentHashMap<>();

    public TaskRunner(ExecutorService executor, LoadGenerator generator, Consumer<String> log) {
        this.executor = executor;
        this.generator = generator;
        this.log = log;
    }

    /**
     * Starts {@code cmd} for {@code canary} ({@code name.namespace}) unless the same command already
     * runs for it.
     *
     * @return true when started, false when skipped as a duplicate
     */
    public boolean submit(String canary, String commandLine, HeyCommand cmd) {
        String key = canary + "\u0000" + commandLine;
        boolean[] started = {false};
        running.compute(key, (k, existing) -> {
            if (existing != null && !existing.isDone()) {
                return existing;
            }
            started[0] = true;
            return executor.submit(() -> {
                try {
                    LoadReport r = generator.run(cmd);
                    reports.put(key, r);
                    log.accept("canary " + canary + ": " + commandLine + ": " + r.summary());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    running.remove(key);
                }
            });
        });
        if (!started[0]) {
            log.accept("canary " + canary + ": command skipped, already running: " + commandLine);
        }
        return started[0];
    }

    /** The report of the last finished run of {@code commandLine} for {@code canary}. */
    public Optional<LoadReport> lastReport(String canary, String commandLine) {
        return Optional.ofNullable(reports.get(canary + "\u0000" + commandLine));
    }

    /** Whether a run of {@code commandLine} for {@code canary} is in progress. */
    public boolean isRunning(String canary, String commandLine) {
        Future<?> f = running.get(canary + "\u0000" + commandLine);
        return f != null && !f.isDone();
    }

    /** Stops the runs in progress (their workers are interrupted) and waits up to {@code grace}. */
    public void close(Duration grace) throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        try {
            close(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
