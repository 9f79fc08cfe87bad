import dev.sluice.api.GroupKind;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.embedded.EmbeddedCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Embedded store benchmark: writes N objects (Deployments and ConfigMaps across 10 namespaces)
 * from T threads into a fresh state directory, closes the store, starts a new JVM that opens the
 * directory and reads every object back. Prints write throughput, write latency percentiles,
 * restart (open) time and read-back time. Run with bench/store/run.sh.
 */
public class StoreBench {

    static final GroupKind DEPLOYMENT = new GroupKind("apps", "Deployment");
    static final GroupKind CONFIG_MAP = new GroupKind("", "ConfigMap");
    static final int NAMESPACES = 10;

    public static void main(String[] args) throws Exception {
        int objects = intArg(args, "--objects", 100_000);
        int threads = intArg(args, "--threads", 16);
        int serial = intArg(args, "--serial", 2_000);
        Path dir = Path.of(strArg(args, "--dir", Files.createTempDirectory("sluice-store-bench").toString()));
        if (Arrays.asList(args).contains("--read")) {
            read(dir, objects);
            return;
        }
        System.out.printf(Locale.ROOT, "state directory %s, %d objects, %d writer threads, %d CPUs, load average %s%n",
                dir, objects, threads, Runtime.getRuntime().availableProcessors(), loadAverage());
        memory(20_000);
        try (EmbeddedCluster store = EmbeddedCluster.builder().stateDirectory(dir.resolve("serial")).build()) {
            namespaces(store);
            Result r = write(store, serial, 1, "s");
            System.out.printf(Locale.ROOT, "serial:   %,d writes by 1 thread: %,.0f writes/s, p50 %.2f ms, p99 %.2f ms%n",
                    serial, r.throughput(), r.p(0.50), r.p(0.99));
        }
        Result r;
        try (EmbeddedCluster store = EmbeddedCluster.builder().stateDirectory(dir.resolve("main")).build()) {
            namespaces(store);
            r = write(store, objects, threads, "o");
        }
        System.out.printf(Locale.ROOT, "write:    %,d writes by %d threads in %.1f s: %,.0f writes/s, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms%n",
                objects, threads, r.seconds, r.throughput(), r.p(0.50), r.p(0.99), r.p(0.999));
        System.out.printf(Locale.ROOT, "on disk:  %s%n", sizes(dir.resolve("main")));
        long start = System.nanoTime();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Xmx2g", "-cp", System.getProperty("java.class.path"),
                StoreBench.class.getName(), "--read", "--objects", Integer.toString(objects), "--dir",
                dir.resolve("main").toString()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            out.lines().filter(l -> !l.startsWith("SLF4J")).forEach(System.out::println);
        }
        int rc = p.waitFor();
        System.out.printf(Locale.ROOT, "load average at the end: %s%n", loadAverage());
        System.out.printf(Locale.ROOT, "restart:  new JVM started, store opened and every object read back in %.2f s (exit %d)%n",
                (System.nanoTime() - start) / 1e9, rc);
        if (rc != 0) {
            System.exit(rc);
        }
    }

    /** CPU per operation of the in-memory store (no disk): create, apply unchanged, apply changed. */
    static void memory(int n) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        dev.sluice.cluster.ApplyOptions flux = dev.sluice.cluster.ApplyOptions.as("kustomize-controller");
        for (int round = 0; round < 3; round++) {
            try (EmbeddedCluster store = EmbeddedCluster.builder().build()) {
                namespaces(store);
                List<KubeObject> objects = new ArrayList<>();
                List<KubeObject> changed = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    objects.add(object("m", i));
                    changed.add(object("m", i).edit(o -> o.withObject("metadata").withObject("labels").put("changed", "yes")));
                }
                long c0 = mx.getCurrentThreadCpuTime();
                objects.forEach(store::create);
                long c1 = mx.getCurrentThreadCpuTime();
                objects.forEach(o -> store.apply(o, flux));
                long c2 = mx.getCurrentThreadCpuTime();
                objects.forEach(o -> store.apply(o, flux));
                long c3 = mx.getCurrentThreadCpuTime();
                changed.forEach(o -> store.apply(o, flux));
                long c4 = mx.getCurrentThreadCpuTime();
                if (round == 2) { // the first rounds warm the JIT up
                    System.out.printf(Locale.ROOT, "memory:   CPU per operation, %,d objects: create %.0f µs, first apply"
                            + " (takes ownership) %.0f µs, apply unchanged %.0f µs, apply with a change %.0f µs%n", n,
                            (c1 - c0) / 1e3 / n, (c2 - c1) / 1e3 / n, (c3 - c2) / 1e3 / n, (c4 - c3) / 1e3 / n);
                }
            }
        }
    }

    /** The restarted process: open, then read everything back. */
    static void read(Path dir, int expected) {
        long t0 = System.nanoTime();
        try (EmbeddedCluster store = EmbeddedCluster.builder().stateDirectory(dir).build()) {
            long opened = System.nanoTime();
            System.out.printf(Locale.ROOT, "open:     %.2f s after the JVM started its main (process CPU so far %.2f s)%n",
                    (opened - t0) / 1e9, cpuSeconds());
            int found = 0;
            for (GroupKind kind : List.of(DEPLOYMENT, CONFIG_MAP)) {
                for (KubeObject o : store.list(kind, "", LabelSelector.everything())) {
                    if (store.get(o.key()).isPresent()) {
                        found++;
                    }
                }
            }
            for (int i = 0; i < expected; i++) {
                ObjectKey k = key("o", i);
                if (store.get(k).isEmpty()) {
                    throw new IllegalStateException("missing after restart: " + k);
                }
            }
            long read = System.nanoTime();
            Runtime rt = Runtime.getRuntime();
            System.out.printf(Locale.ROOT, "reopen:   open (recovery) %.2f s, read back %,d objects (list + get each) %.2f s,"
                    + " process CPU %.2f s, heap %,d MiB%n", (opened - t0) / 1e9, found, (read - opened) / 1e9,
                    cpuSeconds(), (rt.totalMemory() - rt.freeMemory()) >> 20);
            if (found != expected) {
                throw new IllegalStateException("expected " + expected + " objects, found " + found);
            }
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    record Result(double seconds, long[] latenciesNanos) {
        double throughput() {
            return latenciesNanos.length / seconds;
        }

        double p(double q) {
            return latenciesNanos[(int) Math.min(latenciesNanos.length - 1, Math.ceil(q * latenciesNanos.length) - 1)] / 1e6;
        }
    }

    static Result write(EmbeddedCluster store, int n, int threads, String prefix) throws InterruptedException {
        long[] lat = new long[n];
        AtomicInteger next = new AtomicInteger();
        Thread[] ts = new Thread[threads];
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            ts[t] = new Thread(() -> {
                for (int i; (i = next.getAndIncrement()) < n; ) {
                    KubeObject o = object(prefix, i);
                    long s = System.nanoTime();
                    store.create(o);
                    lat[i] = System.nanoTime() - s;
                }
            });
            ts[t].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Arrays.sort(lat);
        return new Result(seconds, lat);
    }

    static void namespaces(EmbeddedCluster store) {
        for (int i = 0; i < NAMESPACES; i++) {
            store.create(KubeObject.of(Json.parseObject("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"ns" + i + "\"}}")));
        }
    }

    static ObjectKey key(String prefix, int i) {
        return new ObjectKey(i % 2 == 0 ? DEPLOYMENT : CONFIG_MAP, "ns" + (i % NAMESPACES), prefix + i);
    }

    /** A Deployment (about 0.6 KiB of JSON before managedFields) or a ConfigMap, alternately. */
    static KubeObject object(String prefix, int i) {
        String ns = "ns" + (i % NAMESPACES);
        String name = prefix + i;
        if (i % 2 == 0) {
            return KubeObject.of(Json.parseObject("""
                    {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"%s","namespace":"%s",
                     "labels":{"app":"%s","tier":"web"},"annotations":{"sluice.dev/revision":"main@sha1:%040d"}},
                     "spec":{"replicas":2,"selector":{"matchLabels":{"app":"%s"}},
                      "template":{"metadata":{"labels":{"app":"%s"}},
                       "spec":{"containers":[{"name":"app","image":"ghcr.io/example/app:1.%d",
                        "ports":[{"containerPort":8080,"name":"http"}],
                        "env":[{"name":"MODE","value":"prod"},{"name":"INDEX","value":"%d"}],
                        "resources":{"requests":{"cpu":"100m","memory":"64Mi"}}}]}}}}
                    """.formatted(name, ns, name, i, name, name, i % 50, i)));
        }
        return KubeObject.of(Json.parseObject("""
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"%s","namespace":"%s","labels":{"app":"%s"}},
                 "data":{"config.yaml":"key: value-%d\\nother: %s\\n"}}
                """.formatted(name, ns, name, i, "x".repeat(200))));
    }

    static String sizes(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
                String n = p.getFileName().toString();
                if (!n.equals("LOCK")) {
                    out.add(String.format(Locale.ROOT, "%s %.1f MiB", n, Files.size(p) / 1048576.0));
                }
            }
        }
        return String.join(", ", out);
    }

    static int intArg(String[] args, String name, int def) {
        return Integer.parseInt(strArg(args, name, Integer.toString(def)));
    }

    static String strArg(String[] args, String name, String def) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return def;
    }
}
