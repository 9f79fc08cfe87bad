package dev.sluice.local.mesh.route;

import java.util.Objects;

/**
 * One ready replica a Service can send traffic to: its address on loopback and the workload it
 * belongs to, which labels the golden metrics ({@code namespace}, {@code deployment}, {@code pod}).
 *
 * @param host       an IP literal or host name the proxy connects to, normally {@code 127.0.0.1}
 * @param port       the TCP port, 1..65535
 * @param namespace  the namespace of the workload
 * @param deployment the workload's name (a Deployment, or whatever owns the replica)
 * @param pod        the replica's name; may be empty
 */
public record Endpoint(String host, int port, String namespace, String deployment, String pod) {

    public Endpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(deployment, "deployment");
        pod = pod == null ? "" : pod;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("endpoint port " + port + " of " + namespace + "/" + deployment
                    + " must be between 1 and 65535");
        }
    }

    /** {@code host:port}, as used in log lines and error bodies. */
    public String address() {
        return host + ":" + port;
    }
}
