package dev.sluice.gitops.kustomization;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Condition;
import dev.sluice.cluster.EventRecord;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Flux half end to end on the embedded store, with a repository laid out like the seeds' gitops-linkerd. */
class KustomizationReconcilerIT {

    @TempDir
    Path dir;
    GitOpsFixture f;

    @BeforeEach
    void setUp() {
        f = new GitOpsFixture(dir);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private static String ks(String name, String path, String dependsOn, boolean wait) {
        return """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: %s, namespace: flux-system}
                spec:
                  interval: 1h
                  retryInterval: 1m
                  timeout: 5m
                  sourceRef: {kind: GitRepository, name: flux-system}
                  path: %s
                  prune: true
                  wait: %s
                %s
                """.formatted(name, path, wait, dependsOn.isEmpty() ? "" : "  dependsOn:\n" + dependsOn);
    }

    private void seedsLayout() {
        f.repo.write("clusters/my-cluster/infrastructure.yaml",
                        ks("cert-manager", "./infrastructure/cert-manager", "", true) + "---\n"
                                + ks("linkerd", "./infrastructure/linkerd", "    - name: cert-manager\n", true))
                .write("clusters/my-cluster/apps.yaml", ks("apps", "./apps", "    - name: linkerd\n", true))
                .write("infrastructure/cert-manager/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: cert-manager}\n")
                .write("infrastructure/cert-manager/deploy.yaml", deployment("cert-manager", "cert-manager"))
                .write("infrastructure/linkerd/kustomization.yaml", "resources: [namespace.yaml, config.yaml]\n")
                .write("infrastructure/linkerd/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: linkerd}\n")
                .write("infrastructure/linkerd/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: trust, namespace: linkerd}\ndata: {a: b}\n")
                .write("apps/kustomization.yaml", "namespace: faces\nresources: [namespace.yaml, face.yaml, extra.yaml]\n")
                .write("apps/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: faces}\n")
                .write("apps/face.yaml", deployment("face", "faces"))
                .write("apps/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\ndata: {x: y}\n");
        f.repo.commit("the seeds' layout");
        f.bootstrap("./clusters/my-cluster");
    }

    private static String deployment(String name, String ns) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %s, namespace: %s}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: %s}}
                  template:
                    metadata: {labels: {app: %s}}
                    spec: {containers: [{name: app, image: "ghcr.io/stefanprodan/podinfo:6.0.0"}]}
                """.formatted(name, ns, name, name);
    }

    @Test
    void everythingBecomesReadyInDependencyOrder() throws Exception {
        seedsLayout();
        f.settle(30);
        assertThat(f.readyOrder).containsSubsequence("cert-manager", "linkerd", "apps");
        Condition ready = f.readyCondition("apps");
        assertThat(ready.reason()).isEqualTo("ReconciliationSucceeded");
        assertThat(ready.message()).matches("Applied revision: main@sha1:[0-9a-f]{40}");
        assertThat(f.ks("apps").status().path("lastAppliedRevision").asText()).isEqualTo("main@sha1:" + f.repo.head());
        assertThat(f.get("apps", "Deployment", "faces", "face")).isPresent();
        assertThat(f.get("apps", "Deployment", "faces", "face").orElseThrow().labels())
                .containsEntry("kustomize.toolkit.fluxcd.io/name", "apps")
                .containsEntry("kustomize.toolkit.fluxcd.io/namespace", "flux-system");
        assertThat(f.ks("apps").status().path("inventory").toString())
                .contains("faces_face_apps_Deployment").contains("_faces__Namespace").contains("faces_extra__ConfigMap");
        assertThat(f.cluster().events(f.ks("apps").key())).extracting(EventRecord::message)
                .anyMatch(m -> m.startsWith("Reconciliation finished in ") && m.endsWith(", next run in 1h0m0s"))
                .anyMatch(m -> m.contains("Deployment/faces/face created"));
    }

    @Test
    void aDependentWaitsWithFluxsMessage() throws Exception {
        seedsLayout();
        f.settle(2);
        Condition apps = f.readyCondition("apps");
        assertThat(apps.status()).isEqualTo("False");
        assertThat(apps.reason()).isEqualTo("DependencyNotReady");
        assertThat(apps.message()).startsWith("Dependencies do not meet ready condition (dependency 'flux-system/linkerd'");
    }

    @Test
    void deletingAFileInANewCommitPrunesItsObjects() throws Exception {
        seedsLayout();
        f.settle(30);
        assertThat(f.get("", "ConfigMap", "faces", "extra")).isPresent();
        f.repo.write("apps/kustomization.yaml", "namespace: faces\nresources: [namespace.yaml, face.yaml]\n")
                .delete("apps/extra.yaml").commit("remove extra");
        f.settle(30);
        assertThat(f.get("", "ConfigMap", "faces", "extra")).isEmpty();
        assertThat(f.get("apps", "Deployment", "faces", "face")).isPresent();
        assertThat(f.ks("apps").status().path("inventory").toString()).doesNotContain("faces_extra__ConfigMap");
        assertThat(f.ks("apps").status().path("lastAppliedRevision").asText()).endsWith(f.repo.head());
        assertThat(f.cluster().events(f.ks("apps").key())).extracting(EventRecord::message)
                .anyMatch(m -> m.contains("ConfigMap/faces/extra deleted"));
    }

    @Test
    void aCycleIsReportedOnEveryMember() throws Exception {
        f.repo.write("clusters/c/all.yaml", ks("a", "./x", "    - name: b\n", false) + "---\n" + ks("b", "./x", "    - name: a\n", false))
                .write("x/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: flux-system}\n")
                .commit("cycle");
        f.bootstrap("./clusters/c");
        f.settle(10);
        for (String name : new String[] {"a", "b"}) {
            Condition c = f.readyCondition(name);
            assertThat(c.status()).isEqualTo("False");
            assertThat(c.message()).contains("circular dependency").contains("flux-system/a").contains("flux-system/b");
        }
        assertThat(f.ready("flux-system")).isTrue();
    }

    @Test
    void aBrokenManifestFailsOnlyItsKustomization() throws Exception {
        seedsLayout();
        f.repo.write("clusters/my-cluster/broken.yaml", ks("broken", "./broken", "", false))
                .write("broken/kustomization.yaml", "resources: [bad.yaml]\n")
                .write("broken/bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bad\ndata: [\n")
                .commit("add a broken app");
        f.settle(30);
        Condition broken = f.readyCondition("broken");
        assertThat(broken.status()).isEqualTo("False");
        assertThat(broken.reason()).isEqualTo("BuildFailed");
        assertThat(broken.message()).contains("bad.yaml");
        assertThat(f.ready("apps")).isTrue();
        assertThat(f.ready("linkerd")).isTrue();
        assertThat(f.ready("flux-system")).isTrue();
    }

    @Test
    void anUndefinedSubstitutionVariableFailsTheBuildNamingIt() throws Exception {
        f.repo.write("clusters/c/app.yaml", ks("app", "./app", "", false)
                        + "  postBuild:\n    substitute: {GREETING: hello}\n")
                .write("app/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: flux-system}\n"
                        + "data: {a: \"${GREETING}\", b: \"${MISSING}\"}\n")
                .commit("vars");
        f.bootstrap("./clusters/c");
        f.settle(10);
        Condition c = f.readyCondition("app");
        assertThat(c.reason()).isEqualTo("BuildFailed");
        assertThat(c.message()).contains("'MISSING'").contains("ConfigMap/flux-system/c");
    }

    @Test
    void theReplicasAndApexSelectorACanaryOwnsAreLeftToIt() throws Exception {
        f.repo.write("clusters/c/app.yaml", ks("app", "./app", "", false))
                .write("app/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: faces}\n")
                .write("app/face.yaml", deployment("face", "faces"))
                .write("app/svc.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: face, namespace: faces}\n"
                        + "spec: {selector: {app: face}, ports: [{port: 80}]}\n")
                .write("app/canary.yaml", """
                        apiVersion: flagger.app/v1beta1
                        kind: Canary
                        metadata: {name: face, namespace: faces}
                        spec:
                          provider: linkerd
                          targetRef: {apiVersion: apps/v1, kind: Deployment, name: face}
                          service: {port: 80}
                          analysis: {interval: 10s, threshold: 3, maxWeight: 50, stepWeight: 10}
                        """)
                .commit("a canary");
        f.bootstrap("./clusters/c");
        f.settle(10);
        // The canary controller holds the target at zero and points the apex Service at the primary.
        var deploy = f.get("apps", "Deployment", "faces", "face").orElseThrow();
        f.cluster.update(deploy.edit(n -> ((com.fasterxml.jackson.databind.node.ObjectNode) n.path("spec")).put("replicas", 0)), "sluice");
        var svc = f.get("", "Service", "faces", "face").orElseThrow();
        f.cluster.update(svc.edit(n -> ((com.fasterxml.jackson.databind.node.ObjectNode) n.path("spec").path("selector"))
                .put("app", "face-primary")), "sluice");
        f.repo.write("app/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: faces}\n").commit("more");
        f.settle(10);
        assertThat(f.ks("app").status().path("lastAppliedRevision").asText()).endsWith(f.repo.head());
        assertThat(f.get("apps", "Deployment", "faces", "face").orElseThrow().spec().path("replicas").asInt()).isZero();
        assertThat(f.get("", "Service", "faces", "face").orElseThrow().spec().path("selector").path("app").asText())
                .isEqualTo("face-primary");
    }
}
