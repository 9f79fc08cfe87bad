package dev.sluice.cli;

import static org.awaitility.Awaitility.await;

import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.kubernetes.KubernetesCluster;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/** Plays the parts of Kubernetes' controllers on fabric8's mock, which has none: status writes. */
final class KubeFixtures {

    /** Own threads: the common pool may have a single worker on two cores, and these tasks block. */
    private static final Executor THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "kube-fixture");
        t.setDaemon(true);
        return t;
    });

    static final ObjectKey CONTROLLER = ObjectKey.of("apps", "Deployment", "sluice-system", "sluice-controller");

    private KubeFixtures() {
    }

    /** Writes the status the Deployment controller writes for a rolled-out, available Deployment. */
    static KubeObject markReady(KubernetesCluster cluster, ObjectKey deployment) {
        KubeObject d = cluster.get(deployment).orElseThrow();
        int replicas = d.spec().path("replicas").asInt(1);
        return cluster.updateStatus(d.withStatus(Json.parseObject("""
                {"observedGeneration": %d, "replicas": %d, "updatedReplicas": %d, "readyReplicas": %d,
                 "availableReplicas": %d, "conditions": [
                   {"type": "Available", "status": "True", "reason": "MinimumReplicasAvailable"},
                   {"type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable"}]}"""
                .formatted(d.generation(), replicas, replicas, replicas, replicas))));
    }

    /** Writes Established on a CustomResourceDefinition, as the API server does. */
    static void establish(KubernetesCluster cluster, KubeObject crd) {
        KubeObject stored = cluster.get(crd.key()).orElseThrow();
        cluster.updateStatus(stored.withStatus(Json.parseObject("""
                {"conditions": [{"type": "NamesAccepted", "status": "True", "reason": "NoConflicts"},
                                {"type": "Established", "status": "True", "reason": "InitialNamesAccepted"}]}""")));
    }

    /** Ready, as Flux's controllers report a successful reconcile of {@code revision}. */
    static void markReconciled(KubernetesCluster cluster, ObjectKey key, String revision) {
        KubeObject o = cluster.get(key).orElseThrow();
        String revisionField = key.groupKind().kind().equals("GitRepository")
                ? "\"artifact\": {\"revision\": \"" + revision + "\"}" : "\"lastAppliedRevision\": \"" + revision + "\"";
        cluster.updateStatus(o.withStatus(Json.parseObject("""
                {"observedGeneration": %d, %s,
                 "conditions": [{"type": "Ready", "status": "True", "reason": "Succeeded", "message": "done"}]}"""
                .formatted(o.generation(), revisionField))));
    }

    /** Once {@code key} exists (within 30 s), runs {@code then}; in the background. */
    static CompletableFuture<Void> whenExists(KubernetesCluster cluster, ObjectKey key, Runnable then) {
        return CompletableFuture.runAsync(() -> {
            await().atMost(Duration.ofSeconds(30)).until(() -> cluster.get(key).isPresent());
            then.run();
        }, THREADS);
    }

    /** Runs the CLI in the background (for commands that wait on the cluster). */
    static CompletableFuture<CliRunner> runAsync(String... args) {
        Callable<CliRunner> c = () -> CliRunner.run(args);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return c.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, THREADS);
    }
}
