package dev.sluice.local.runtime;

import dev.sluice.cluster.Cluster;
import dev.sluice.local.runtime.exec.ContainerLauncher;
import dev.sluice.local.runtime.exec.PortAllocator;
import dev.sluice.local.runtime.exec.Prober;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.random.RandomGenerator;

/**
 * The services the runner's loop uses. {@code loop} runs a task on the loop thread later; async
 * results (exits, probe outcomes) come back through it.
 */
record RuntimeContext(Cluster cluster, Clock clock, RandomGenerator random, RunnerOptions options, ContainerLauncher launcher,
                      Prober prober, PortAllocator ports, Executor loop, EndpointPublisher endpoints) {

    /** Runs {@code task} on the loop; dropped once the runner has shut its loop down. */
    void post(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            // the runner is closing; nothing is waiting for this any more
        }
    }
}
