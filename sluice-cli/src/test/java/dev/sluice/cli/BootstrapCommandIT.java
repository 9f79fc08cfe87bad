package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.kubernetes.KubernetesCluster;
import dev.sluice.server.kubernetes.MockKube;
import dev.sluice.testkit.git.GitHttpServer;
import dev.sluice.testkit.git.GitSshServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice bootstrap git} against real Git repositories (file://, smart HTTP with basic auth, SSH)
 * and the mock cluster, where a background fixture plays Kubernetes and the Sluice controller: it marks
 * the Deployment ready and the GitRepository and Kustomization reconciled at the pushed revision.
 */
class BootstrapCommandIT {

    static final ObjectKey GIT = ObjectKey.of("source.toolkit.fluxcd.io", "GitRepository", "sluice-system", "sluice-system");
    static final ObjectKey KS = ObjectKey.of("kustomize.toolkit.fluxcd.io", "Kustomization", "sluice-system", "sluice-system");
    static final ObjectKey SECRET = ObjectKey.of("", "Secret", "sluice-system", "sluice-system");

    @TempDir
    Path tmp;

    private final MockKube kube = new MockKube();
    private final KubernetesCluster cluster = kube.cluster();
    private Repository bare;
    private Path kubeconfig;

    @BeforeEach
    void arrange() throws Exception {
        bare = Git.init().setBare(true).setInitialBranch("main").setDirectory(tmp.resolve("fleet.git").toFile()).call()
                .getRepository();
        kubeconfig = kube.kubeconfig(tmp);
    }

    @AfterEach
    void close() {
        kube.close();
        bare.close();
    }

    private String head() throws IOException {
        ObjectId id = bare.resolve("refs/heads/main");
        return id == null ? "" : id.getName();
    }

    private String file(String path) throws IOException {
        try (RevWalk walk = new RevWalk(bare)) {
            RevCommit c = walk.parseCommit(bare.resolve("refs/heads/main"));
            try (TreeWalk t = TreeWalk.forPath(bare, path, c.getTree())) {
                assertThat(t).as("%s in the repository", path).isNotNull();
                return new String(bare.open(t.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    private int commits() throws Exception {
        try (Git git = new Git(bare)) {
            int n = 0;
            for (RevCommit ignored : git.log().call()) {
                n++;
            }
            return n;
        }
    }

    /**
     * Runs bootstrap while playing the cluster's part: the Deployment is rolled out whenever its generation moves, and the
     * sync objects report the branch's head as reconciled whenever they exist and report another revision
     * (so a push during the run is answered with the new revision).
     */
    private CliRunner bootstrap(String... args) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of("bootstrap", "git", "--kubeconfig", kubeconfig.toString(),
                "--timeout", "20s"));
        all.addAll(List.of(args));
        CompletableFuture<CliRunner> run = KubeFixtures.runAsync(all.toArray(String[]::new));
        KubeFixtures.whenExists(cluster, KubeFixtures.CONTROLLER, () -> {
            while (!run.isDone()) {
                await().atMost(Duration.ofSeconds(30)).until(() -> run.isDone() || rollingOut() || behind());
                if (run.isDone()) {
                    break;
                }
                if (rollingOut()) {
                    KubeFixtures.markReady(cluster, KubeFixtures.CONTROLLER);
                }
                if (behind()) {
                    String revision = "main@sha1:" + headOrEmpty();
                    KubeFixtures.markReconciled(cluster, GIT, revision);
                    KubeFixtures.markReconciled(cluster, KS, revision);
                }
            }
        });
        return run.get(60, TimeUnit.SECONDS);
    }

    /** Whether the Deployment has a generation its (absent) controller has not rolled out yet. */
    private boolean rollingOut() {
        return cluster.get(KubeFixtures.CONTROLLER)
                .map(d -> d.status().path("observedGeneration").asLong(-1) != d.generation()).orElse(false);
    }

    /** Whether the sync objects exist and do not report the branch's head yet. */
    private boolean behind() {
        var ks = cluster.get(KS);
        return ks.isPresent() && cluster.get(GIT).isPresent()
                && !ks.get().status().path("lastAppliedRevision").asText().equals("main@sha1:" + headOrEmpty());
    }

    private String headOrEmpty() {
        try {
            return head();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void commitsInstallsAndWaitsThenARerunChangesNothingAndAnUpgradeCommitsOnce() throws Exception {
        String url = tmp.resolve("fleet.git").toUri().toString();

        CliRunner first = bootstrap("--url", url, "--path", "./clusters/dev/", "--author-email", "ops@example.org");

        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        String sha = head();
        assertThat(first.out()).isEqualTo("""
                ► cloning branch "main" from Git repository "%1$s"
                ✔ cloned repository
                ✚ generating component manifests
                ✔ generated component manifests
                ✚ generating sync manifests
                ✔ generated sync manifests
                ✔ committed manifests to "main" ("%2$s")
                ► pushing manifests to "%1$s"
                ✔ pushed manifests
                ► installing components in "sluice-system" namespace
                ✔ installed components
                ◎ verifying installation
                ✔ sluice-controller: deployment ready
                ► applying sync manifests
                ✔ reconciled sync configuration
                ◎ waiting for GitRepository "sluice-system/sluice-system" to be reconciled
                ✔ GitRepository reconciled successfully
                ◎ waiting for Kustomization "sluice-system/sluice-system" to be reconciled
                ✔ Kustomization reconciled successfully
                ✔ bootstrap finished: the cluster runs main@sha1:%2$s
                """.formatted(url, sha));
        assertThat(file("clusters/dev/sluice-system/kustomization.yaml")).isEqualTo("""
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                - sluice-components.yaml
                - sluice-sync.yaml
                """);
        assertThat(file("clusters/dev/sluice-system/sluice-components.yaml"))
                .startsWith("# This manifest was generated by sluice. DO NOT EDIT.\n")
                .contains("kind: CustomResourceDefinition").contains("name: sluice-controller");
        String sync = file("clusters/dev/sluice-system/sluice-sync.yaml");
        assertThat(sync).contains("url: " + url).contains("path: ./clusters/dev").contains("branch: main")
                .doesNotContain("secretRef");
        try (RevWalk walk = new RevWalk(bare)) {
            RevCommit c = walk.parseCommit(bare.resolve("refs/heads/main"));
            assertThat(c.getAuthorIdent().getName()).isEqualTo("Sluice");
            assertThat(c.getAuthorIdent().getEmailAddress()).isEqualTo("ops@example.org");
            assertThat(c.getShortMessage()).isEqualTo("Add Sluice 0.1.0 component and sync manifests");
        }
        KubeObject git = cluster.get(GIT).orElseThrow();
        assertThat(git.spec().path("url").asText()).isEqualTo(url);
        assertThat(cluster.get(KS).orElseThrow().spec().path("path").asText()).isEqualTo("./clusters/dev");
        assertThat(cluster.get(SECRET)).isEmpty();

        CliRunner again = bootstrap("--url", url, "--path", "clusters/dev");
        assertThat(again.exitCode()).as(again.out()).isZero();
        assertThat(again.out()).contains("✔ manifests are up to date (no changes)\n").doesNotContain("pushing");
        assertThat(head()).isEqualTo(sha);
        assertThat(commits()).isEqualTo(1);

        CliRunner upgrade = bootstrap("--url", url, "--path", "clusters/dev", "--image", "sluice/sluice:0.2.0");
        assertThat(upgrade.exitCode()).as(upgrade.out()).isZero();
        assertThat(head()).isNotEqualTo(sha);
        assertThat(commits()).isEqualTo(2);
        assertThat(file("clusters/dev/sluice-system/sluice-components.yaml")).contains("image: sluice/sluice:0.2.0");
        assertThat(cluster.get(KubeFixtures.CONTROLLER).orElseThrow().at("/spec/template/spec/containers/0/image").asText())
                .isEqualTo("sluice/sluice:0.2.0");
        assertThat(upgrade.out()).contains("✔ bootstrap finished: the cluster runs main@sha1:" + head());
    }

    @Test
    void overHttpWithBasicAuthTheCredentialsBecomeTheSourceSecret() throws Exception {
        try (GitHttpServer http = GitHttpServer.start().serve("org/fleet.git", bare).requireBasicAuth("git", "s3cret")) {
            String url = http.url("org/fleet.git");

            CliRunner wrong = CliRunner.run("bootstrap", "git", "--kubeconfig", kubeconfig.toString(), "--url", url,
                    "--username", "git", "--password", "nope", "--silent");
            assertThat(wrong.exitCode()).isEqualTo(1);
            assertThat(wrong.out()).contains("✗ cannot read branch \"main\" of " + url + ": ").contains("not authorized");

            CliRunner noPassword = CliRunner.run("bootstrap", "git", "--kubeconfig", kubeconfig.toString(), "--url", url,
                    "--username", "git", "--silent");
            assertThat(noPassword.exitCode()).isEqualTo(1);
            assertThat(noPassword.err()).contains("--username git needs --password (--silent never asks)");

            CliRunner r = bootstrap("--url", url, "--username", "git", "--password", "s3cret", "--branch", "main");

            assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
            assertThat(http.receivePackRequests()).isPositive();
            assertThat(r.out()).contains("► applying source secret \"sluice-system/sluice-system\"\n✔ reconciled source secret\n");
            KubeObject secret = cluster.get(SECRET).orElseThrow();
            assertThat(new String(Base64.getDecoder().decode(secret.at("/data/username").asText()), StandardCharsets.UTF_8))
                    .isEqualTo("git");
            assertThat(new String(Base64.getDecoder().decode(secret.at("/data/password").asText()), StandardCharsets.UTF_8))
                    .isEqualTo("s3cret");
            assertThat(cluster.get(GIT).orElseThrow().spec().at("/secretRef/name").asText()).isEqualTo("sluice-system");
            assertThat(file("clusters/my-cluster/sluice-system/sluice-sync.yaml")).contains("secretRef:\n    name: sluice-system");
        }
    }

    @Test
    void overSshWithAKeyFile() throws Exception {
        KeyPair client = GitSshServer.newKeyPair();
        try (GitSshServer ssh = GitSshServer.start(client.getPublic()).serve("fleet.git", bare)) {
            Path key = Files.writeString(tmp.resolve("id_ed25519"), GitSshServer.privateKeyOpenSsh(client));
            Path knownHosts = Files.writeString(tmp.resolve("known_hosts"), ssh.knownHostsLine() + "\n");
            String url = ssh.url("fleet.git");

            CliRunner r = bootstrap("--url", url, "--ssh-key", key.toString(), "--ssh-known-hosts", knownHosts.toString());

            assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
            assertThat(file("clusters/my-cluster/sluice-system/sluice-sync.yaml")).contains("url: " + url);
            KubeObject secret = cluster.get(SECRET).orElseThrow();
            assertThat(new String(Base64.getDecoder().decode(secret.at("/data/identity").asText()), StandardCharsets.UTF_8))
                    .isEqualTo(Files.readString(key));
            assertThat(new String(Base64.getDecoder().decode(secret.at("/data/known_hosts").asText()), StandardCharsets.UTF_8))
                    .isEqualTo(Files.readString(knownHosts));
        }
    }
}
