package dev.sluice.server.kubernetes.bootstrap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Condition;
import dev.sluice.api.Conditions;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import dev.sluice.gitops.source.GitAuth;
import dev.sluice.kubernetes.install.InstallManifests;
import dev.sluice.kubernetes.install.InstallOptions;
import dev.sluice.server.kubernetes.setup.Installer;
import dev.sluice.server.kubernetes.setup.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * {@code sluice bootstrap git}: commits Sluice's own manifests to a Git repository, installs them, and
 * points Sluice at that repository, so that from then on Sluice manages itself from Git, as
 * {@code flux bootstrap git} does. Idempotent: a re-run commits only what changed (nothing, or a newer
 * version's manifests: an upgrade), applies again and waits again. Reports through {@link Progress};
 * blocking with real-time deadlines; not thread-safe.
 */
public final class GitBootstrap {

    /**
     * What to bootstrap.
     *
     * @param url         the repository, as this machine and the cluster reach it
     * @param branch      the branch to commit to (created when missing)
     * @param path        the cluster path in the repository ({@link SyncManifests#repositoryPath} form)
     * @param auth        credentials for the push
     * @param secretData  the Secret the cluster's GitRepository reads its credentials from (Flux's keys:
     *                    username/password, identity/known_hosts); empty when the repository needs none
     * @param author      commit author and committer (its time is taken when committing)
     * @param install     the install options (namespace, image, ...)
     * @param interval    how often the GitRepository polls
     * @param timeout     how long each wait may take (components ready, source and Kustomization reconciled)
     */
    public record Options(String url, String branch, String path, GitAuth auth, Map<String, String> secretData,
                          PersonIdent author, InstallOptions install, Duration interval, Duration timeout) {
        public Options {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(branch, "branch");
            path = SyncManifests.repositoryPath(path);
            Objects.requireNonNull(auth, "auth");
            secretData = Map.copyOf(secretData);
            Objects.requireNonNull(author, "author");
            Objects.requireNonNull(install, "install");
        }
    }

    private final Cluster cluster;
    private final Progress progress;
    private final Installer installer;

    public GitBootstrap(Cluster cluster, Progress progress) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.installer = new Installer(cluster, progress);
    }

    /**
     * Runs every step.
     *
     * @return the revision the cluster now runs, e.g. {@code main@sha1:<sha>}
     * @throws BootstrapException naming the step that failed
     */
    public String run(Options o) throws InterruptedException {
        String ns = o.install().namespace();
        Optional<String> secret = o.secretData().isEmpty() ? Optional.empty() : Optional.of(ns);
        SyncManifests.Sync sync = new SyncManifests.Sync(o.url(), o.branch(), o.path(), secret, o.interval());
        String head = commitAndPush(o, sync);
        String revision = o.branch() + "@sha1:" + head;

        progress.action("installing components in \"" + ns + "\" namespace");
        apply(InstallManifests.all(o.install()), o.timeout());
        progress.success("installed components");
        progress.waiting("verifying installation");
        ObjectKey deployment = ObjectKey.of("apps", "Deployment", ns, "sluice-controller");
        if (!installer.awaitReady(List.of(deployment), o.timeout())) {
            throw new BootstrapException("the sluice-controller Deployment in " + ns + " is not ready after " + o.timeout()
                    + "; see 'kubectl -n " + ns + " describe deployment sluice-controller'");
        }
        if (secret.isPresent()) {
            progress.action("applying source secret \"" + ns + "/" + secret.get() + "\"");
            apply(List.of(secretObject(ns, secret.get(), o.secretData())), o.timeout());
            progress.success("reconciled source secret");
        }
        progress.action("applying sync manifests");
        List<KubeObject> objects = SyncManifests.syncObjects(o.install(), sync);
        apply(objects, o.timeout());
        progress.success("reconciled sync configuration");
        awaitRevision(objects.get(0).key(), revision, s -> s.path("artifact").path("revision").asText(""), o.timeout());
        awaitRevision(objects.get(1).key(), revision, s -> s.path("lastAppliedRevision").asText(""), o.timeout());
        progress.success("bootstrap finished: the cluster runs " + revision);
        return revision;
    }

    private String commitAndPush(Options o, SyncManifests.Sync sync) {
        Path dir;
        try {
            dir = Files.createTempDirectory("sluice-bootstrap-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            progress.action("cloning branch \"" + o.branch() + "\" from Git repository \"" + o.url() + "\"");
            try (GitWorkspace repo = GitWorkspace.checkout(o.url(), o.branch(), o.auth(), dir.resolve("repo"), o.timeout())) {
                progress.success("cloned repository");
                progress.generating("generating component manifests");
                Map<String, String> files = SyncManifests.files(o.install(), sync);
                progress.success("generated component manifests");
                progress.generating("generating sync manifests");
                progress.success("generated sync manifests");
                repo.write(files);
                String target = (o.path().isEmpty() ? "" : o.path() + "/") + SyncManifests.DIR;
                Optional<String> commit = repo.commit(target, "Add Sluice " + InstallOptions.VERSION
                        + " component and sync manifests", new PersonIdent(o.author(), java.time.Instant.now()));
                if (commit.isEmpty()) {
                    progress.success("manifests are up to date (no changes)");
                    return repo.head();
                }
                progress.success("committed manifests to \"" + o.branch() + "\" (\"" + commit.get() + "\")");
                progress.action("pushing manifests to \"" + o.url() + "\"");
                repo.push();
                progress.success("pushed manifests");
                return commit.get();
            }
        } finally {
            deleteTree(dir);
        }
    }

    private void apply(List<KubeObject> objects, Duration timeout) throws InterruptedException {
        try {
            installer.apply(objects, timeout);
        } catch (ClusterException e) {
            throw new BootstrapException("cannot apply: " + e.getMessage(), e);
        }
    }

    /** Waits until {@code key} is Ready, has observed its generation and reports {@code revision}. */
    private void awaitRevision(ObjectKey key, String revision, Function<com.fasterxml.jackson.databind.JsonNode, String> reported,
                               Duration timeout) throws InterruptedException {
        String what = key.groupKind().kind() + " \"" + key.namespace() + "/" + key.name() + "\"";
        progress.waiting("waiting for " + what + " to be reconciled");
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 200;
        Optional<KubeObject> last = Optional.empty();
        while (System.nanoTime() < deadline) {
            last = cluster.get(key);
            if (last.isPresent() && reconciled(last.get(), revision, reported)) {
                progress.success(key.groupKind().kind() + " reconciled successfully");
                return;
            }
            Thread.sleep(pause);
            pause = Math.min(2000, pause * 2);
        }
        String state = last.flatMap(o -> Conditions.find(o.status(), "Ready"))
                .map(c -> "Ready " + c.status() + " (" + c.reason() + "): " + c.message()).orElse("no Ready condition");
        progress.failure(what + " did not reconcile " + revision + " within " + timeout + ": " + state);
        throw new BootstrapException(what + " was not reconciled within " + timeout + ": " + state
                + "; is the sluice-controller running? ('kubectl -n " + key.namespace() + " logs deploy/sluice-controller')");
    }

    private static boolean reconciled(KubeObject o, String revision, Function<com.fasterxml.jackson.databind.JsonNode, String> reported) {
        Optional<Condition> ready = Conditions.find(o.status(), "Ready");
        return ready.map(Condition::isTrue).orElse(false)
                && o.status().path("observedGeneration").asLong(-1) == o.generation()
                && revision.equals(reported.apply(o.status()));
    }

    private static KubeObject secretObject(String namespace, String name, Map<String, String> data) {
        ObjectNode n = Json.object().put("apiVersion", "v1").put("kind", "Secret");
        n.putObject("metadata").put("name", name).put("namespace", namespace);
        n.put("type", "Opaque");
        ObjectNode d = n.putObject("data");
        data.forEach((k, v) -> d.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return KubeObject.of(n);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A temporary directory left behind is harmless.
        }
    }
}
