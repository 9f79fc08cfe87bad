package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code sluice create ... --export} prints exactly what {@code flux create ... --export} prints. */
class CreateCommandTest {

    private static String export(String... args) {
        CliRunner r = CliRunner.run(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return r.out();
    }

    @Test
    void sourceGitAsFluxsGoldenFile() {
        assertThat(export("create", "source", "git", "podinfo", "--url=https://github.com/stefanprodan/podinfo", "--branch=master",
                "--sparse-checkout-paths", ".cosign,non-existent-dir/", "--ignore-paths", ".cosign,non-existent-dir/",
                "-n", "default", "--interval", "1m", "--export")).isEqualTo("""
                ---
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                metadata:
                  name: podinfo
                  namespace: default
                spec:
                  ignore: |-
                    .cosign
                    non-existent-dir/
                  interval: 1m0s
                  ref:
                    branch: master
                  sparseCheckout:
                  - .cosign
                  - non-existent-dir/
                  url: https://github.com/stefanprodan/podinfo
                """);
    }

    @Test
    void sourceGitRefPrecedenceAndSecret() {
        String common = "create source git podinfo --namespace=flux-system --url=https://github.com/stefanprodan/podinfo --interval=1m0s --export ";
        assertThat(export((common + "--branch=main --commit=c88a2f41").split(" "))).isEqualTo("""
                ---
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                metadata:
                  name: podinfo
                  namespace: flux-system
                spec:
                  interval: 1m0s
                  ref:
                    branch: main
                    commit: c88a2f41
                  url: https://github.com/stefanprodan/podinfo
                """);
        assertThat(export((common + "--tag-semver=v1.01 --tag=ignored --branch=ignored").split(" "))).contains("  ref:\n    semver: v1.01\n  url:");
        assertThat(export((common + "--tag=test --branch=ignored").split(" "))).contains("  ref:\n    tag: test\n  url:");
        assertThat(export((common + "--ref-name=refs/heads/main --tag=x").split(" "))).contains("  ref:\n    name: refs/heads/main\n");
        assertThat(export((common + "--branch=test --secret-ref appinfo").split(" "))).endsWith("""
                  ref:
                    branch: test
                  secretRef:
                    name: appinfo
                  url: https://github.com/stefanprodan/podinfo
                """);
        assertThat(export((common + "--branch=main --label env=prod,team=web").split(" "))).contains("""
                metadata:
                  labels:
                    env: prod
                    team: web
                  name: podinfo
                """);
    }

    @Test
    void sourceGitErrors() {
        assertThat(CliRunner.run("create", "source", "git", "podinfo", "--branch=main", "--export").err()).contains("url is required");
        assertThat(CliRunner.run("create", "source", "git", "podinfo", "--url=https://x/y", "--export").err())
                .contains("a Git ref is required, use one of the following: --branch, --tag, --commit, --ref-name or --tag-semver");
        assertThat(CliRunner.run("create", "source", "git", "podinfo", "--url=ftp://x/y", "--branch=a", "--export").err())
                .contains("git URL scheme 'ftp' not supported");
        CliRunner bad = CliRunner.run("create", "source", "git", "Pod_Info", "--url=https://x/y", "--branch=a", "--export");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("name 'Pod_Info' is invalid, it should adhere to standard defined in RFC 1123");
        assertThat(CliRunner.run("create", "source", "git", "podinfo", "--url=https://x/y", "--branch=a", "--interval=soon", "--export").err())
                .contains("invalid argument \"soon\" for \"--interval\" flag");
    }

    @Test
    void kustomizationAsFluxPrintsIt() {
        assertThat(export("create", "ks", "podinfo", "--source=GitRepository/podinfo", "--path=./kustomize", "--prune=true",
                "--interval=10m", "--export")).isEqualTo("""
                ---
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata:
                  name: podinfo
                  namespace: flux-system
                spec:
                  interval: 10m0s
                  path: ./kustomize
                  prune: true
                  sourceRef:
                    kind: GitRepository
                    name: podinfo
                """);
    }

    @Test
    void kustomizationWithEveryFlag() {
        assertThat(export("create", "kustomization", "apps", "--source=podinfo.infra", "--path=deploy/../apps/",
                "--depends-on=infra-controllers,infra/configs", "--target-namespace=apps", "--wait", "--health-check-timeout=3m",
                "--retry-interval=30s", "--interval=1h", "--export")).isEqualTo("""
                ---
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata:
                  name: apps
                  namespace: flux-system
                spec:
                  dependsOn:
                  - name: infra-controllers
                  - name: configs
                    namespace: infra
                  interval: 1h0m0s
                  path: ./apps
                  prune: false
                  retryInterval: 30s
                  sourceRef:
                    kind: GitRepository
                    name: podinfo
                    namespace: infra
                  targetNamespace: apps
                  timeout: 3m0s
                  wait: true
                """);
        assertThat(export("create", "ks", "app", "--source=ocirepository/app", "--export")).contains("""
                  path: ./
                  prune: false
                  sourceRef:
                    kind: OCIRepository
                    name: app
                """);
    }

    @Test
    void kustomizationErrors() {
        assertThat(CliRunner.run("create", "ks", "my-app", "--path=./deploy", "--export").err()).contains("source is required");
        assertThat(CliRunner.run("create", "ks", "app", "--source=HelmRepository/x", "--export").err())
                .contains("source kind 'HelmRepository' is not supported, must be one of: OCIRepository, GitRepository, Bucket");
        assertThat(CliRunner.run("create", "ks", "app", "--source=GitRepository", "--export").err())
                .contains("no kind specified for source 'GitRepository'");
        assertThat(CliRunner.run("create", "ks", "app", "--source=x", "--label", "novalue", "--export").err())
                .contains("invalid label format 'novalue', must be key=value");
    }
}
