package dev.sluice.local.runtime.spec;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a container the embedded runtime uses.
 *
 * @param ports          container port name (may be empty) and number
 * @param resources      {@code resources.limits}/{@code requests} flattened as {@code limits.cpu} → {@code 500m}
 */
public record ContainerSpec(String name, String image, List<String> command, List<String> args, String workingDir,
                            List<EnvVarSpec> env, List<EnvFromSpec> envFrom, List<Port> ports,
                            Optional<ProbeSpec> readinessProbe, Map<String, String> resources) {

    public ContainerSpec {
        command = List.copyOf(command);
        args = List.copyOf(args);
        env = List.copyOf(env);
        envFrom = List.copyOf(envFrom);
        ports = List.copyOf(ports);
        resources = Map.copyOf(resources);
    }

    /** A declared container port. */
    public record Port(String name, int containerPort) {
    }
}
