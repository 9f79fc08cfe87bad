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

    @Test
    void theGitCommandLineClonesAndPushesToo() throws Exception {
        boolean required = "1".equals(System.getenv("SLUICE_REQUIRE_TOOLS"));
        org.junit.jupiter.api.Assumptions.assumeTrue(required || hasGit(), "git is not installed");
        try (TestRepo origin = TestRepo.init(tmp.resolve("origin"));
             GitHttpServer server = GitHttpServer.start()) {
            origin.write("a.txt", "one").commit("first");
            server.serve("repo.git", origin.repository()).requireBasicAuth("flux", "s3cret");
            String url = server.url("repo.git").replace("http://", "http://flux:s3cret@");
            git(tmp, "clone", "-q", url, "clone");
            Files.writeString(tmp.resolve("clone/b.txt"), "two");
            git(tmp.resolve("clone"), "add", "b.txt");
            git(tmp.resolve("clone"), "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "second");
            git(tmp.resolve("clone"), "push", "-q", "origin", "main");
            assertThat(origin.repository().parseCommit(origin.repository().resolve("refs/heads/main")).getShortMessage())
                    .isEqualTo("second");
            assertThat(server.receivePackRequests()).isEqualTo(1);
        }
    }

    private static boolean hasGit() {
        try {
            return new ProcessBuilder("git", "--version").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static void git(Path dir, String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("git"));
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("git %s: %s", String.join(" ", args), out).isZero();
    }
}
