import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.reconcile.SchedulerListener;
import dev.sluice.server.embedded.EmbeddedConfig;
import dev.sluice.server.embedded.EmbeddedRuntime;
import dev.sluice.server.observe.TickStore;
import dev.sluice.testkit.git.TestRepo;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Embedded-mode scale benchmarks (bench/soak/run.sh builds and runs it), on the real clock, through
 * {@link EmbeddedRuntime} exactly as {@code sluice up --repo} runs it (persistent store, file watch
 * on the local repository, every controller, workload runner and mesh):
 * <ul>
 *   <li>{@code kustomizations N}: issue 3's benchmark. One repository with N Kustomizations of 3
 *   objects each (ConfigMap, Service, ServiceAccount; {@code wait: true}); the time from start to all
 *   N Ready at the head revision, the heap, then commit to applied through the file watch.</li>
 *   <li>{@code soak N C MINUTES COMMIT_SECONDS ROLLOUTS}: N Kustomizations, the first C of which
 *   carry a Canary over a built-in podinfo Deployment (Canary, Deployment, ConfigMap); a commit every
 *   COMMIT_SECONDS changes the pod template of ROLLOUTS apps (a new canary rollout each). Prints, per
 *   minute, reconcile duration and start lag per controller, heap after GC, threads and phases.</li>
 * </ul>
 */
public class SoakBench {

    static final GroupKind KS = GroupKind.of("kustomize.toolkit.fluxcd.io", "Kustomization");
    static final GroupKind CANARY = GroupKind.of("flagger.app", "Canary");
    static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    /** SOAK_HISTOGRAMS=every prints the growth from minute 2 at every minute, not only at the end. */
    static final boolean EVERY_MINUTE = "every".equals(System.getenv("SOAK_HISTOGRAMS"));

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "kustomizations";
        if (mode.equals("kustomizations")) {
            kustomizations(args.length > 1 ? Integer.parseInt(args[1]) : 1000, args.length > 2 ? Integer.parseInt(args[2]) : 10);
        } else {
            soak(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Integer.parseInt(args[5]));
        }
        System.exit(0);
    }

    // ---- issue 3: N Kustomizations to Ready -------------------------------------------------

    static void kustomizations(int n, int commits) throws Exception {
        Path dir = Files.createTempDirectory("sluice-ks-bench");
        try (TestRepo repo = TestRepo.init(dir.resolve("repo"), "main")) {
            writeRepo(repo, n, 0, true);
            String head = repo.commit("apps");
            HeapSampler heap = HeapSampler.start();
            long cpu0 = cpu();
            long t0 = System.nanoTime();
            try (EmbeddedRuntime runtime = EmbeddedRuntime.start(config(dir, repo))) {
                long firstReady = awaitCount(runtime, n, head, Duration.ofMinutes(10), true);
                long allReady = System.nanoTime() - t0;
                long cpuUsed = cpu() - cpu0;
                long peak = heap.stop();
                System.out.printf("soak: %d Kustomizations (%d objects) Ready at %s in %.1f s (first after %.1f s); "
                                + "CPU %.1f s; heap peak sampled %d MiB, after GC %d MiB, max %d MiB%n",
                        n, 3 * n, shortSha(head), allReady / 1e9, (firstReady - t0) / 1e9, cpuUsed / 1e9,
                        peak >> 20, heapAfterGc() >> 20, Runtime.getRuntime().maxMemory() >> 20);
                // Commit to applied through the file watch: each commit changes one app's ConfigMap; the
                // source change requeues all N Kustomizations (as Flux does), the changed one among them.
                List<Long> oneApp = new ArrayList<>();
                List<Long> allApps = new ArrayList<>();
                for (int c = 1; c <= commits; c++) {
                    int app = (c * 97) % n;
                    repo.write("apps/app-" + app + "/app.yaml", plainApp(app, c));
                    String sha = repo.commit("change app-" + app);
                    long c0 = System.nanoTime();
                    ObjectKey key = new ObjectKey(KS, "flux-system", "app-" + app);
                    await(() -> runtime.cluster().get(key).map(k -> applied(k, sha)).orElse(false), Duration.ofMinutes(5));
                    oneApp.add((System.nanoTime() - c0) / 1_000_000);
                    awaitCount(runtime, n, sha, Duration.ofMinutes(5), false);
                    allApps.add((System.nanoTime() - c0) / 1_000_000);
                }
                System.out.printf("soak: commit to applied (file watch, %d commits): changed app p50 %d ms max %d ms; "
                        + "all %d Kustomizations at the new revision p50 %d ms max %d ms%n",
                        commits, pct(oneApp, 50), pct(oneApp, 100), n, pct(allApps, 50), pct(allApps, 100));
            }
        }
    }

    // ---- the soak ----------------------------------------------------------------------------

    static void soak(int n, int canaries, int minutes, int commitSeconds, int rolloutsPerCommit) throws Exception {
        Path dir = Files.createTempDirectory("sluice-soak");
        Recorder recorder = new Recorder();
        try (TestRepo repo = TestRepo.init(dir.resolve("repo"), "main")) {
            writeRepo(repo, n, canaries, false);
            String head = repo.commit("apps");
            long t0 = System.nanoTime();
            try (EmbeddedRuntime runtime = EmbeddedRuntime.start(config(dir, repo), recorder)) {
                awaitCount(runtime, n, head, Duration.ofMinutes(15), true);
                long ksReady = System.nanoTime() - t0;
                await(() -> phases(runtime).entrySet().stream()
                        .filter(e -> e.getKey().equals("Initialized") || e.getKey().equals("Succeeded"))
                        .mapToLong(Map.Entry::getValue).sum() == canaries, Duration.ofMinutes(15));
                System.out.printf("soak: start: %d Kustomizations Ready in %.1f s, %d Canaries initialized in %.1f s; "
                                + "heap after GC %d MiB, %d threads%n", n, ksReady / 1e9, canaries,
                        (System.nanoTime() - t0) / 1e9, heapAfterGc() >> 20, Thread.activeCount());
                recorder.next(); // drop the start-up reconciles
                System.out.println("soak: minute | controller: reconciles, took p50/p99/max ms, lag p50/p99 ms | heap after GC | "
                        + "threads | CPU share | canary phases | Ks ready | tick store (estimated)");
                int revision = 0;
                int nextApp = 0;
                long start = System.nanoTime();
                long nextCommit = start;
                long[] heapAt = new long[minutes + 1];
                Map<String, long[]> histogramAt2 = Map.of();
                for (int minute = 1; minute <= minutes; minute++) {
                    long end = start + Duration.ofMinutes(minute).toNanos();
                    long cpu0 = cpu();
                    long wall0 = System.nanoTime();
                    while (System.nanoTime() < end) {
                        if (System.nanoTime() >= nextCommit) {
                            revision++;
                            for (int r = 0; r < rolloutsPerCommit && canaries > 0; r++, nextApp = (nextApp + 1) % canaries) {
                                repo.write("apps/app-" + nextApp + "/app.yaml", canaryApp(nextApp, revision));
                            }
                            repo.commit("revision " + revision);
                            nextCommit += Duration.ofSeconds(commitSeconds).toNanos();
                        }
                        LockSupport.parkNanos(Math.max(1, Math.min(end, nextCommit) - System.nanoTime()));
                    }
                    double cpuShare = (cpu() - cpu0) / (double) (System.nanoTime() - wall0);
                    Map<String, Stats> stats = recorder.next();
                    heapAt[minute] = heapAfterGc();
                    if (minute == 2) {
                        histogramAt2 = histogram();
                    } else if (minute > 2 && minute < minutes && EVERY_MINUTE) {
                        printGrowth(histogramAt2, histogram(), minute, 8);
                    }
                    System.out.printf("soak: %2d | %s | %d MiB | %d | %.2f | %s | %d | ticks %d KiB%n", minute,
                            stats.entrySet().stream().sorted(Map.Entry.comparingByKey())
                                    .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; ")),
                            heapAt[minute] >> 20, Thread.activeCount(), cpuShare, phases(runtime),
                            countApplied(runtime, null), ((TickStore) runtime.analysisRecorder()).bytes() >> 10);
                }
                if (minutes >= 2) {
                    System.out.printf("soak: heap after GC minute %d / minute 2 = %d / %d MiB = %.3f (goal <= 1.10)%n",
                            minutes, heapAt[minutes] >> 20, heapAt[2] >> 20, heapAt[minutes] / (double) heapAt[2]);
                    printGrowth(histogramAt2, histogram(), minutes, 12);
                }
            }
        }
    }

    static void printGrowth(Map<String, long[]> at2, Map<String, long[]> now, int minute, int top) {
        System.out.println("soak: largest growth of live objects from minute 2 to minute " + minute
                + " (class: instances, KiB)");
        now.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[1] - at2.getOrDefault(b.getKey(), new long[2])[1],
                        a.getValue()[1] - at2.getOrDefault(a.getKey(), new long[2])[1]))
                .limit(top)
                .forEach(e -> System.out.printf("soak:   %s: %+d, %+d KiB%n", e.getKey(),
                        e.getValue()[0] - at2.getOrDefault(e.getKey(), new long[2])[0],
                        (e.getValue()[1] - at2.getOrDefault(e.getKey(), new long[2])[1]) >> 10));
    }

    // ---- the repository ----------------------------------------------------------------------

    static void writeRepo(TestRepo repo, int n, int canaries, boolean wait) {
        repo.write("clusters/bench/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: apps}\n");
        StringBuilder ks = new StringBuilder();
        for (int i = 0; i < n; i++) {
            ks.append("""
                    ---
                    apiVersion: kustomize.toolkit.fluxcd.io/v1
                    kind: Kustomization
                    metadata: {name: app-%d, namespace: flux-system}
                    spec:
                      interval: 10m
                      path: ./apps/app-%d
                      prune: true
                      wait: %s
                      timeout: 2m
                      sourceRef: {kind: GitRepository, name: flux-system}
                    """.formatted(i, i, wait));
            repo.write("apps/app-" + i + "/app.yaml", i < canaries ? canaryApp(i, 0) : plainApp(i, 0));
        }
        repo.write("clusters/bench/apps.yaml", ks.toString());
    }

    static String plainApp(int i, int version) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: app-%d-config, namespace: apps}
                data: {version: "%d"}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: app-%d, namespace: apps}
                spec:
                  selector: {app: app-%d}
                  ports: [{name: http, port: 80, targetPort: 9898}]
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: app-%d, namespace: apps}
                """.formatted(i, version, i, i, i);
    }

    /** A podinfo Deployment (no replicas field: Flagger owns the scale), its Canary and a ConfigMap. */
    static String canaryApp(int i, int revision) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: app-%d-config, namespace: apps}
                data: {version: "%d"}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app-%d, namespace: apps, labels: {app: app-%d}}
                spec:
                  selector: {matchLabels: {app: app-%d}}
                  template:
                    metadata: {labels: {app: app-%d}}
                    spec:
                      containers:
                      - name: podinfo
                        image: ghcr.io/stefanprodan/podinfo:6.5.0
                        ports: [{name: http, containerPort: 9898}]
                        env: [{name: REVISION, value: "%d"}]
                ---
                apiVersion: flagger.app/v1beta1
                kind: Canary
                metadata: {name: app-%d, namespace: apps}
                spec:
                  provider: linkerd
                  targetRef: {apiVersion: apps/v1, kind: Deployment, name: app-%d}
                  progressDeadlineSeconds: 120
                  service: {port: 9898, targetPort: http}
                  analysis: {interval: 10s, threshold: 2, stepWeight: 25, maxWeight: 50}
                """.formatted(i, revision, i, i, i, i, revision, i, i);
    }

    // ---- observation -------------------------------------------------------------------------

    static EmbeddedConfig config(Path dir, TestRepo repo) {
        return EmbeddedConfig.defaults(dir.resolve("state")).withApi(new InetSocketAddress("127.0.0.1", 0)).withMeshPort(0)
                .withRepo(repo.dir().toString(), "main", "./clusters/bench");
    }

    static boolean applied(KubeObject ks, String sha) {
        if (!ks.status().path("lastAppliedRevision").asText().endsWith(sha)) {
            return false;
        }
        for (JsonNode c : ks.status().path("conditions")) {
            if (c.path("type").asText().equals("Ready")) {
                return c.path("status").asText().equals("True");
            }
        }
        return false;
    }

    static long countApplied(EmbeddedRuntime runtime, String sha) {
        return runtime.cluster().list(KS, "flux-system", LabelSelector.everything()).stream()
                .filter(k -> !k.key().name().equals("flux-system"))
                .filter(k -> sha == null ? applied(k, "") : applied(k, sha)).count();
    }

    /** Waits until n Kustomizations are Ready at sha; returns when the first one was (System.nanoTime). */
    static long awaitCount(EmbeddedRuntime runtime, int n, String sha, Duration max, boolean log) {
        long first = 0;
        long deadline = System.nanoTime() + max.toNanos();
        long lastLog = System.nanoTime();
        while (true) {
            long ready = countApplied(runtime, sha);
            if (ready > 0 && first == 0) {
                first = System.nanoTime();
            }
            if (ready >= n) {
                return first;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out: " + ready + " of " + n + " Kustomizations ready at " + sha);
            }
            if (log && System.nanoTime() - lastLog > 10_000_000_000L) {
                System.out.println("soak: ... " + ready + " of " + n + " ready");
                lastLog = System.nanoTime();
            }
            LockSupport.parkNanos(250_000_000);
        }
    }

    static Map<String, Long> phases(EmbeddedRuntime runtime) {
        return runtime.cluster().list(CANARY, "apps", LabelSelector.everything()).stream()
                .collect(Collectors.groupingBy(c -> c.status().path("phase").asText("-"), TreeMap::new, Collectors.counting()));
    }

    static void await(BooleanSupplier done, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out");
            }
            LockSupport.parkNanos(20_000_000);
        }
    }

    static long heapAfterGc() {
        System.gc();
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /**
     * Live objects by class (instances, bytes), from jcmd GC.class_histogram on this process (a full GC).
     * jcmd writes into a file, never into a pipe read by this JVM: the histogram is sent while every Java
     * thread is stopped at a safepoint, so a reader thread here could not drain a full pipe, jcmd would
     * stop reading the attach socket and the VM thread would wait on it forever (the freeze of an
     * earlier run). A jcmd that still has not finished after two minutes is killed.
     */
    static Map<String, long[]> histogram() throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Path file = Files.createTempFile("soak-histogram", ".txt");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(ProcessHandle.current().pid()),
                    "GC.class_histogram").redirectErrorStream(true).redirectOutput(file.toFile()).start();
            if (!p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)) {
                p.destroyForcibly();
                System.out.println("soak: jcmd GC.class_histogram did not finish in 2 minutes; killed");
                return Map.of();
            }
            Map<String, long[]> out = new TreeMap<>();
            for (String line : Files.readAllLines(file)) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 4 && f[0].endsWith(":") && f[0].substring(0, f[0].length() - 1).chars().allMatch(Character::isDigit)) {
                    out.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
                }
            }
            return out;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static long pct(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1 < 0 ? 0
                : (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static String shortSha(String sha) {
        return sha.substring(0, 7);
    }

    /** Samples the heap in use every 100 ms (the peak without GC-timing luck). */
    static final class HeapSampler {
        final AtomicLong peak = new AtomicLong();
        volatile boolean running = true;
        Thread thread;

        static HeapSampler start() {
            HeapSampler s = new HeapSampler();
            s.thread = Thread.ofPlatform().daemon().start(() -> {
                while (s.running) {
                    s.peak.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max);
                    LockSupport.parkNanos(100_000_000);
                }
            });
            return s;
        }

        long stop() {
            running = false;
            return peak.get();
        }
    }

    /** Reconcile durations and start lags per controller, in windows ({@link #next()} starts a new one). */
    static final class Recorder implements SchedulerListener {
        final AtomicReference<Map<String, Stats>> window = new AtomicReference<>(new ConcurrentHashMap<>());

        @Override
        public void started(String controller, ObjectKey key, Duration lag) {
            window.get().computeIfAbsent(controller, c -> new Stats()).lag(lag.toNanos());
        }

        @Override
        public void finished(String controller, ObjectKey key, Duration took, Throwable error) {
            window.get().computeIfAbsent(controller, c -> new Stats()).took(took.toNanos(), error != null);
        }

        Map<String, Stats> next() {
            return window.getAndSet(new ConcurrentHashMap<>());
        }
    }

    static final class Stats {
        private long[] took = new long[1024];
        private int tookN;
        private long[] lag = new long[1024];
        private int lagN;
        private int errors;

        synchronized void took(long nanos, boolean error) {
            if (tookN == took.length) {
                took = Arrays.copyOf(took, tookN * 2);
            }
            took[tookN++] = nanos;
            errors += error ? 1 : 0;
        }

        synchronized void lag(long nanos) {
            if (lagN == lag.length) {
                lag = Arrays.copyOf(lag, lagN * 2);
            }
            lag[lagN++] = nanos;
        }

        static double at(long[] sorted, int n, double p) {
            return n == 0 ? 0 : sorted[Math.min(n - 1, (int) Math.ceil(p * n) - 1 < 0 ? 0 : (int) Math.ceil(p * n) - 1)] / 1e6;
        }

        @Override
        public synchronized String toString() {
            long[] t = Arrays.copyOf(took, tookN);
            long[] l = Arrays.copyOf(lag, lagN);
            Arrays.sort(t);
            Arrays.sort(l);
            return String.format("%d%s, %.1f/%.1f/%.0f, %.1f/%.0f", tookN, errors > 0 ? " (" + errors + " errors)" : "",
                    at(t, tookN, 0.5), at(t, tookN, 0.99), at(t, tookN, 1.0), at(l, lagN, 0.5), at(l, lagN, 0.99));
        }
    }
}
