package dev.sluice.local.runtime.spec;

/** One entry of a container's {@code env}. */
public sealed interface EnvVarSpec {

    String name();

    /** {@code value}, which may refer to earlier variables as {@code $(NAME)}. */
    record Literal(String name, String value) implements EnvVarSpec {
    }

    /** {@code valueFrom.configMapKeyRef} or {@code valueFrom.secretKeyRef}. */
    record KeyRef(String name, Source source, String objectName, String key, boolean optional) implements EnvVarSpec {
    }

    /** {@code valueFrom.fieldRef}, e.g. {@code metadata.name}. */
    record FieldRef(String name, String fieldPath) implements EnvVarSpec {
    }

    /** {@code valueFrom.resourceFieldRef}, e.g. {@code limits.cpu}. */
    record ResourceFieldRef(String name, String resource) implements EnvVarSpec {
    }

    /** The kind of object a key comes from. */
    enum Source {
        CONFIG_MAP("ConfigMap"),
        SECRET("Secret");

        private final String kind;

        Source(String kind) {
            this.kind = kind;
        }

        public String kind() {
            return kind;
        }
    }
}
