package dev.sluice.gitops.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.EventRecord;
import dev.sluice.testkit.git.GitHttpServer;
import dev.sluice.testkit.git.TestRepo;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GitRepository against the in-process smart-HTTP server: authentication, no-fetch, failures. */
class GitRepositoryHttpIT {

    @TempDir
    Path tmp;
    TestRepo repo;
    GitHttpServer server;
    SourceFixture f;

    @BeforeEach
    void setUp() {
        repo = TestRepo.init(tmp.resolve("origin"));
        server = GitHttpServer.start();
        server.serve("org/podinfo.git", repo.repository());
        f = new SourceFixture(tmp.resolve("state"));
    }

    @AfterEach
    void tearDown() {
        server.close();
        repo.close();
    }

    private void secret(String name, String stringData) {
        f.cluster.create(KubeObject.parse("apiVersion: v1\nkind: Secret\nmetadata: {name: " + name
                + ", namespace: flux-system}\nstringData: " + stringData + "\n"));
    }

    private ObjectKey create(String extra) {
        return f.create("podinfo", "  url: " + server.url("org/podinfo.git") + "\n  interval: 10m\n  ref: {branch: main}\n"
                + extra);
    }

    @Test
    void basicAuthFetchesOnceAndThenOnlyListsRefs() throws Exception {
        String head = repo.write("apps/a.yaml", "a").commit("first");
        server.requireBasicAuth("flux", "s3cret");
        secret("git-auth", "{username: flux, password: s3cret}");
        ObjectKey key = create("  secretRef: {name: git-auth}\n");

        f.reconciler.reconcile(key);
        assertThat(f.artifact(key).revision()).isEqualTo("main@sha1:" + head);
        assertThat(server.fetchRequests()).isEqualTo(1);

        f.clock.advance(Duration.ofMinutes(10));
        f.reconciler.reconcile(key);
        assertThat(server.fetchRequests()).as("no changes since last reconciliation: no fetch").isEqualTo(1);

        String next = repo.write("apps/b.yaml", "b").commit("second");
        f.reconciler.reconcile(key);
        assertThat(server.fetchRequests()).isEqualTo(2);
        assertThat(f.artifact(key).revision()).isEqualTo("main@sha1:" + next);
        assertThat(f.store.open(f.artifact(key)).resolve("apps/b.yaml")).exists();
    }

    @Test
    void bearerTokenIsSent() throws Exception {
        repo.write("a.yaml", "a").commit("first");
        server.requireBearerToken("t0ken");
        secret("token", "{bearerToken: t0ken}");
        ObjectKey key = create("  secretRef: {name: token}\n");
        f.reconciler.reconcile(key);
        assertThat(f.condition(key, "Ready").isTrue()).isTrue();
    }

    @Test
    void wrongPasswordIsAnAuthenticationFailureThatBacksOffWithoutRewriting() throws Exception {
        repo.write("a.yaml", "a").commit("first");
        server.requireBasicAuth("flux", "s3cret");
        secret("git-auth", "{username: flux, password: wrong}");
        ObjectKey key = create("  secretRef: {name: git-auth}\n");

        assertThatThrownBy(() -> f.reconciler.reconcile(key))
                .isInstanceOfSatisfying(GitSourceException.class, e -> assertThat(e.isAuthentication()).isTrue());
        var fetchFailed = f.condition(key, "FetchFailed");
        assertThat(fetchFailed.reason()).isEqualTo("AuthenticationFailed");
        assertThat(fetchFailed.message()).startsWith("failed to checkout and determine revision: unable to list remote refs of '"
                + server.url("org/podinfo.git") + "'").contains("not authorized");
        assertThat(f.condition(key, "Ready").reason()).isEqualTo("AuthenticationFailed");
        assertThat(f.cluster.events(key)).singleElement().extracting(EventRecord::reason).isEqualTo("AuthenticationFailed");
        long writes = f.cluster.statusWrites();
        int requests = server.unauthorizedRequests();

        // The scheduler retries later (the exception means backoff); the same failure writes nothing,
        // so it does not trigger a watch event and an immediate extra reconcile.
        f.clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> f.reconciler.reconcile(key)).isInstanceOf(GitSourceException.class);
        assertThat(f.cluster.statusWrites()).isEqualTo(writes);
        assertThat(f.cluster.events(key)).hasSize(1);
        // JGit makes a few requests per attempt (anonymous first, then with credentials); the
        // point is that each reconcile makes one bounded attempt and never loops.
        assertThat(requests).isBetween(1, 5);
        assertThat(server.unauthorizedRequests() - requests).as("one attempt per reconcile").isEqualTo(requests);
        assertThat(f.git.fetches.get()).isZero();
    }

    @Test
    void missingSecretIsAnAuthenticationFailure() throws Exception {
        ObjectKey key = create("  secretRef: {name: nope}\n");
        assertThatThrownBy(() -> f.reconciler.reconcile(key)).isInstanceOf(GitSourceException.class);
        assertThat(f.condition(key, "FetchFailed").message())
                .isEqualTo("failed to checkout and determine revision: failed to get secret 'flux-system/nope': secrets \"nope\" not found");
        assertThat(f.git.lsRemotes.get()).isZero();
    }

    @Test
    void serverDownIsAGitOperationFailureThatKeepsTheStoredArtifact() throws Exception {
        String head = repo.write("a.yaml", "a").commit("first");
        ObjectKey key = create("");
        f.reconciler.reconcile(key);
        Artifact stored = f.artifact(key);
        server.close();

        assertThatThrownBy(() -> f.reconciler.reconcile(key)).isInstanceOf(GitSourceException.class);

        assertThat(f.condition(key, "FetchFailed").reason()).isEqualTo("GitOperationFailed");
        assertThat(f.condition(key, "Ready").isFalse()).isTrue();
        assertThat(f.condition(key, "ArtifactInStorage").isTrue()).isTrue();
        assertThat(f.artifact(key)).isEqualTo(stored);
        assertThat(stored.revision()).isEqualTo("main@sha1:" + head);
        assertThat(f.store.open(stored).resolve("a.yaml")).exists();
    }

    @Test
    void recoveryClearsTheFailureConditions() throws Exception {
        repo.write("a.yaml", "a").commit("first");
        server.requireBasicAuth("flux", "s3cret");
        secret("git-auth", "{username: flux, password: s3cret}");
        ObjectKey key = create("  secretRef: {name: missing}\n");
        assertThatThrownBy(() -> f.reconciler.reconcile(key)).isInstanceOf(GitSourceException.class);
        f.cluster.update(f.get(key).edit(n -> n.withObjectProperty("spec").withObjectProperty("secretRef").put("name", "git-auth")));
        f.reconciler.reconcile(key);
        assertThat(f.condition(key, "Ready").isTrue()).isTrue();
        assertThat(dev.sluice.api.Conditions.find(f.status(key), "FetchFailed")).isEmpty();
        assertThat(dev.sluice.api.Conditions.find(f.status(key), "Reconciling")).isEmpty();
    }

    @Test
    void httpsIsTrustedThroughTheSecretsCaCrtOnly() throws Exception {
        String head = repo.write("a.yaml", "a").commit("over https");
        try (GitHttpServer https = GitHttpServer.startHttps(tmp.resolve("tls"))) {
            https.serve("org/podinfo.git", repo.repository());
            ObjectKey untrusted = f.create("untrusted", "  url: " + https.url("org/podinfo.git")
                    + "\n  interval: 1m\n  ref: {branch: main}\n");
            assertThatThrownBy(() -> f.reconciler.reconcile(untrusted)).isInstanceOf(GitSourceException.class);
            assertThat(f.condition(untrusted, "FetchFailed").reason()).isEqualTo("GitOperationFailed");

            var secret = dev.sluice.api.Json.object().put("apiVersion", "v1").put("kind", "Secret");
            secret.putObject("metadata").put("name", "tls").put("namespace", "flux-system");
            secret.putObject("stringData").put("ca.crt", https.caCertificatePem());
            f.cluster.create(KubeObject.of(secret));
            ObjectKey trusted = f.create("trusted", "  url: " + https.url("org/podinfo.git")
                    + "\n  interval: 1m\n  ref: {branch: main}\n  secretRef: {name: tls}\n");
            f.reconciler.reconcile(trusted);
            assertThat(f.artifact(trusted).revision()).isEqualTo("main@sha1:" + head);
        }
    }

    @Test
    void annotatedSemverTagsArePeeledOverHttpSoNothingIsRefetched() throws Exception {
        String v1 = repo.write("a.yaml", "1").commit("one");
        repo.annotatedTag("v1.0.0", "release");
        repo.write("a.yaml", "2").commit("two");
        repo.annotatedTag("v2.0.0", "release");
        ObjectKey key = f.create("tags", "  url: " + server.url("org/podinfo.git") + "\n  interval: 1m\n  ref: {semver: '<2'}\n");
        f.reconciler.reconcile(key);
        f.reconciler.reconcile(key);
        assertThat(f.artifact(key).revision()).isEqualTo("v1.0.0@sha1:" + v1);
        assertThat(server.fetchRequests()).isEqualTo(1);
    }

    @Test
    void httpsClientCertificatesComeFromTlsCrtAndTlsKey() throws Exception {
        String head = repo.write("a.yaml", "a").commit("mutual tls");
        var client = dev.sluice.testkit.git.SelfSignedCertificate.create(tmp.resolve("client"), "flux");
        try (GitHttpServer https = GitHttpServer.startHttps(tmp.resolve("tls"), client)) {
            https.serve("org/podinfo.git", repo.repository());
            tlsSecret("ca-only", https.caCertificatePem(), null);
            ObjectKey anonymous = f.create("anonymous", "  url: " + https.url("org/podinfo.git")
                    + "\n  interval: 1m\n  ref: {branch: main}\n  secretRef: {name: ca-only}\n");
            assertThatThrownBy(() -> f.reconciler.reconcile(anonymous)).isInstanceOf(GitSourceException.class);

            tlsSecret("mtls", https.caCertificatePem(), client);
            ObjectKey key = f.create("mtls", "  url: " + https.url("org/podinfo.git")
                    + "\n  interval: 1m\n  ref: {branch: main}\n  secretRef: {name: mtls}\n");
            f.reconciler.reconcile(key);
            assertThat(f.artifact(key).revision()).isEqualTo("main@sha1:" + head);
        }
    }

    private void tlsSecret(String name, String ca, dev.sluice.testkit.git.SelfSignedCertificate client) {
        var secret = dev.sluice.api.Json.object().put("apiVersion", "v1").put("kind", "Secret");
        secret.putObject("metadata").put("name", name).put("namespace", "flux-system");
        var data = secret.putObject("stringData").put("ca.crt", ca);
        if (client != null) {
            data.put("tls.crt", client.pem()).put("tls.key", client.privateKeyPem());
        }
        f.cluster.create(KubeObject.of(secret));
    }
}
