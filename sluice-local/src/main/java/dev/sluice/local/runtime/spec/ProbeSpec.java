package dev.sluice.local.runtime.spec;

import java.util.List;
import java.util.Map;

/**
 * A readiness probe with Kubernetes' timing fields (defaults: no initial delay, every 10 s, 1 s
 * timeout, one success, three failures).
 */
public record ProbeSpec(Action action, int initialDelaySeconds, int periodSeconds, int timeoutSeconds,
                        int successThreshold, int failureThreshold) {

    /** What the probe does. */
    public sealed interface Action {
    }

    /** An HTTP GET; 200-399 is a success. {@code port} is a number or a container port name. */
    public record HttpGet(String path, String port, Map<String, String> headers) implements Action {
        public HttpGet {
            headers = Map.copyOf(headers);
        }
    }

    /** A TCP connection that opens is a success. */
    public record TcpSocket(String port) implements Action {
    }

    /** A command that exits with 0 is a success. */
    public record Exec(List<String> command) implements Action {
        public Exec {
            command = List.copyOf(command);
        }
    }
}
