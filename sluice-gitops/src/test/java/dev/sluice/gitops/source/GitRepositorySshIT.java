package dev.sluice.gitops.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.KubeObject;
import dev.sluice.api.Json;
import dev.sluice.api.ObjectKey;
import dev.sluice.testkit.git.GitSshServer;
import dev.sluice.testkit.git.TestRepo;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GitRepository over SSH with a Secret's identity and known_hosts (JGit's Apache MINA sshd transport). */
class GitRepositorySshIT {

    @TempDir
    Path tmp;
    TestRepo repo;
    KeyPair client;
    GitSshServer server;
    SourceFixture f;

    @BeforeEach
    void setUp() throws Exception {
        repo = TestRepo.init(tmp.resolve("origin"));
        client = GitSshServer.newKeyPair();
        server = GitSshServer.start(client.getPublic());
        server.serve("org/podinfo.git", repo.repository());
        f = new SourceFixture(tmp.resolve("state"));
    }

    @AfterEach
    void tearDown() {
        server.close();
        repo.close();
    }

    private ObjectKey create(String identity, String knownHosts) {
        var data = Json.object().put("identity", identity).put("known_hosts", knownHosts);
        var secret = Json.object().put("apiVersion", "v1").put("kind", "Secret");
        secret.putObject("metadata").put("name", "ssh").put("namespace", "flux-system");
        secret.set("stringData", data);
        f.cluster.create(KubeObject.of(secret));
        return f.create("podinfo", "  url: " + server.url("org/podinfo.git")
                + "\n  interval: 1m\n  ref: {branch: main}\n  secretRef: {name: ssh}\n");
    }

    @Test
    void fetchesWithTheSecretsIdentityAndKnownHosts() throws Exception {
        String head = repo.write("a.yaml", "a").commit("over ssh");
        ObjectKey key = create(GitSshServer.privateKeyOpenSsh(client), server.knownHostsLine());
        f.reconciler.reconcile(key);
        assertThat(f.artifact(key).revision()).isEqualTo("main@sha1:" + head);
        assertThat(f.store.open(f.artifact(key)).resolve("a.yaml")).exists();
    }

    @Test
    void anUnknownHostKeyIsRefused() throws Exception {
        repo.write("a.yaml", "a").commit("first");
        String otherHost = "[127.0.0.1]:1 " + org.apache.sshd.common.config.keys.PublicKeyEntry.toString(
                GitSshServer.newKeyPair().getPublic()).replace("[127.0.0.1]:1 ", "");
        String wrongKnownHosts = server.knownHostsLine().split(" ")[0] + " " + otherHost.split(" ", 2)[1];
        ObjectKey key = create(GitSshServer.privateKeyOpenSsh(client), wrongKnownHosts);
        assertThatThrownBy(() -> f.reconciler.reconcile(key)).isInstanceOf(GitSourceException.class);
        assertThat(f.condition(key, "FetchFailed").message()).isEqualTo("failed to checkout and determine revision: "
                + "unable to list remote refs of '" + server.url("org/podinfo.git") + "': host key verification failed: "
                + "the server's key is not in known_hosts or does not match it");
        assertThat(f.condition(key, "FetchFailed").reason()).isEqualTo("GitOperationFailed");
        assertThat(f.condition(key, "Ready").isFalse()).isTrue();
    }

    @Test
    void aWrongIdentityIsAnAuthenticationFailure() throws Exception {
        repo.write("a.yaml", "a").commit("first");
        ObjectKey key = create(GitSshServer.privateKeyOpenSsh(GitSshServer.newKeyPair()), server.knownHostsLine());
        assertThatThrownBy(() -> f.reconciler.reconcile(key)).isInstanceOf(GitSourceException.class);
        assertThat(f.condition(key, "FetchFailed").reason()).isEqualTo("AuthenticationFailed");
    }
}
