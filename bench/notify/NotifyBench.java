import com.sun.net.httpserver.HttpServer;
import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.EventRecord;
import dev.sluice.cluster.embedded.EmbeddedCluster;
import dev.sluice.cluster.reconcile.Controller;
import dev.sluice.cluster.reconcile.Scheduler;
import dev.sluice.cluster.reconcile.SchedulerListener;
import dev.sluice.cluster.reconcile.SchedulerOptions;
import dev.sluice.cluster.reconcile.WatchWiring;
import dev.sluice.gitops.kustomization.KustomizationReconciler;
import dev.sluice.gitops.kustomization.KustomizationSettings;
import dev.sluice.gitops.kustomization.KustomizerManifestBuilder;
import dev.sluice.gitops.notification.alert.EventDispatcher;
import dev.sluice.gitops.notification.alert.EventForwardingCluster;
import dev.sluice.gitops.notification.notifier.HttpPoster;
import dev.sluice.gitops.notification.notifier.Notifiers;
import dev.sluice.gitops.notification.receiver.ReceiverHandler;
import dev.sluice.gitops.notification.receiver.ReceiverReconciler;
import dev.sluice.gitops.source.ArtifactStore;
import dev.sluice.gitops.source.GitRepositoryReconciler;
import dev.sluice.gitops.source.JGitClient;
import dev.sluice.gitops.source.StoredSourceArtifacts;
import dev.sluice.testkit.git.TestRepo;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Receivers and notifications (bench/notify/run.sh builds and runs it), on the real clock:
 * (1) commit to applied through a generic Receiver: a commit in a local repository, a webhook call,
 * then the GitRepository and Kustomization reconcilers on the scheduler with their watches, until
 * the Kustomization's lastAppliedRevision is the new commit (the GitRepository polls only hourly,
 * and no file watch runs); (2) events recorded by a controller through the forwarding port until a
 * local generic provider received them, and what recording costs the controller's thread.
 */
public class NotifyBench {

    static final GroupKind GIT = GroupKind.of("source.toolkit.fluxcd.io", "GitRepository");
    static final GroupKind KS = GroupKind.of("kustomize.toolkit.fluxcd.io", "Kustomization");

    public static void main(String[] args) throws Exception {
        int commits = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 20000;
        receiver(5, false); // warm-up
        receiver(commits, true);
        notifications(events / 4, false);
        notifications(events, true);
    }

    static void receiver(int commits, boolean report) throws Exception {
        Path dir = Files.createTempDirectory("sluice-notify-bench");
        Clock clock = Clock.systemUTC();
        try (EmbeddedCluster cluster = EmbeddedCluster.inMemory(clock, new Random(1));
             TestRepo repo = TestRepo.init(dir.resolve("repo"), "main");
             Scheduler scheduler = new Scheduler(SchedulerOptions.defaults(), clock, new Random(2), SchedulerListener.NONE);
             HttpClient http = HttpClient.newHttpClient()) {
            repo.write("apps/cm.yaml", cm(0));
            repo.commit("c0");
            ArtifactStore store = new ArtifactStore(dir.resolve("artifacts"), "http://source-controller.flux-system.svc.cluster.local.", clock);
            Controller git = scheduler.register(new GitRepositoryReconciler(cluster, new JGitClient(), store, dir.resolve("cache"), clock));
            Controller ks = scheduler.register(new KustomizationReconciler(cluster, new StoredSourceArtifacts(store),
                    new KustomizerManifestBuilder(), clock, KustomizationSettings.EMBEDDED));
            Controller receivers = scheduler.register(new ReceiverReconciler(cluster, clock));
            List<AutoCloseable> wirings = List.of(WatchWiring.of(cluster, git).start(),
                    WatchWiring.of(cluster, ks).related(GIT, src -> cluster.list(KS, "", LabelSelector.everything()).stream()
                            .map(KubeObject::key).toList()).start(),
                    WatchWiring.of(cluster, receivers).start());
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            server.createContext("/hook/", new ReceiverHandler(cluster, clock));
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            for (String yaml : List.of(
                    "{apiVersion: v1, kind: Namespace, metadata: {name: flux-system}}",
                    "{apiVersion: v1, kind: Secret, metadata: {name: t, namespace: flux-system}, stringData: {token: x}}",
                    "{apiVersion: notification.toolkit.fluxcd.io/v1, kind: Receiver, metadata: {name: r, namespace: flux-system},"
                            + " spec: {type: generic, secretRef: {name: t}, resources: [{kind: GitRepository, name: repo}]}}",
                    "{apiVersion: source.toolkit.fluxcd.io/v1, kind: GitRepository, metadata: {name: repo, namespace: flux-system},"
                            + " spec: {interval: 1h, url: '" + repo.url() + "', ref: {branch: main}}}",
                    "{apiVersion: kustomize.toolkit.fluxcd.io/v1, kind: Kustomization, metadata: {name: apps, namespace: flux-system},"
                            + " spec: {interval: 1h, path: ./apps, prune: true, sourceRef: {kind: GitRepository, name: repo}}}")) {
                cluster.create(KubeObject.parse(yaml));
            }
            scheduler.start();
            ObjectKey ksKey = new ObjectKey(KS, "flux-system", "apps");
            ObjectKey rKey = ObjectKey.of("notification.toolkit.fluxcd.io", "Receiver", "flux-system", "r");
            await(() -> cluster.get(ksKey).map(k -> k.status().path("lastAppliedRevision").asText().endsWith(repo.head())).orElse(false));
            await(() -> !cluster.get(rKey).orElseThrow().status().path("webhookPath").asText().isEmpty());
            URI hook = URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                    + cluster.get(rKey).orElseThrow().status().path("webhookPath").asText());
            List<Long> millis = new ArrayList<>();
            for (int i = 1; i <= commits; i++) {
                repo.write("apps/cm.yaml", cm(i));
                String sha = repo.commit("c" + i);
                long t0 = System.nanoTime();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(hook).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("webhook answered " + r.statusCode() + ": " + r.body());
                }
                await(() -> cluster.get(ksKey).map(k -> k.status().path("lastAppliedRevision").asText().endsWith(sha)).orElse(false));
                millis.add((System.nanoTime() - t0) / 1_000_000);
            }
            server.stop(0);
            for (AutoCloseable w : wirings) {
                w.close();
            }
            if (report) {
                Collections.sort(millis);
                System.out.printf("commit to applied through a generic Receiver (%d commits): p50 %d ms, p95 %d ms, max %d ms%n",
                        commits, millis.get(millis.size() / 2), millis.get((int) (millis.size() * 0.95)), millis.get(millis.size() - 1));
            }
        }
    }

    static void notifications(int events, boolean report) throws Exception {
        Clock clock = Clock.systemUTC();
        AtomicLong received = new AtomicLong();
        HttpServer provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        provider.createContext("/", h -> {
            try (h) {
                h.getRequestBody().readAllBytes();
                received.incrementAndGet();
                h.sendResponseHeaders(204, -1);
            }
        });
        provider.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        provider.start();
        try (EmbeddedCluster cluster = EmbeddedCluster.inMemory(clock, new Random(3));
             HttpPoster poster = new HttpPoster(Duration.ofSeconds(5));
             EventDispatcher dispatcher = new EventDispatcher(cluster, clock, new Notifiers(poster),
                     Executors.newVirtualThreadPerTaskExecutor(), new EventDispatcher.Options(events, Duration.ofMinutes(5), 32))) {
            for (String yaml : List.of(
                    "{apiVersion: v1, kind: Namespace, metadata: {name: flux-system}}",
                    "{apiVersion: kustomize.toolkit.fluxcd.io/v1, kind: Kustomization, metadata: {name: apps, namespace: flux-system},"
                            + " spec: {interval: 1h, path: ./, prune: true, sourceRef: {kind: GitRepository, name: repo}}}",
                    "{apiVersion: notification.toolkit.fluxcd.io/v1beta3, kind: Provider, metadata: {name: p, namespace: flux-system},"
                            + " spec: {type: generic, address: 'http://127.0.0.1:" + provider.getAddress().getPort() + "/'}}",
                    "{apiVersion: notification.toolkit.fluxcd.io/v1beta3, kind: Alert, metadata: {name: a, namespace: flux-system},"
                            + " spec: {providerRef: {name: p}, eventSources: [{kind: Kustomization, name: '*'}]}}")) {
                cluster.create(KubeObject.parse(yaml));
            }
            EventForwardingCluster port = new EventForwardingCluster(cluster, dispatcher);
            ObjectKey ks = new ObjectKey(KS, "flux-system", "apps");
            long forwardNanos = 0;
            long t0 = System.nanoTime();
            dispatcher.start();
            for (int i = 0; i < events; i++) {
                var now = clock.instant();
                EventRecord e = new EventRecord(ks, EventRecord.NORMAL, "ReconciliationSucceeded", "Applied revision " + i,
                        "kustomize-controller", Map.of("kustomize.toolkit.fluxcd.io/revision", "main@sha1:" + i), 1, now, now);
                long a = System.nanoTime();
                dispatcher.accept(e); // what the forwarding port adds to a controller's recordEvent
                forwardNanos += System.nanoTime() - a;
                port.get(ks);
            }
            await(() -> received.get() + dispatcher.counters().snapshot().failed() >= events);
            long elapsed = System.nanoTime() - t0;
            if (report) {
                var c = dispatcher.counters().snapshot();
                System.out.printf("notifications: %d distinct events to a local generic provider in %d ms (%.0f events/s); "
                                + "sent %d, failed %d, dropped %d; hand-off on the controller thread %.2f us/event%n",
                        events, elapsed / 1_000_000, events / (elapsed / 1e9), c.sent(), c.failed(), c.dropped(),
                        forwardNanos / 1e3 / events);
            }
        } finally {
            provider.stop(0);
        }
    }

    static String cm(int i) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: default}\ndata: {version: '" + i + "'}\n";
    }

    static void await(java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out");
            }
            LockSupport.parkNanos(1_000_000);
        }
    }
}
