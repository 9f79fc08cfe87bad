package dev.sluice.local.runtime;

import dev.sluice.api.GoDuration;
import dev.sluice.local.runtime.exec.ContainerLog;
import dev.sluice.local.runtime.exec.RunningContainer;
import dev.sluice.local.runtime.pod.CrashBackoff;
import dev.sluice.local.runtime.pod.Readiness;
import dev.sluice.local.runtime.spec.ContainerSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One container of a replica, as the kubelet tracks it: waiting (to be created, backing off after
 * a crash, or missing its configuration), running (with its readiness), or stopped. Confined to
 * the runner's loop thread; async results arrive tagged with the run they belong to, so a late
 * exit or probe of an earlier run is ignored.
 */
final class ContainerRuntime {

    enum State { WAITING, RUNNING, STOPPED }

    final ContainerSpec spec;
    final int port;
    final Map<String, Integer> ports;
    final ContainerLog log;
    final Path workDir;
    final boolean builtin;

    State state = State.WAITING;
    String reason = "ContainerCreating";
    String message = "";
    Instant retryAt = Instant.MIN;
    /** Which start this is; callbacks carry it. */
    int run;
    RunningContainer handle;
    Instant startedAt;
    Readiness readiness = Readiness.notReady();
    Optional<Instant> lastProbe = Optional.empty();
    boolean probing;
    int restarts;
    int backoffLevel;
    Optional<Integer> lastExitCode = Optional.empty();
    Map<String, String> env = Map.of();

    ContainerRuntime(ContainerSpec spec, int port, Map<String, Integer> ports, ContainerLog log, Path workDir, boolean builtin) {
        this.spec = spec;
        this.port = port;
        this.ports = Map.copyOf(ports);
        this.log = log;
        this.workDir = workDir;
        this.builtin = builtin;
    }

    void waitFor(String why, String detail, Instant until) {
        state = State.WAITING;
        reason = why;
        message = detail;
        retryAt = until;
    }

    void running(RunningContainer h, Map<String, String> resolvedEnv, Instant now) {
        state = State.RUNNING;
        handle = h;
        env = resolvedEnv;
        startedAt = now;
        reason = "";
        message = "";
        lastProbe = Optional.empty();
        probing = false;
        // Without a readiness probe a container is ready as soon as it runs.
        readiness = spec.readinessProbe().isPresent() ? Readiness.notReady() : Readiness.readyAt(now);
    }

    /**
     * The container ended (or failed to start) on its own: count a restart and back off as the
     * kubelet does.
     *
     * @return the back-off before the next start
     */
    Duration crashed(int exitCode, String detail, CrashBackoff backoff, String pod, Instant now) {
        Duration ran = startedAt == null ? Duration.ZERO : Duration.between(startedAt, now);
        backoffLevel = backoff.nextLevel(backoffLevel, ran);
        restarts++;
        lastExitCode = Optional.of(exitCode);
        handle = null;
        startedAt = null;
        readiness = Readiness.notReady();
        Duration delay = backoff.delay(backoffLevel);
        String why = delay.isZero() ? (detail.isEmpty() ? (exitCode == 0 ? "Completed" : "Error") : "RunContainerError") : "CrashLoopBackOff";
        String text = delay.isZero() ? detail : "back-off " + GoDuration.format(delay)
                + " restarting failed container=" + spec.name() + " pod=" + pod + (detail.isEmpty() ? "" : ": " + detail);
        waitFor(why, text, now.plus(delay));
        return delay;
    }

    void stopping(Duration grace) {
        if (handle != null) {
            handle.stop(grace);
        }
        if (state != State.RUNNING) {
            state = State.STOPPED;
        }
        readiness = Readiness.notReady();
    }

    boolean ready() {
        return state == State.RUNNING && readiness.ready();
    }

    ContainerInfo info() {
        String shown = switch (state) {
            case WAITING -> "Waiting";
            case RUNNING -> "Running";
            case STOPPED -> "Terminated";
        };
        return new ContainerInfo(spec.name(), spec.image(), builtin, port, shown, reason, message, ready(), restarts,
                Optional.ofNullable(startedAt), lastExitCode);
    }
}
