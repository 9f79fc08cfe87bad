package dev.sluice.local.mesh.metrics;

import java.util.Objects;

/**
 * The labels of one family of golden-metric series, apart from {@code status_code},
 * {@code classification} and {@code le}.
 *
 * @param direction  {@code inbound} (labelled with the receiving workload) or {@code outbound}
 *                   (labelled with the destination, as a client-side Linkerd proxy does)
 * @param namespace  the workload's namespace
 * @param deployment the workload's name
 * @param pod        the replica's name, may be empty
 * @param service    for outbound series, the Service the request addressed; empty for inbound
 */
public record SeriesKey(String direction, String namespace, String deployment, String pod, String service) {

    public static final String INBOUND = "inbound";
    public static final String OUTBOUND = "outbound";

    public SeriesKey {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(deployment, "deployment");
        pod = pod == null ? "" : pod;
        service = service == null ? "" : service;
    }
}
