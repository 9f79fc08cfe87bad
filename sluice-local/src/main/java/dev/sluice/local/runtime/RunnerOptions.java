package dev.sluice.local.runtime;

import dev.sluice.local.runtime.pod.CrashBackoff;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How the workload runner behaves.
 *
 * @param stateDir      pods' working directories and log files go under {@code <stateDir>/runtime}
 * @param mesh          the mesh proxy replicas call other Services through; empty without one
 * @param tick          how often the runner re-evaluates every workload (probes, back-off, deadlines)
 * @param backoff       the crash back-off
 * @param maxGrace      the longest a stopping process gets before it is killed, whatever
 *                      {@code terminationGracePeriodSeconds} says
 * @param configRetry   how often a container waiting for a ConfigMap or Secret looks again
 * @param logLines      lines of each container's output kept in memory
 * @param logFileBytes  size at which a container's log file rotates
 * @param drain         how long a replica that left the endpoints keeps running before its containers are
 *                      told to stop: the mesh swaps its routes asynchronously, and a replica that stopped
 *                      listening first would refuse the requests routed to it meanwhile (on Kubernetes,
 *                      a preStop sleep covers the same race)
 */
public record RunnerOptions(Path stateDir, Optional<InetSocketAddress> mesh, Duration tick, CrashBackoff backoff,
                            Duration maxGrace, Duration configRetry, int logLines, long logFileBytes, Duration drain) {

    public static RunnerOptions defaults(Path stateDir, Optional<InetSocketAddress> mesh) {
        return new RunnerOptions(stateDir, mesh, Duration.ofMillis(200), CrashBackoff.EMBEDDED, Duration.ofSeconds(10),
                Duration.ofSeconds(2), 2000, 1 << 20, Duration.ofSeconds(1));
    }

    public RunnerOptions withTick(Duration t) {
        return new RunnerOptions(stateDir, mesh, t, backoff, maxGrace, configRetry, logLines, logFileBytes, drain);
    }

    public RunnerOptions withBackoff(CrashBackoff b) {
        return new RunnerOptions(stateDir, mesh, tick, b, maxGrace, configRetry, logLines, logFileBytes, drain);
    }

    public RunnerOptions withMaxGrace(Duration g) {
        return new RunnerOptions(stateDir, mesh, tick, backoff, g, configRetry, logLines, logFileBytes, drain);
    }

    public RunnerOptions withDrain(Duration d) {
        return new RunnerOptions(stateDir, mesh, tick, backoff, maxGrace, configRetry, logLines, logFileBytes, d);
    }
}
