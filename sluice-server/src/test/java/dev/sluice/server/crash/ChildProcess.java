package dev.sluice.server.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@link CrashChild} in a JVM of its own on the test classpath, kills it with SIGKILL
 * ({@link Process#destroyForcibly()}) and starts it again on the same state directory. Each
 * incarnation's output goes to {@code <logs>/child-<n>.log}. Not thread-safe.
 */
final class ChildProcess implements AutoCloseable {

    private final Path state;
    private final Path logs;
    private final List<String> command;
    private Process process;
    private int starts;

    ChildProcess(Path state, Path logs, String repo, int apiPort, int meshPort) {
        this.state = state;
        this.logs = logs;
        String java = ProcessHandle.current().info().command().orElse("java");
        this.command = List.of(java, "-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                state.toString(), repo, Integer.toString(apiPort), Integer.toString(meshPort));
    }

    /** Starts an incarnation and waits until it has written its ready file. */
    Duration start(Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(state);
        Files.createDirectories(logs);
        Path ready = state.resolve("child.ready");
        Files.deleteIfExists(ready);
        starts++;
        Instant t0 = Instant.now();
        process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                .redirectOutput(logs.resolve("child-" + starts + ".log").toFile()).start();
        int n = starts;
        try {
            org.awaitility.Awaitility.await("child " + n + " ready").atMost(timeout).pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("the child exited with " + process.exitValue()
                                    + " while starting; see " + logs.resolve("child-" + n + ".log"));
                        }
                        return Files.exists(ready);
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            threadDump(logs.resolve("child-" + n + ".threads"));
            throw new IllegalStateException("child " + n + " did not start within " + timeout + "; see "
                    + logs.resolve("child-" + n + ".log") + " and .threads", e);
        }
        return Duration.between(t0, Instant.now());
    }

    /** What a child stuck in its start is doing, for the report. */
    private void threadDump(Path to) throws IOException, InterruptedException {
        Path jcmd = Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print").redirectErrorStream(true)
                .redirectOutput(to.toFile()).start();
        p.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the child survived SIGKILL for 30 s");
        }
    }

    /** A normal stop (SIGTERM: the shutdown hook closes the runtime). */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    int starts() {
        return starts;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
