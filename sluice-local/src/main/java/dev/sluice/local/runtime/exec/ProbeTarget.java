package dev.sluice.local.runtime.exec;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a probe checks: one container.
 *
 * @param port    the container's loopback port
 * @param ports   its declared ports by name and number (as text), all mapped to {@code port}
 * @param builtin whether it is a built-in app (an exec probe cannot run inside it)
 */
public record ProbeTarget(int port, Map<String, Integer> ports, Map<String, String> env, Path workDir, boolean builtin) {

    public ProbeTarget {
        ports = Map.copyOf(ports);
        env = Map.copyOf(env);
    }

    /** A probe port by name or number; a number the container does not declare means its own port. */
    public int resolve(String port) {
        return ports.getOrDefault(port, this.port);
    }
}
