package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.Conditions;
import dev.sluice.api.ObjectKey;
import dev.sluice.server.embedded.EmbeddedConfig;
import dev.sluice.server.embedded.EmbeddedRuntime;
import dev.sluice.testkit.git.TestRepo;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code build ks}, {@code diff ks} and {@code create} against an embedded runtime started in process. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FluxCommandsIT {

    private static final ObjectKey ROOT = ObjectKey.of("kustomize.toolkit.fluxcd.io", "Kustomization", "flux-system", "flux-system");

    @TempDir
    static Path dir;
    private TestRepo repo;
    private EmbeddedRuntime runtime;
    private String server;

    @BeforeAll
    void start() throws Exception {
        repo = TestRepo.init(dir.resolve("repo"), "main");
        repo.write("apps/settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: default}\ndata:\n  greeting: hello\n  lang: en\n");
        repo.write("apps/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra, namespace: default}\ndata: {x: y}\n");
        repo.write("apps/kept.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: kept, namespace: default}\ndata: {k: v}\n");
        repo.commit("apps");
        runtime = EmbeddedRuntime.start(EmbeddedConfig.defaults(dir.resolve("state"))
                .withApi(new InetSocketAddress("127.0.0.1", 0)).withMeshPort(0)
                .withRepo(repo.dir().toString(), "main", "./apps"));
        server = runtime.apiUrl();
        await().atMost(Duration.ofSeconds(30)).until(() -> runtime.cluster().get(ROOT)
                .flatMap(k -> Conditions.find(k.status(), "Ready")).map(c -> c.isTrue()).orElse(false));
    }

    @AfterAll
    void stop() {
        runtime.close();
        repo.close();
    }

    private Path copyOfApps() throws Exception {
        Path copy = Files.createTempDirectory(dir, "apps");
        try (var files = Files.list(repo.dir().resolve("apps"))) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }

    @Test
    void diffOfTheAppliedTreeIsEmptyAndExitsZero() {
        CliRunner r = CliRunner.run("diff", "ks", "flux-system", "--path", repo.dir().resolve("apps").toString(), "--server", server);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
    }

    @Test
    void diffReportsCreatedDriftedSkippedAndDeletedAndExitsOne() throws Exception {
        Path local = copyOfApps();
        Files.writeString(local.resolve("settings.yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: default}\ndata:\n  greeting: hi\n  lang: en\n");
        Files.writeString(local.resolve("new.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: new, namespace: default}\ndata: {n: m}\n");
        Files.writeString(local.resolve("kept.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: kept, namespace: default, "
                + "annotations: {kustomize.toolkit.fluxcd.io/reconcile: disabled}}\ndata: {k: changed}\n");
        Files.delete(local.resolve("extra.yaml"));

        CliRunner r = CliRunner.run("diff", "ks", "flux-system", "--path", local.toString(), "--server", server);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("✗ identified at least one change, exiting with non-zero exit code");
        assertThat(r.out()).startsWith("""
                ► ConfigMap/default/kept skipped
                ► ConfigMap/default/new created
                ► ConfigMap/default/settings drifted
                --- ConfigMap/default/settings (live)
                +++ ConfigMap/default/settings (merged)
                """);
        assertThat(r.out()).contains("\n-  greeting: hello\n+  greeting: hi\n   lang: en\n");
        assertThat(r.out()).endsWith("► ConfigMap/default/extra deleted\n");
        assertThat(r.out()).doesNotContain("managedFields");
        assertThat(runtime.cluster().get(ObjectKey.of("", "ConfigMap", "default", "new"))).as("a dry run stores nothing").isEmpty();
        assertThat(runtime.cluster().get(ObjectKey.of("", "ConfigMap", "default", "settings")).orElseThrow()
                .field("data").path("greeting").asText()).isEqualTo("hello");
    }

    @Test
    void diffErrorsExitTwo() {
        CliRunner noPath = CliRunner.run("diff", "ks", "flux-system", "--path", dir.resolve("nowhere").toString(), "--server", server);
        assertThat(noPath.exitCode()).isEqualTo(2);
        assertThat(noPath.err()).contains("✗ invalid resource path");
        CliRunner unknown = CliRunner.run("diff", "ks", "nope", "--path", repo.dir().resolve("apps").toString(), "--server", server);
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("✗ failed to get kustomization object: kustomizations.kustomize.toolkit.fluxcd.io \"nope\" not found");
    }

    @Test
    void buildUsesTheLiveSpec() {
        CliRunner r = CliRunner.run("build", "ks", "flux-system", "--path", repo.dir().resolve("apps").toString(), "--server", server);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("""
                apiVersion: v1
                data:
                  greeting: hello
                  lang: en
                kind: ConfigMap
                metadata:
                  labels:
                    kustomize.toolkit.fluxcd.io/name: flux-system
                    kustomize.toolkit.fluxcd.io/namespace: flux-system
                  name: settings
                  namespace: default
                ---
                """);
        CliRunner missing = CliRunner.run("build", "ks", "nope", "--path", repo.dir().toString(), "--server", server);
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("kustomizations.kustomize.toolkit.fluxcd.io \"nope\" not found");
    }

    @Test
    void createSourceAndKustomizationOnTheServer() {
        CliRunner git = CliRunner.run("create", "source", "git", "extra", "--url", repo.url(), "--branch", "main",
                "--server", server, "--timeout", "30s");
        assertThat(git.exitCode()).as(git.err()).isZero();
        assertThat(git.out()).startsWith("""
                ✚ generating GitRepository source
                ► applying GitRepository source
                ✔ GitRepository source created
                ◎ waiting for GitRepository source reconciliation
                ✔ GitRepository source reconciliation completed
                ✔ fetched revision: main@sha1:""");

        CliRunner ks = CliRunner.run("create", "ks", "extra-apps", "--source", "GitRepository/extra", "--path", "./apps",
                "--target-namespace", "flux-system", "--server", server, "--timeout", "30s");
        assertThat(ks.exitCode()).as(ks.err()).isZero();
        assertThat(ks.out()).startsWith("""
                ✚ generating Kustomization
                ► applying Kustomization
                ✔ Kustomization created
                ◎ waiting for Kustomization reconciliation
                ✔ Kustomization extra-apps is ready
                ✔ applied revision main@sha1:""");
        assertThat(runtime.cluster().get(ObjectKey.of("", "ConfigMap", "flux-system", "settings"))).isPresent();

        CliRunner again = CliRunner.run("create", "source", "git", "extra", "--url", repo.url(), "--branch", "main",
                "--interval", "2m", "--server", server, "--timeout", "30s");
        assertThat(again.out()).contains("✔ GitRepository source updated");
        assertThat(runtime.cluster().get(ObjectKey.of("source.toolkit.fluxcd.io", "GitRepository", "flux-system", "extra"))
                .orElseThrow().spec().path("interval").asText()).isEqualTo("2m0s");
    }
}
