package dev.sluice.local.runtime;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One ready replica of a workload, listening on loopback: what a Service selector resolves to.
 *
 * @param namespace       the workload's namespace
 * @param workloadKind    {@code Deployment} or {@code DaemonSet}; Linkerd labels metrics with
 *                        {@code deployment=} or {@code daemonset=} accordingly
 * @param workload        the workload's name, e.g. {@code face-primary}
 * @param pod             the replica's pod name, e.g. {@code face-primary-6c8f9d7b4-x2k4q}
 * @param host            the address to connect to, always {@code 127.0.0.1}
 * @param port            the loopback port of the pod's first container
 * @param ports           every port the pod's containers declare, with the loopback port serving it
 * @param podTemplateHash the hash of the pod template the replica runs
 * @param labels          the pod's labels: the template's labels plus {@code pod-template-hash}
 */
public record ReadyEndpoint(String namespace, String workloadKind, String workload, String pod, String host, int port,
                            List<ContainerPort> ports, String podTemplateHash, Map<String, String> labels) {

    /**
     * A declared container port and where it really listens.
     *
     * @param name          the port's name, may be empty
     * @param containerPort the number the manifest declares (what a Service's targetPort may name)
     * @param port          the loopback port serving it
     */
    public record ContainerPort(String name, int containerPort, int port) {
        public ContainerPort {
            name = name == null ? "" : name;
        }
    }

    public ReadyEndpoint {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(workloadKind, "workloadKind");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(pod, "pod");
        Objects.requireNonNull(host, "host");
        ports = List.copyOf(ports);
        labels = Map.copyOf(labels);
    }

    /**
     * The loopback port serving a Service's {@code targetPort}, given by name ({@code http}) or
     * number ({@code 8000}). Every replica has its own loopback port, so a number the pod does not
     * declare (or an empty target) means the first container's port, as a lone container serves it.
     */
    public int portFor(String targetPort) {
        if (targetPort == null || targetPort.isEmpty()) {
            return port;
        }
        for (ContainerPort p : ports) {
            if (p.name().equals(targetPort) || Integer.toString(p.containerPort()).equals(targetPort)) {
                return p.port();
            }
        }
        return port;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }
}
