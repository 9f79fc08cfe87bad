package dev.sluice.cluster.embedded;

import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.OwnerReference;
import dev.sluice.cluster.DeleteOptions;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The child process of {@link StoreCrashIT}: writes to a store as fast as it can from several
 * threads until it is killed, printing each write after it was acknowledged:
 * {@code PUT <name> <rv>}, {@code DELETING <name>} (before a delete), {@code DEL <name>}.
 * Args: state directory, key prefix, seed.
 */
public final class CrashWriter {

    private static final PrintStream OUT = new PrintStream(new FileOutputStream(FileDescriptor.out), false,
            StandardCharsets.UTF_8);

    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String prefix = args[1];
        long seed = Long.parseLong(args[2]);
        EmbeddedCluster store = EmbeddedCluster.builder().stateDirectory(dir)
                .options(StoreOptions.defaults().withMinSnapshotBytes(64 * 1024)).build();
        // Never outlive the test: stop when nobody reads the output, or after a minute at most.
        Thread guard = new Thread(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException ignored) {
                // exit anyway
            }
            Runtime.getRuntime().halt(3);
        });
        guard.setDaemon(true);
        guard.start();
        say("READY");
        Thread[] writers = new Thread[4];
        for (int t = 0; t < writers.length; t++) {
            SplittableRandom random = new SplittableRandom(seed + t);
            String p = prefix + "w" + t + "-";
            writers[t] = new Thread(() -> write(store, p, random));
            writers[t].start();
        }
        for (Thread w : writers) {
            w.join();
        }
    }

    private static void write(EmbeddedCluster store, String prefix, SplittableRandom random) {
        for (int i = 0; ; i++) {
            String name = prefix + i;
            if (random.nextInt(4) == 0) {
                // An owner with dependents, then deleted: a cascade the crash may cut.
                KubeObject owner = store.create(configMap(name, "owner"));
                say("PUT " + name + " " + owner.resourceVersion());
                for (int d = 0; d < 3; d++) {
                    KubeObject dep = store.create(configMap(name + "-d" + d, "dep").edit(n -> KubeObject.arrayOf(
                            n.withObject("metadata"), "ownerReferences").add(OwnerReference.controllerOf(owner).toNode())));
                    say("PUT " + dep.name() + " " + dep.resourceVersion());
                }
                say("DELETING " + name);
                store.delete(owner.key(), DeleteOptions.background());
                say("DEL " + name);
                continue;
            }
            KubeObject o = store.create(configMap(name, "v0"));
            say("PUT " + name + " " + o.resourceVersion());
            int updates = random.nextInt(3);
            for (int u = 1; u <= updates; u++) {
                o = store.update(configMap(name, "v" + u));
                say("PUT " + name + " " + o.resourceVersion());
            }
        }
    }

    private static KubeObject configMap(String name, String value) {
        return KubeObject.of(Json.parseObject("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
                + "\",\"namespace\":\"default\"},\"data\":{\"v\":\"" + value + "\",\"padding\":\"" + "x".repeat(200) + "\"}}"));
    }

    private static synchronized void say(String line) {
        OUT.println(line);
        OUT.flush();
        if (OUT.checkError()) {
            Runtime.getRuntime().halt(2);
        }
    }
}
