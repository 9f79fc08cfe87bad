import dev.sluice.gitops.kustomize.BuildResult;
import dev.sluice.gitops.kustomize.KustomizeOptions;
import dev.sluice.gitops.kustomize.Kustomizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Times Sluice's kustomize engine on a generated tree, in one JVM: a first (cold) build, then
 * warm builds. Prints "first=<ms> median=<ms> min=<ms> cpu=<ms>" (cpu: median CPU time of the
 * building thread, which other load on the machine disturbs less) and writes the output so the
 * harness can compare it with kubectl's.
 *
 * <p>usage: KustomizeBench BUILD_DIR LOAD_ROOT OUT_FILE WARM_RUNS
 */
public final class KustomizeBench {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        KustomizeOptions opts = KustomizeOptions.defaults().withLoadRoot(Path.of(args[1]));
        int runs = Integer.parseInt(args[3]);
        Kustomizer k = new Kustomizer();
        long t0 = System.nanoTime();
        BuildResult first = k.build(dir, opts);
        String yaml = first.yaml();
        long firstMs = (System.nanoTime() - t0) / 1_000_000;
        Files.writeString(Path.of(args[2]), yaml);
        List<Long> times = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            long c = threads.getCurrentThreadCpuTime();
            int len = k.build(dir, opts).yaml().length();
            times.add((System.nanoTime() - t) / 1_000_000);
            cpu.add((threads.getCurrentThreadCpuTime() - c) / 1_000_000);
            if (len != yaml.length()) {
                throw new IllegalStateException("non-deterministic output");
            }
        }
        if (times.isEmpty()) {
            System.out.printf("first=%d%n", firstMs);
            return;
        }
        Collections.sort(times);
        Collections.sort(cpu);
        System.out.printf("first=%d median=%d min=%d cpu=%d%n", firstMs, times.get(times.size() / 2), times.get(0),
                cpu.get(cpu.size() / 2));
    }
}
