import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.ApplyOptions;
import dev.sluice.cluster.embedded.EmbeddedCluster;
import dev.sluice.cluster.embedded.StoreOptions;
import dev.sluice.cluster.reconcile.Controller;
import dev.sluice.cluster.reconcile.Scheduler;
import dev.sluice.cluster.reconcile.SchedulerListener;
import dev.sluice.cluster.reconcile.SchedulerOptions;
import dev.sluice.delivery.metrics.MetricMeasurer;
import dev.sluice.delivery.metrics.MetricProvider;
import dev.sluice.delivery.metrics.MetricProviderFactory;
import dev.sluice.delivery.metrics.MetricResult;
import dev.sluice.delivery.net.HttpClients;
import dev.sluice.delivery.observe.AnalysisRecorder;
import dev.sluice.delivery.reconcile.AlertNotifiers;
import dev.sluice.delivery.reconcile.CanaryAdapters;
import dev.sluice.delivery.reconcile.CanaryController;
import dev.sluice.delivery.reconcile.CanaryMetricsListener;
import dev.sluice.delivery.reconcile.CanarySettings;
import dev.sluice.delivery.routing.RouterFactory;
import dev.sluice.delivery.webhook.WebhookResult;
import dev.sluice.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The canary reconciler's own cost per tick (bench/canary/run.sh builds and runs it): N Canaries
 * (linkerd provider, two builtin metrics, one rollout hook) on the in-memory embedded store, stepped
 * through a whole rollout on a manual clock. Metrics and webhooks answer at once, so what is measured
 * is observe + decide + act against the store: the floor under the I/O a real tick waits for.
 */
public class CanaryBench {

    static final GroupKind DEPLOYMENT = GroupKind.of("apps", "Deployment");

    public static void main(String[] args) {
        int canaries = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        for (int round = 0; round < 3; round++) {   // the first rounds warm the JIT up
            run(canaries, round == 2);
        }
    }

    static void run(int n, boolean report) {
        ManualClock clock = ManualClock.atEpochOfTests();
        try (EmbeddedCluster cluster = EmbeddedCluster.builder().clock(clock).random(new SplittableRandom(1))
                .options(StoreOptions.defaults().withInitialNamespaces(List.of("default", "bench"))).build();
             HttpClients http = HttpClients.defaults()) {
            Scheduler scheduler = new Scheduler(SchedulerOptions.defaults().withIntervalJitterPercent(0), clock,
                    new SplittableRandom(2), SchedulerListener.NONE);
            MetricProvider metrics = new MetricProvider() {
                @Override
                public MetricResult query(String query) {
                    return MetricResult.value(query.contains("_bucket") ? 20 : 100);
                }

                @Override
                public void checkOnline() {
                }
            };
            MetricProviderFactory providers = new MetricProviderFactory(http, clock);
            CanaryAdapters adapters = new CanaryAdapters(new RouterFactory(cluster, "linkerd", ""),
                    new MetricMeasurer(cluster, providers, address -> metrics, false),
                    (hook, payload) -> WebhookResult.passed(), AlertNotifiers.NONE);
            CanaryController controller = CanaryController.create(cluster, clock, new SplittableRandom(3), adapters,
                    CanarySettings.DEFAULTS, AnalysisRecorder.NONE, CanaryMetricsListener.NONE);
            Controller c = scheduler.register(CanaryController.NAME, controller.reconciler(), 4);
            for (int i = 0; i < n; i++) {
                cluster.apply(KubeObject.parse(deployment(i, "1")), ApplyOptions.as("flux"));
                cluster.apply(KubeObject.parse(canary(i)), ApplyOptions.as("flux"));
                c.enqueue(new ObjectKey(GroupKind.of("flagger.app", "Canary"), "bench", "app" + i));
            }
            long[] bootstrap = step(scheduler, cluster, clock, 2);
            for (int i = 0; i < n; i++) {
                cluster.apply(KubeObject.parse(deployment(i, "2")), ApplyOptions.as("flux"));
            }
            // scale up, 5 steps of 10%, promote, promoting, finalising
            long[] rollout = step(scheduler, cluster, clock, 9);
            if (report) {
                long runs = rollout[0];
                System.out.printf("canaries=%d bootstrap: %d reconciles in %.1f ms; rollout: %d reconciles in %.1f ms"
                                + " = %.0f us per tick, %.0f ticks/s on one thread%n", n, bootstrap[0],
                        bootstrap[1] / 1e6, runs, rollout[1] / 1e6, rollout[1] / 1e3 / runs,
                        runs / (rollout[1] / 1e9));
            }
        }
    }

    /** {@code intervals} analysis intervals: the kubelet settles, the clock moves, every due tick runs. */
    static long[] step(Scheduler scheduler, EmbeddedCluster cluster, ManualClock clock, int intervals) {
        long runs = 0;
        long nanos = 0;
        for (int i = 0; i < intervals; i++) {
            settle(cluster);
            long t0 = System.nanoTime();
            runs += scheduler.runUntilIdle();
            nanos += System.nanoTime() - t0;
            clock.advance(Duration.ofSeconds(10));
        }
        return new long[] {runs, nanos};
    }

    /** Every Deployment ready, as the Deployment controller would report it. */
    static void settle(EmbeddedCluster cluster) {
        for (KubeObject d : cluster.list(DEPLOYMENT, "bench", LabelSelector.everything())) {
            int replicas = d.spec().path("replicas").asInt(1);
            ObjectNode s = Json.object();
            s.put("observedGeneration", d.generation()).put("replicas", replicas).put("updatedReplicas", replicas)
                    .put("readyReplicas", replicas).put("availableReplicas", replicas);
            if (!d.status().equals(s)) {
                cluster.updateStatus(d.withStatus(s));
            }
        }
    }

    static String deployment(int i, String version) {
        return """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"app%1$d","namespace":"bench"},
                 "spec":{"selector":{"matchLabels":{"app":"app%1$d"}},"template":{"metadata":{"labels":{"app":"app%1$d"}},
                 "spec":{"containers":[{"name":"app","image":"app:%2$s","ports":[{"containerPort":8080}]}]}}}}
                """.formatted(i, version);
    }

    static String canary(int i) {
        return """
                {"apiVersion":"flagger.app/v1beta1","kind":"Canary","metadata":{"name":"app%1$d","namespace":"bench"},
                 "spec":{"provider":"linkerd","targetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"app%1$d"},
                 "service":{"port":8080},"analysis":{"interval":"10s","threshold":2,"maxWeight":50,"stepWeight":10,
                 "webhooks":[{"name":"load","url":"http://loadtester.bench/"}],
                 "metrics":[{"name":"request-success-rate","thresholdRange":{"min":99},"interval":"1m"},
                            {"name":"request-duration","thresholdRange":{"max":500},"interval":"1m"}]}}}
                """.formatted(i);
    }

}
