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
    /** Exited for good (its pod's restart policy does not restart it): {@code STOPPED} with an exit code. */
    boolean completed;
    /** The previous run, once one ended: the pod status's {@code lastState.terminated} (or {@code state.terminated} once completed). */
    Optional<Terminated> lastRun = Optional.empty();

    /** How a run ended, as the kubelet reports it. */
    record Terminated(int exitCode, String reason, String message, Instant startedAt, Instant finishedAt) {
    }

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
        lastRun = Optional.of(ended(exitCode, detail, now));
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

    /** The container exited and its restart policy does not start it again. */
    void completed(int exitCode, String detail, Instant now) {
        lastRun = Optional.of(ended(exitCode, detail, now));
        completed = true;
        state = State.STOPPED;
        lastExitCode = Optional.of(exitCode);
        handle = null;
        readiness = Readiness.notReady();
        reason = lastRun.get().reason();
        message = detail;
    }

    private Terminated ended(int exitCode, String detail, Instant now) {
        String why = !detail.isEmpty() ? "StartError" : exitCode == 0 ? "Completed" : "Error";
        return new Terminated(exitCode, why, detail, startedAt == null ? now : startedAt, now);
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
