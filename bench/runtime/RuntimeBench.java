import com.sun.management.OperatingSystemMXBean;
import dev.sluice.local.apps.BuiltinApps;
import dev.sluice.local.runtime.FakeCluster;
import dev.sluice.local.runtime.ReadyEndpoint;
import dev.sluice.local.runtime.RunnerOptions;
import dev.sluice.local.runtime.WorkloadRunner;
import dev.sluice.local.runtime.exec.DefaultLauncher;
import dev.sluice.local.runtime.exec.DefaultProber;
import dev.sluice.local.runtime.exec.PortAllocator;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Benchmarks of the workload runner (bench/runtime/run.sh builds and runs it): N Deployments of R
 * built-in smiley replicas, each with an HTTP readiness probe every second, on the real clock.
 * Measures the time until every replica is ready, heap and threads per replica, the runner's CPU
 * in steady state (ticks every 200 ms plus one probe per replica per second), the time to roll
 * every Deployment to a new template (maxSurge 1, maxUnavailable 0), and the time to stop all.
 */
public class RuntimeBench {

    public static void main(String[] args) throws Exception {
        int workloads = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int replicas = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int steadySeconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        for (int round = 0; round < 2; round++) { // the first round warms the JIT up
            run(workloads, replicas, steadySeconds, round == 1);
        }
    }

    static void run(int workloads, int replicas, int steadySeconds, boolean report) throws Exception {
        Path state = Files.createTempDirectory("sluice-runtime-bench");
        FakeCluster cluster = new FakeCluster();
        BuiltinApps apps = BuiltinApps.standard(Clock.systemUTC(), new Random(1));
        RunnerOptions options = RunnerOptions.defaults(state, Optional.empty());
        WorkloadRunner runner = new WorkloadRunner(cluster, Clock.systemUTC(), new Random(2), options,
                new DefaultLauncher(apps, Optional.empty()), new DefaultProber(), PortAllocator.ephemeral());
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        runner.start();

        long t0 = System.nanoTime();
        for (int i = 0; i < workloads; i++) {
            cluster.put(deployment(i, replicas, "1"));
        }
        awaitTrue(() -> runner.endpoints().current().endpoints().size() == workloads * replicas, Duration.ofMinutes(2));
        long readyNanos = System.nanoTime() - t0;

        System.gc();
        long heapAfter = memory.getHeapMemoryUsage().getUsed();
        int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        LockSupport.parkNanos(Duration.ofSeconds(steadySeconds).toNanos());
        double cpuShare = (os.getProcessCpuTime() - cpu0) / (double) (System.nanoTime() - wall0);

        List<String> before = runner.endpoints().current().endpoints().stream().map(ReadyEndpoint::podTemplateHash).distinct().toList();
        long t1 = System.nanoTime();
        for (int i = 0; i < workloads; i++) {
            cluster.put(deployment(i, replicas, "2"));
        }
        awaitTrue(() -> {
            List<ReadyEndpoint> now = runner.endpoints().current().endpoints();
            return now.size() == workloads * replicas && now.stream().noneMatch(e -> before.contains(e.podTemplateHash()));
        }, Duration.ofMinutes(2));
        long rolloutNanos = System.nanoTime() - t1;

        long t2 = System.nanoTime();
        runner.close();
        long closeNanos = System.nanoTime() - t2;
        apps.close();

        if (report) {
            int total = workloads * replicas;
            System.out.printf("workloads %d x replicas %d = %d built-in replicas (HTTP readiness probe every 1 s, tick 200 ms)%n",
                    workloads, replicas, total);
            System.out.printf("  all ready after apply:     %,d ms%n", readyNanos / 1_000_000);
            System.out.printf("  heap per replica:          %,d KiB (after GC)%n", (heapAfter - heapBefore) / 1024 / total);
            System.out.printf("  threads per replica:       %.1f%n", (threadsAfter - threadsBefore) / (double) total);
            System.out.printf("  steady CPU (one core):     %.1f %% over %d s%n", cpuShare * 100, steadySeconds);
            System.out.printf("  roll every workload:       %,d ms%n", rolloutNanos / 1_000_000);
            System.out.printf("  close (stop everything):   %,d ms%n", closeNanos / 1_000_000);
        }
    }

    static String deployment(int i, int replicas, String version) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: smiley-I, namespace: bench}
                spec:
                  replicas: REPLICAS
                  strategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}
                  selector: {matchLabels: {app: smiley-I}}
                  template:
                    metadata: {labels: {app: smiley-I}}
                    spec:
                      containers:
                      - name: smiley
                        image: dwflynn/faces-service:0.8.0
                        ports: [{name: http, containerPort: 8000}]
                        env: [{name: FACES_SERVICE, value: smiley}, {name: VERSION, value: "VERSION_VALUE"}]
                        readinessProbe: {httpGet: {path: /ready, port: http}, periodSeconds: 1}
                """.replace("-I", "-" + i).replace("REPLICAS", Integer.toString(replicas)).replace("VERSION_VALUE", version);
    }

    static void awaitTrue(BooleanSupplier condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not reached within " + limit);
            }
            LockSupport.parkNanos(5_000_000);
        }
    }
}
