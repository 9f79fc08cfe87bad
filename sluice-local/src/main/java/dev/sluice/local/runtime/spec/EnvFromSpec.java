package dev.sluice.local.runtime.spec;

/** One entry of a container's {@code envFrom}: every key of a ConfigMap or Secret, with a prefix. */
public record EnvFromSpec(EnvVarSpec.Source source, String objectName, String prefix, boolean optional) {
}
