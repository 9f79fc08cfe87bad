package dev.sluice.local.runtime.exec;

import dev.sluice.local.runtime.spec.ContainerSpec;
import java.util.Optional;

/**
 * Starts containers for the runner. Implementations are thread-safe; tests use fakes.
 */
public interface ContainerLauncher {

    /** Why {@code c} cannot run in embedded mode, or empty when it can. Pure and quick. */
    Optional<String> whyNotRunnable(ContainerSpec c);

    /** Whether {@code c} runs in-process (built-in app) rather than as a local process. */
    boolean builtin(ContainerSpec c);

    /**
     * Starts one container; returns once it runs (a built-in app: once it listens).
     *
     * @throws LaunchException with a message for the user when it cannot start
     */
    RunningContainer launch(LaunchRequest request) throws LaunchException;
}
