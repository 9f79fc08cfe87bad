package dev.sluice.server.kubernetes;

import dev.sluice.api.GroupKind;
import dev.sluice.api.source.GitRepository;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.reconcile.Controller;
import dev.sluice.cluster.reconcile.Scheduler;
import dev.sluice.cluster.reconcile.SchedulerListener;
import dev.sluice.cluster.reconcile.WatchWiring;
import dev.sluice.cluster.reconcile.SchedulerOptions;
import dev.sluice.delivery.net.HttpClients;
import dev.sluice.delivery.notify.NopNotifier;
import dev.sluice.delivery.notify.NotifierFactory;
import dev.sluice.delivery.observe.AnalysisRecorder;
import dev.sluice.delivery.reconcile.AlertNotifiers;
import dev.sluice.delivery.reconcile.CanaryController;
import dev.sluice.delivery.reconcile.CanaryMetricsListener;
import dev.sluice.delivery.webhook.http.HttpWebhookClient;
import dev.sluice.delivery.webhook.http.Sleeper;
import dev.sluice.delivery.webhook.http.WebhookSettings;
import dev.sluice.gitops.drift.DriftSettings;
import dev.sluice.gitops.drift.GitDrift;
import dev.sluice.gitops.drift.GitDriftReconciler;
import dev.sluice.gitops.kustomization.KustomizationSettings;
import dev.sluice.helm.HelmControllers;
import dev.sluice.helm.controller.HelmSettings;
import dev.sluice.server.controllers.GitOpsControllers;
import dev.sluice.server.controllers.GitOpsSettings;
import dev.sluice.server.controllers.NotificationControllers;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What runs while this replica leads: a fresh scheduler with {@code --concurrent} workers and every
 * controller on it. The reconcilers read and write the API server directly ({@code api}: a read right
 * after a write sees it); their watches, and the lookups deciding whom to wake, use the informer cache
 * ({@code cache}). A new instance is built for every leadership term, so nothing carries over from a
 * previous term but what is stored in the cluster.
 *
 * <p>As in embedded mode, the Flux-side controllers (sources, Kustomizations, Helm) record their events
 * through {@link NotificationControllers#forwarding}, so Alerts see them; the Receiver reconciler and
 * the Git drift controller (a second reconciler of Canaries, owning only {@code status.gitDrift}) run
 * on the same scheduler. The webhook handler and the drift analyser belong to the process (see
 * {@link ControllerRuntime}).
 */
final class Controllers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Controllers.class);

    /** Flux's kustomize-controller timings, with Sluice's field manager (it takes over kustomize-controller's fields). */
    static final KustomizationSettings KUSTOMIZATIONS = new KustomizationSettings("sluice", Duration.ofSeconds(30),
            Duration.ofSeconds(5));
    /**
     * Workloads whose changes wake the Kustomization waiting on their health: those the least-privilege
     * role may watch. StatefulSets and Jobs are polled every {@link KustomizationSettings#healthPoll()}.
     */
    static final List<GroupKind> WORKLOADS = List.of(GroupKind.of("apps", "Deployment"), GroupKind.of("apps", "DaemonSet"));
    /** Canaries ticking at once, within {@code --concurrent}. */
    private static final int CANARY_CONCURRENCY = 4;

    private final Scheduler scheduler;
    private final GitOpsControllers gitops;
    private final List<AutoCloseable> watches;
    private final CanaryController.Running canaries;
    private final HttpClients http;
    private final Duration lostLeaseBudget;
    private boolean stopped;

    private Controllers(Scheduler scheduler, GitOpsControllers gitops, List<AutoCloseable> watches,
                        CanaryController.Running canaries, HttpClients http, Duration lostLeaseBudget) {
        this.scheduler = scheduler;
        this.gitops = gitops;
        this.watches = watches;
        this.canaries = canaries;
        this.http = http;
        this.lostLeaseBudget = lostLeaseBudget;
    }

    /**
     * Builds and starts every controller.
     *
     * @param lostLeaseBudget how long {@link #close()} lets in-flight reconciles run: the time between
     *                        giving up the Lease and another replica taking it
     * @param notifications   the process's event dispatcher (Alerts) and Receiver wiring
     * @param drift           the process's drift analyser and write-back (one set of Git mirrors)
     */
    static Controllers start(Cluster api, Cluster cache, ControllerConfig config, SchedulerListener listener,
                             AnalysisRecorder recorder, Duration lostLeaseBudget, NotificationControllers notifications,
                             GitDrift drift) {
        Random random = new Random();
        Scheduler scheduler = new Scheduler(SchedulerOptions.defaults().withConcurrency(config.concurrent()),
                config.clock(), random, listener);
        Cluster flux = notifications.forwarding(api);
        GitOpsControllers gitops = GitOpsControllers.start(flux, cache, scheduler, config.clock(),
                new GitOpsSettings(config.cacheDir(), KUSTOMIZATIONS, WORKLOADS));
        List<AutoCloseable> watches = new ArrayList<>();
        watches.add(notifications.startReceivers(api, cache, scheduler));
        HttpClients http = HttpClients.defaults();
        // Real webhooks (the load tester, gates) and Prometheus at --metrics-server: no mesh in between.
        HttpWebhookClient webhooks = new HttpWebhookClient(http, WebhookSettings.DEFAULTS, Sleeper.REAL);
        AlertNotifiers notifiers = AlertNotifiers.of(new NotifierFactory(http), new NopNotifier());
        CanaryController canary = CanaryController.create(api, config.clock(), random,
                CanaryController.adapters(api, config.clock(), http, config.canaries(), webhooks, notifiers),
                config.canaries(), recorder, CanaryMetricsListener.NONE);
        CanaryController.Running canaries = canary.start(scheduler, CANARY_CONCURRENCY, cache);
        watches.addAll(HelmControllers.create(flux, config.clock(), config.cacheDir(), Optional.of(gitops.artifacts()),
                HelmSettings.FLUX_DEFAULTS).register(scheduler, cache));
        watches.add(startGitDrift(api, cache, scheduler, config, drift));
        scheduler.start();
        LOG.info("controllers started: GitRepository, Kustomization, HelmRepository, HelmChart, HelmRelease, Receiver, "
                + "Canary, Git drift ({} concurrent reconciles)", config.concurrent());
        return new Controllers(scheduler, gitops, watches, canaries, http, lostLeaseBudget);
    }

    /** Git-consistent rollback: a Failed Canary gets a GitDrift condition naming the commit that introduced the failed spec. */
    private static WatchWiring startGitDrift(Cluster api, Cluster cache, Scheduler scheduler, ControllerConfig config,
                                             GitDrift drift) {
        Controller controller = scheduler.register(GitDriftReconciler.NAME,
                new GitDriftReconciler(api, drift, config.clock(), DriftSettings.DEFAULTS), 1);
        return WatchWiring.of(cache, controller).primaryChanges(GitDriftReconciler.CHANGES)
                .related(GitRepository.KIND, GitDriftReconciler.SOURCE_CHANGES, GitDriftReconciler.driftingFrom(cache))
                .start();
    }

    /**
     * Stops watching, then lets reconciles in flight finish for up to {@code grace} (interrupting
     * those still running after it). Idempotent: a second call returns at once.
     *
     * @return true when every reconcile finished in time
     */
    synchronized boolean stop(Duration grace) {
        if (stopped) {
            return true;
        }
        stopped = true;
        canaries.close();
        gitops.close();
        for (AutoCloseable w : watches) {
            try {
                w.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", w, e.toString());
            }
        }
        boolean drained = scheduler.shutdown(grace);
        http.close();
        LOG.info("controllers stopped{}", drained ? "" : " (some reconciles were interrupted after " + grace + ")");
        return drained;
    }

    /** Stops within the lost-lease budget (what leader election calls when leadership ends). */
    @Override
    public void close() {
        stop(lostLeaseBudget);
    }
}
