package dev.sluice.local.runtime;

import java.time.Instant;
import java.util.Optional;

/**
 * One container of a replica, as {@code kubectl describe pod} would show it.
 *
 * @param state        {@code Waiting}, {@code Running} or {@code Terminated}
 * @param reason       e.g. {@code ContainerCreating}, {@code CrashLoopBackOff}, {@code CreateContainerConfigError}
 * @param builtin      whether a built-in app serves it (else a local process)
 * @param lastExitCode the exit code of the previous run, if it ended
 */
public record ContainerInfo(String name, String image, boolean builtin, int port, String state, String reason, String message,
                            boolean ready, int restartCount, Optional<Instant> startedAt, Optional<Integer> lastExitCode) {
}
