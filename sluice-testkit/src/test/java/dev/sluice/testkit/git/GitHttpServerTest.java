package dev.sluice.testkit.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHttpServerTest {

    @TempDir
    Path tmp;

    @Test
    void clonesAndPushesOverSmartHttp() throws Exception {
        try (TestRepo origin = TestRepo.init(tmp.resolve("origin"));
             GitHttpServer server = GitHttpServer.start()) {
            String first = origin.write("a.txt", "one").commit("first");
            server.serve("org/repo.git", origin.repository());
            try (Git clone = Git.cloneRepository().setURI(server.url("org/repo.git"))
                    .setDirectory(tmp.resolve("clone").toFile()).call()) {
                assertThat(clone.getRepository().resolve("HEAD").getName()).isEqualTo(first);
                assertThat(Files.readString(tmp.resolve("clone/a.txt"))).isEqualTo("one");
                assertThat(server.fetchRequests()).isEqualTo(1);

                Files.writeString(tmp.resolve("clone/b.txt"), "two");
                clone.add().addFilepattern("b.txt").call();
                clone.commit().setMessage("second").setSign(false).call();
                clone.push().setRemote("origin").add("main").call();
            }
            assertThat(server.receivePackRequests()).isEqualTo(1);
            assertThat(origin.repository().resolve("refs/heads/main^{commit}").getName()).isNotEqualTo(first);
        }
    }

    @Test
    void basicAuthRejectsWrongCredentials() throws Exception {
        try (TestRepo origin = TestRepo.init(tmp.resolve("origin"));
             GitHttpServer server = GitHttpServer.start()) {
            origin.write("a.txt", "one").commit("first");
            server.serve("repo", origin.repository()).requireBasicAuth("flux", "s3cret");
            assertThatThrownBy(() -> Git.lsRemoteRepository().setRemote(server.url("repo"))
                    .setCredentialsProvider(new UsernamePasswordCredentialsProvider("flux", "wrong")).call())
                    .isInstanceOf(TransportException.class).hasMessageContaining("not authorized");
            assertThat(server.unauthorizedRequests()).isPositive();
            assertThat(Git.lsRemoteRepository().setRemote(server.url("repo"))
                    .setCredentialsProvider(new UsernamePasswordCredentialsProvider("flux", "s3cret")).callAsMap())
                    .containsKey("refs/heads/main");
        }
    }
}
