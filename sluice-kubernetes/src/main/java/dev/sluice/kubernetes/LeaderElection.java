package dev.sluice.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the controllers only while this replica holds the Lease, with fabric8's LeaderElector.
 *
 * <p>When the Lease is acquired, {@code startLeading} is called; it starts the controllers and returns
 * a handle whose {@code close()} stops them (blocking until in-flight reconciles have ended or were
 * interrupted). When leadership is lost (the Lease could not be renewed within the renew deadline,
 * or someone else holds it), the handle is closed and this replica campaigns again: the process
 * never exits. Hand-over is clean: on {@link #close()} the controllers stop <em>before</em> the Lease
 * is released, and a leader that cannot renew stops at the renew deadline, which is before the Lease
 * expires for the others, so two replicas never reconcile at once as long as stopping takes less than
 * {@link LeaderElectionOptions#stopBudget()}.
 *
 * <p>Starting and stopping run on one dedicated thread, in order; fabric8's renew loop never waits
 * for a slow start. Thread-safe.
 *
 * <pre>{@code
 * LeaderElection election = LeaderElection.start(cluster.client(),
 *         LeaderElectionOptions.defaults(cluster.namespace(), Clients.hostName()),
 *         () -> { Scheduler s = compose(...); s.start(); return () -> s.shutdown(Duration.ofSeconds(4)); });
 * ...
 * election.close();   // on SIGTERM: controllers stop, then the Lease is released
 * }</pre>
 */
public final class LeaderElection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

    private final KubernetesClient client;
    private final LeaderElectionOptions options;
    private final Supplier<? extends AutoCloseable> startLeading;
    private final ExecutorService actions;
    /** The controllers' handle while leading; touched only on the actions thread. */
    private AutoCloseable running;
    private volatile boolean leading;
    private volatile String leader = "";
    private volatile boolean closed;
    private CompletableFuture<?> elector;

    private LeaderElection(KubernetesClient client, LeaderElectionOptions options, Supplier<? extends AutoCloseable> startLeading) {
        this.client = Objects.requireNonNull(client, "client");
        this.options = Objects.requireNonNull(options, "options");
        this.startLeading = Objects.requireNonNull(startLeading, "startLeading");
        this.actions = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("sluice-leadership").daemon().factory());
    }

    /** Joins the election; returns at once. {@code startLeading} runs when (and each time) this replica leads. */
    public static LeaderElection start(KubernetesClient client, LeaderElectionOptions options,
                                       Supplier<? extends AutoCloseable> startLeading) {
        LeaderElection e = new LeaderElection(client, options, startLeading);
        e.campaign();
        return e;
    }

    /** Whether this replica's controllers are running as leader. */
    public boolean isLeading() {
        return leading;
    }

    /** The identity holding the Lease as last observed ("" when none). */
    public String leader() {
        return leader;
    }

    private synchronized void campaign() {
        if (closed) {
            return;
        }
        LeaderElectionConfig config = new LeaderElectionConfig(
                new LeaseLock(options.namespace(), options.leaseName(), options.identity()),
                options.leaseDuration(), options.renewDeadline(), options.retryPeriod(),
                new LeaderCallbacks(this::onStartLeading, this::onStopLeading, id -> leader = id == null ? "" : id),
                true, options.leaseName());
        CompletableFuture<?> f = client.leaderElector().withConfig(config).build().start();
        elector = f;
        f.whenComplete((v, t) -> {
            // The elector ends when leadership is lost (or on close); campaign again unless closing.
            if (!closed) {
                LOG.info("lost the lease {}/{}; campaigning again", options.namespace(), options.leaseName());
                campaign();
            }
        });
    }

    private void onStartLeading() {
        LOG.info("{} acquired the lease {}/{}; starting the controllers", options.identity(), options.namespace(),
                options.leaseName());
        actions.execute(() -> {
            if (closed || running != null) {
                return;
            }
            try {
                running = startLeading.get();
                leading = true;
            } catch (RuntimeException e) {
                LOG.error("starting the controllers failed; they stay stopped until the next leadership", e);
            }
        });
    }

    /** Called by fabric8 when leadership ends; waits (up to the stop budget) for the controllers to stop. */
    private void onStopLeading() {
        LOG.info("{} is no longer leader of {}/{}; stopping the controllers", options.identity(), options.namespace(),
                options.leaseName());
        awaitStop(options.stopBudget().toMillis());
    }

    private void awaitStop(long millis) {
        Future<?> done;
        try {
            done = actions.submit(this::stopRunning);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return; // already closed
        }
        try {
            done.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("the controllers did not stop within {} ms; another replica may start before they end", millis);
        } catch (ExecutionException e) {
            LOG.warn("stopping the controllers failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stopRunning() {
        AutoCloseable r = running;
        running = null;
        leading = false;
        if (r != null) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.warn("stopping the controllers failed", e);
            }
        }
    }

    /**
     * Stops the controllers, then releases the Lease so another replica takes over at once (not after
     * the lease duration). Idempotent.
     */
    @Override
    public void close() {
        CompletableFuture<?> f;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            f = elector;
        }
        awaitStop(Long.MAX_VALUE);
        if (f != null) {
            f.cancel(true); // fabric8 releases the Lease in this call (releaseOnCancel)
        }
        actions.shutdown();
    }
}
