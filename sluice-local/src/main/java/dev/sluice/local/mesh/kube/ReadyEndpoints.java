package dev.sluice.local.mesh.kube;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The replicas that are ready right now, as the workload runner (playing the kubelet) knows them:
 * what a Service selector selects and where each container port listens on loopback.
 */
public record ReadyEndpoints(List<Pod> pods) {

    public ReadyEndpoints {
        pods = List.copyOf(pods);
    }

    public static ReadyEndpoints none() {
        return new ReadyEndpoints(List.of());
    }

    /**
     * One ready replica.
     *
     * @param namespace  its namespace
     * @param name       the pod name
     * @param deployment the workload it belongs to (labels the golden metrics)
     * @param labels     the pod template's labels, matched by Service selectors
     * @param ports      its container ports and where they listen
     */
    public record Pod(String namespace, String name, String deployment, Map<String, String> labels, List<Port> ports) {

        public Pod {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(deployment, "deployment");
            labels = Map.copyOf(labels);
            ports = List.copyOf(ports);
        }
    }

    /**
     * A container port.
     *
     * @param name          the port's name, may be empty
     * @param containerPort the port the container declares (what a Service's targetPort names)
     * @param host          where it really listens, e.g. {@code 127.0.0.1}
     * @param port          the real loopback port
     */
    public record Port(String name, int containerPort, String host, int port) {

        public Port {
            name = name == null ? "" : name;
            Objects.requireNonNull(host, "host");
        }
    }
}
