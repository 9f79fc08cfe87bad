package dev.sluice.local.mesh.route;

import java.util.Objects;

/** A Service by namespace and name. */
public record ServiceRef(String namespace, String name) {

    public ServiceRef {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /** {@code name.namespace}, the way a client inside the cluster would address it. */
    @Override
    public String toString() {
        return name + "." + namespace;
    }
}
