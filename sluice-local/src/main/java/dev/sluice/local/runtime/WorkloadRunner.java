package dev.sluice.local.runtime;

import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.Watch;
import dev.sluice.cluster.WatchEvent;
import dev.sluice.cluster.WatchListener;
import dev.sluice.local.apps.BuiltinApps;
import dev.sluice.local.runtime.exec.ContainerLauncher;
import dev.sluice.local.runtime.exec.DefaultLauncher;
import dev.sluice.local.runtime.exec.DefaultProber;
import dev.sluice.local.runtime.exec.PortAllocator;
import dev.sluice.local.runtime.exec.Prober;
import dev.sluice.local.runtime.spec.WorkloadKind;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embedded mode's kubelet and Deployment controller: runs the replicas of every Deployment and
 * DaemonSet in the cluster as built-in apps or local processes on loopback, and writes their
 * status as Kubernetes would. Ready replicas are published through {@link #endpoints()} for the
 * mesh proxy.
 *
 * <p>Thread-safe. All work happens on one loop thread fed by watch events, async results and a
 * periodic tick; the public methods read snapshots or hand work to that thread. {@link #close()}
 * stops every replica (processes get SIGTERM, then SIGKILL after their grace period).
 */
public final class WorkloadRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkloadRunner.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Cluster cluster;
    private final RunnerOptions options;
    private final EndpointPublisher endpoints = new EndpointPublisher();
    private final ScheduledExecutorService loop;
    private final RuntimeEngine engine;
    private final List<Watch> watches = new CopyOnWriteArrayList<>();
    private volatile List<PodInfo> pods = List.of();
    private volatile boolean started;
    /** The workload kinds listed at least once; the runner knows every stored workload when all are. */
    private final java.util.Set<WorkloadKind> listed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    /** A prober this runner made itself, closed with it. */
    private final AutoCloseable ownedProber;

    /**
     * The production wiring: built-in apps and local processes, real probes, ephemeral ports.
     * {@code apps} stays the caller's to close (after this runner).
     */
    public WorkloadRunner(Cluster cluster, Clock clock, Path stateDir, Optional<InetSocketAddress> mesh, BuiltinApps apps) {
        this(cluster, clock, new Random(), RunnerOptions.defaults(stateDir, mesh), new DefaultLauncher(apps, mesh),
                new DefaultProber(), PortAllocator.ephemeral(), true);
    }

    /**
     * @param random thread-safety not needed (used on the loop only); names replicas
     */
    public WorkloadRunner(Cluster cluster, Clock clock, RandomGenerator random, RunnerOptions options, ContainerLauncher launcher,
                          Prober prober, PortAllocator ports) {
        this(cluster, clock, random, options, launcher, prober, ports, false);
    }

    private WorkloadRunner(Cluster cluster, Clock clock, RandomGenerator random, RunnerOptions options, ContainerLauncher launcher,
                           Prober prober, PortAllocator ports, boolean ownsProber) {
        this.cluster = cluster;
        this.options = options;
        this.ownedProber = ownsProber && prober instanceof AutoCloseable c ? c : null;
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sluice-runner");
            t.setDaemon(true);
            return t;
        });
        this.engine = new RuntimeEngine(new RuntimeContext(cluster, clock, random, options, launcher, prober, ports, loop, endpoints));
    }

    /** Lists and watches workloads and starts the periodic tick. Idempotent. */
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        WorkloadController.deleteTree(options.stateDir().resolve("runtime"));
        for (WorkloadKind kind : WorkloadKind.values()) {
            loop.execute(() -> listAndWatch(kind));
        }
        long tickMs = Math.max(1, options.tick().toMillis());
        loop.scheduleWithFixedDelay(this::tick, tickMs, tickMs, TimeUnit.MILLISECONDS);
    }

    private void listAndWatch(WorkloadKind kind) {
        if (closed) {
            return;
        }
        try {
            String rv = cluster.currentResourceVersion();
            engine.relist(kind, cluster.list(kind.groupKind(), "", LabelSelector.everything()));
            watches.add(cluster.watch(kind.groupKind(), "", rv, new WatchListener() {
                @Override
                public void onEvent(WatchEvent event) {
                    post(() -> {
                        if (event.type() == WatchEvent.Type.DELETED) {
                            engine.deleted(event.object().key());
                        } else {
                            engine.upsert(event.object());
                        }
                        engine.sync(event.object().key());
                        publishPods();
                    });
                }

                @Override
                public void onClose(ClusterException cause) {
                    if (!closed) {
                        LOG.info("watch of {} ended ({}); listing again", kind.kind(), cause == null ? "closed" : cause.getMessage());
                        loop.schedule(() -> listAndWatch(kind), 1, TimeUnit.SECONDS);
                    }
                }
            }));
            tick();
            listed.add(kind);
        } catch (RuntimeException e) {
            LOG.warn("cannot list {}s ({}); retrying", kind.kind(), e.getMessage());
            loop.schedule(() -> listAndWatch(kind), 2, TimeUnit.SECONDS);
        }
    }

    private void post(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    private void tick() {
        try {
            engine.tick();
            publishPods();
        } catch (RuntimeException e) {
            LOG.error("runner tick failed", e);
        }
    }

    private void publishPods() {
        pods = engine.pods();
    }

    /**
     * Waits until every stored workload has been listed and each of its replicas is ready or has
     * failed (crash loop, bad config), at most {@code timeout}. Embedded mode restarts its workloads
     * with the process, so the controllers wait for this before judging them: a canary analysed while
     * its load tester and replicas are still starting would count failed checks a cluster never sees.
     * Thread-safe; polls the runner's pod snapshot.
     *
     * @return true when settled, false when the timeout passed first (some replica is still starting)
     */
    public boolean awaitSettled(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!settled()) {
            if (System.nanoTime() - deadline > 0 || closed) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(50); // the runner's own thread makes progress; nothing to wait on
        }
        return true;
    }

    private boolean settled() {
        return listed.size() == WorkloadKind.values().length && pods.stream().allMatch(p ->
                p.readyContainers() == p.containers().size() || SETTLED_UNREADY.contains(p.status()));
    }

    /** Replicas that will not become ready without a change: waiting for them is pointless. */
    private static final java.util.Set<String> SETTLED_UNREADY = java.util.Set.of("CrashLoopBackOff",
            "CreateContainerConfigError", "RunContainerError", "Error", "Completed", "Terminating");

    /** Ready replicas per workload, for the mesh proxy's routes. */
    public EndpointSource endpoints() {
        return endpoints;
    }

    /** Every replica, as of the last tick. */
    public List<PodInfo> pods() {
        return pods;
    }

    /** The replicas of one namespace ({@code ""}: all). */
    public List<PodInfo> pods(String namespace) {
        return pods.stream().filter(p -> namespace.isEmpty() || p.namespace().equals(namespace)).toList();
    }

    /**
     * The output of {@code sluice logs TARGET -n NAMESPACE [-c CONTAINER]}: TARGET is a pod name,
     * {@code deploy/NAME} or {@code ds/NAME} (then the newest ready replica of the current template).
     *
     * @throws IllegalArgumentException naming what was not found
     */
    public PodLog logs(String namespace, String target, Optional<String> container) {
        return call(() -> engine.log(namespace, target, container));
    }

    /** Runs a sync of every workload now and waits for it (tests, {@code sluice reconcile}). */
    public void syncNow() {
        call(() -> {
            tick();
            return null;
        });
    }

    private <T> T call(Callable<T> task) {
        try {
            return loop.submit(task).get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the workload runner did not answer within " + CALL_TIMEOUT.toSeconds() + "s", e);
        }
    }

    /** Stops watching, stops every replica (waiting up to the longest grace period) and the loop. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        watches.forEach(Watch::close);
        long deadline = System.nanoTime() + options.maxGrace().plusSeconds(5).toNanos();
        try {
            loop.submit(engine::stopAll).get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            while (System.nanoTime() < deadline) {
                boolean idle = loop.submit(() -> {
                    engine.tick();
                    return engine.idle();
                }).get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                if (idle) {
                    break;
                }
                // Bounded wait for processes to exit after SIGTERM.
                loop.schedule(() -> { }, 50, TimeUnit.MILLISECONDS).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            LOG.warn("stopping replicas: {}", e.toString());
        } finally {
            loop.shutdownNow();
            pods = List.of();
            if (ownedProber != null) {
                try {
                    ownedProber.close();
                } catch (Exception e) {
                    LOG.debug("closing the prober", e);
                }
            }
        }
    }
}
