package dev.sluice.local.runtime.exec;

import java.util.Map;

/** What the downward API ({@code valueFrom.fieldRef}) can read about a pod. */
public record PodFields(String namespace, String name, String uid, Map<String, String> labels, Map<String, String> annotations) {

    public PodFields {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    /** The one node of embedded mode. */
    public static final String NODE_NAME = "sluice";
    /** Every replica listens on loopback. */
    public static final String POD_IP = "127.0.0.1";
}
