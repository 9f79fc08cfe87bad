package dev.sluice.local.runtime.exec;

import dev.sluice.local.runtime.spec.ContainerSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One container start.
 *
 * @param env     the resolved environment ({@code PORT} included)
 * @param command the expanded command ({@code $(VAR)} replaced)
 * @param args    the expanded args
 * @param port    the loopback port this container must listen on
 * @param workDir the directory a process runs in (created for it under the state directory)
 */
public record LaunchRequest(String namespace, String pod, ContainerSpec container, Map<String, String> env, List<String> command,
                            List<String> args, int port, Path workDir, ContainerLog log) {

    public LaunchRequest {
        env = Map.copyOf(env);
        command = List.copyOf(command);
        args = List.copyOf(args);
    }
}
