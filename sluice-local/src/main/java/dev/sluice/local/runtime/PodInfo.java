package dev.sluice.local.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One replica the runner runs, for {@code sluice get pods} and {@code sluice logs}.
 *
 * @param status   kubectl's STATUS column: {@code Running}, {@code ContainerCreating},
 *                 {@code CrashLoopBackOff}, {@code CreateContainerConfigError}, {@code Terminating}, …
 * @param ports    the declared container ports with the loopback port serving each
 */
public record PodInfo(String namespace, String name, String workloadKind, String workload, String podTemplateHash,
                      Map<String, String> labels, String status, int readyContainers, int restarts, Instant createdAt,
                      List<ReadyEndpoint.ContainerPort> ports, List<ContainerInfo> containers) {

    public PodInfo {
        labels = Map.copyOf(labels);
        ports = List.copyOf(ports);
        containers = List.copyOf(containers);
    }

    /** kubectl's READY column, e.g. {@code 1/1}. */
    public String ready() {
        return readyContainers + "/" + containers.size();
    }
}
