package dev.sluice.gitops.notification.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.embedded.EmbeddedCluster;
import dev.sluice.gitops.kustomization.KustomizationReconciler;
import dev.sluice.gitops.kustomization.KustomizationSettings;
import dev.sluice.gitops.kustomization.KustomizerManifestBuilder;
import dev.sluice.gitops.notification.RecordingWebhook;
import dev.sluice.gitops.notification.notifier.HttpPoster;
import dev.sluice.gitops.notification.notifier.Notifiers;
import dev.sluice.gitops.source.ArtifactStore;
import dev.sluice.gitops.source.GitRepositoryReconciler;
import dev.sluice.gitops.source.JGitClient;
import dev.sluice.gitops.source.StoredSourceArtifacts;
import dev.sluice.testkit.ManualClock;
import dev.sluice.testkit.git.TestRepo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Flux-side controllers, wired through the forwarding port, notify a generic provider. */
class GitOpsAlertsIT {

    @TempDir
    Path dir;

    @Test
    void sourceAndKustomizationEventsReachTheProviderWithTheirRevision() throws Exception {
        ManualClock clock = ManualClock.atEpochOfTests();
        try (EmbeddedCluster cluster = EmbeddedCluster.inMemory(clock, new Random(9));
             HttpPoster poster = new HttpPoster(Duration.ofSeconds(2));
             RecordingWebhook hook = new RecordingWebhook();
             TestRepo repo = TestRepo.init(dir.resolve("repo"), "main")) {
            EventDispatcher dispatcher = new EventDispatcher(cluster, clock, new Notifiers(poster), Runnable::run,
                    EventDispatcher.Options.DEFAULTS);
            EventForwardingCluster port = new EventForwardingCluster(cluster, dispatcher);
            ArtifactStore store = new ArtifactStore(dir.resolve("artifacts"), "http://source-controller.flux-system.svc.cluster.local.", clock);
            GitRepositoryReconciler git = new GitRepositoryReconciler(port, new JGitClient(), store, dir.resolve("cache"), clock);
            KustomizationReconciler ks = new KustomizationReconciler(port, new StoredSourceArtifacts(store),
                    new KustomizerManifestBuilder(), clock, KustomizationSettings.EMBEDDED);

            repo.write("apps/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: default}\ndata: {a: b}\n");
            String sha = repo.commit("add settings");
            for (String yaml : List.of(
                    "{apiVersion: v1, kind: Namespace, metadata: {name: flux-system}}",
                    "{apiVersion: notification.toolkit.fluxcd.io/v1beta3, kind: Provider, metadata: {name: hook, namespace: flux-system},"
                            + " spec: {type: generic, address: '" + hook.url("/events") + "'}}",
                    "{apiVersion: notification.toolkit.fluxcd.io/v1beta3, kind: Alert, metadata: {name: all, namespace: flux-system},"
                            + " spec: {providerRef: {name: hook}, eventSources: [{kind: GitRepository, name: '*'}, {kind: Kustomization, name: '*'}]}}",
                    "{apiVersion: source.toolkit.fluxcd.io/v1, kind: GitRepository, metadata: {name: flux-system, namespace: flux-system},"
                            + " spec: {interval: 1m, url: '" + repo.url() + "', ref: {branch: main}}}",
                    "{apiVersion: kustomize.toolkit.fluxcd.io/v1, kind: Kustomization, metadata: {name: apps, namespace: flux-system},"
                            + " spec: {interval: 10m, path: ./apps, prune: true, sourceRef: {kind: GitRepository, name: flux-system}}}")) {
                cluster.create(KubeObject.parse(yaml));
            }
            git.reconcile(ObjectKey.of("source.toolkit.fluxcd.io", "GitRepository", "flux-system", "flux-system"));
            ks.reconcile(ObjectKey.of("kustomize.toolkit.fluxcd.io", "Kustomization", "flux-system", "apps"));
            ks.reconcile(ObjectKey.of("kustomize.toolkit.fluxcd.io", "Kustomization", "flux-system", "apps"));
            dispatcher.drain();

            String revision = "main@sha1:" + sha;
            List<ObjectNode> events = hook.calls("/events").stream().map(RecordingWebhook.Call::json).toList();
            ObjectNode artifact = events.stream().filter(e -> e.path("reason").asText().equals("NewArtifact")).findFirst().orElseThrow();
            assertThat(artifact.path("involvedObject").path("kind").asText()).isEqualTo("GitRepository");
            assertThat(artifact.path("involvedObject").path("apiVersion").asText()).isEqualTo("source.toolkit.fluxcd.io/v1");
            assertThat(artifact.path("reportingController").asText()).isEqualTo("source-controller");
            assertThat(artifact.path("metadata").path("revision").asText()).isEqualTo(revision);
            assertThat(artifact.path("message").asText()).isEqualTo("stored artifact for commit 'add settings'");

            List<String> ksReasons = events.stream().filter(e -> e.path("involvedObject").path("kind").asText().equals("Kustomization"))
                    .map(e -> e.path("reason").asText()).toList();
            assertThat(ksReasons).contains("Progressing", "ReconciliationSucceeded");
            ObjectNode done = events.stream().filter(e -> e.path("reason").asText().equals("ReconciliationSucceeded")).findFirst().orElseThrow();
            assertThat(done.path("severity").asText()).isEqualTo("info");
            assertThat(done.path("reportingController").asText()).isEqualTo("kustomize-controller");
            assertThat(done.path("metadata").path("revision").asText()).isEqualTo(revision);
            assertThat(done.path("involvedObject").path("uid").asText()).isNotEmpty();
        }
    }
}
