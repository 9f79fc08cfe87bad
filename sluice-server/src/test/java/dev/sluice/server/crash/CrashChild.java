package dev.sluice.server.crash;

import dev.sluice.server.embedded.EmbeddedConfig;
import dev.sluice.server.embedded.EmbeddedRuntime;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The process the crash harness kills: embedded mode as {@code sluice up} starts it, on a fixed API
 * and mesh port so that clients find it again after a restart. Arguments: state directory, Git
 * repository, API port, mesh port. Writes {@code <state>/child.ready} once everything has started.
 */
public final class CrashChild {

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[0]);
        EmbeddedConfig defaults = EmbeddedConfig.defaults(state);
        EmbeddedConfig config = new EmbeddedConfig(state, new InetSocketAddress("127.0.0.1", Integer.parseInt(args[2])),
                Integer.parseInt(args[3]), args[1], "main", "./apps", Duration.ofSeconds(10), defaults.selectorLabels(),
                Duration.ofSeconds(1), defaults.clock());
        EmbeddedRuntime runtime;
        try {
            runtime = EmbeddedRuntime.start(config);
        } catch (Throwable e) {
            // Threads started before the failure would keep the JVM alive; the harness must see the exit.
            e.printStackTrace();
            Runtime.getRuntime().halt(2);
            return;
        }
        Files.writeString(state.resolve("child.ready"), Long.toString(ProcessHandle.current().pid()));
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            stop.countDown();
        }));
        stop.await();
    }
}
