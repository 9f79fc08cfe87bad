package dev.sluice.local.apps;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * What a built-in app gets from the runner when one replica starts.
 *
 * @param image  the container's image as written, e.g. {@code dwflynn/faces-service:0.8.0}
 * @param env    the container's resolved environment, {@code PORT} included
 * @param args   the container's command and args, for apps that read flags
 * @param port   the loopback port to listen on
 * @param mesh   the mesh proxy, where calls to other Services go with {@code Host: <service>.<namespace>};
 *               empty when no mesh runs
 * @param log    receives the app's log lines (the replica's {@code sluice logs} output)
 * @param random thread-safe (e.g. {@link java.util.Random}); drives error injection and delays
 */
public record AppContext(String namespace, String podName, String image, Map<String, String> env, List<String> args,
                         int port, Optional<InetSocketAddress> mesh, Consumer<String> log, Clock clock,
                         RandomGenerator random, Sleeper sleeper) {

    public AppContext {
        env = Map.copyOf(env);
        args = List.copyOf(args);
    }

    public String env(String name, String fallback) {
        String v = env.get(name);
        return v == null ? fallback : v;
    }
}
