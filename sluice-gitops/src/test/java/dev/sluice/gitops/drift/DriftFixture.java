package dev.sluice.gitops.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.KindModels;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.kustomize.Kustomization;
import dev.sluice.cluster.EventRecord;
import dev.sluice.gitops.source.GitAuth;
import dev.sluice.gitops.testing.FakeCluster;
import dev.sluice.testkit.ManualClock;
import dev.sluice.testkit.git.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A GitOps repository with the Faces workload, and a fake cluster holding what Flux and Flagger
 * would: the GitRepository and Kustomization, the target applied from a commit, the primary
 * promoted from an earlier one, and a Failed Canary.
 */
final class DriftFixture implements AutoCloseable {

    static final String NS = "test";
    static final String IMAGE = "ghcr.io/buoyantio/faces-workload";
    static final ObjectKey CANARY = ObjectKey.of("flagger.app", "Canary", NS, "face");
    static final ObjectKey TARGET = ObjectKey.of("apps", "Deployment", NS, "face");
    static final ObjectKey PRIMARY = ObjectKey.of("apps", "Deployment", NS, "face-primary");
    static final ObjectKey KUSTOMIZATION = ObjectKey.of("kustomize.toolkit.fluxcd.io", "Kustomization", "flux-system", "apps");

    final Path dir;
    final TestRepo repo;
    final FakeCluster cluster = new FakeCluster();
    final ManualClock clock = ManualClock.atEpochOfTests();
    final dev.sluice.gitops.kustomization.ManifestBuilder builder = new dev.sluice.gitops.kustomization.KustomizerManifestBuilder();
    final GitMirrors mirrors;
    private String url;
    private GitAuth auth = GitAuth.none();

    DriftFixture(Path dir) {
        this.dir = dir;
        this.repo = TestRepo.init(dir.resolve("remote"));
        this.url = repo.url();
        this.mirrors = new GitMirrors(dir.resolve("mirrors"), cluster);
    }

    /** The Faces app with a kustomize images override and env in the Deployment. */
    DriftFixture faces(String tag) {
        repo.write("apps/faces/kustomization.yaml", """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                namespace: test
                resources:
                  - deployment.yaml
                  - service.yaml
                images:
                  - name: %s
                    newTag: %s
                """.formatted(IMAGE, tag));
        repo.write("apps/faces/deployment.yaml", deployment("blue"));
        repo.write("apps/faces/service.yaml", """
                apiVersion: v1
                kind: Service
                metadata:
                  name: face
                spec:
                  selector:
                    app: face
                  ports:
                    - port: 80
                      targetPort: 8000
                """);
        repo.write("README.md", "# faces\n");
        return this;
    }

    static String deployment(String color) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: face
                spec:
                  replicas: 2
                  selector:
                    matchLabels:
                      app: face
                  template:
                    metadata:
                      labels:
                        app: face
                    spec:
                      containers:
                        - name: face
                          image: %s:latest
                          ports:
                            - containerPort: 8000
                          env:
                            - name: COLOR
                              value: %s
                            - name: DELAY_BUCKETS
                              value: "0,5,10"
                """.formatted(IMAGE, color);
    }

    /** The remote is served elsewhere (HTTP); {@code auth} is what the fixture itself uses to read it. */
    DriftFixture remote(String url, GitAuth auth) {
        this.url = url;
        this.auth = auth;
        return this;
    }

    /** GitRepository {@code flux-system/faces} (with an optional Secret) and Kustomization {@code flux-system/apps}. */
    DriftFixture sources(String secretName, Map<String, String> secretData, String gitRepoAnnotation) {
        String secretRef = "";
        if (secretName != null) {
            ObjectNode data = dev.sluice.api.Json.object();
            secretData.forEach((k, v) -> data.put(k, java.util.Base64.getEncoder().encodeToString(v.getBytes())));
            cluster.create(KubeObject.parse("apiVersion: v1\nkind: Secret\nmetadata: {name: " + secretName
                    + ", namespace: flux-system}\ndata: " + data));
            secretRef = "  secretRef: {name: " + secretName + "}\n";
        }
        cluster.create(KubeObject.parse("apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\n"
                + "metadata:\n  name: faces\n  namespace: flux-system\n"
                + (gitRepoAnnotation.isEmpty() ? "" : "  annotations: {\"sluice.dev/revert-on-failure\": " + gitRepoAnnotation + "}\n")
                + "spec:\n  url: " + url + "\n  interval: 1m\n  ref: {branch: main}\n" + secretRef));
        cluster.create(KubeObject.parse("""
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: apps, namespace: flux-system}
                spec:
                  interval: 5m
                  path: ./apps/faces
                  prune: true
                  sourceRef: {kind: GitRepository, name: faces}
                """));
        return this;
    }

    DriftFixture sources() {
        return sources(null, Map.of(), "");
    }

    /** Builds the Kustomization at the remote's main, applies every object, records lastAppliedRevision. */
    String sync() throws Exception {
        Path tree = dir.resolve("sync-" + System.nanoTime());
        Files.createDirectories(tree);
        String tip;
        try (GitMirror m = GitMirror.open(dir.resolve("fixture-mirror"), url, auth, Duration.ofSeconds(20))) {
            tip = m.fetch("main");
            TreeFiles.materialize(m, tip, tree, java.util.Optional.empty(), java.util.List.of());
        }
        KustomizationBuild.Outcome out = new KustomizationBuild(cluster, builder, kustomization()).build(tree);
        if (!(out instanceof KustomizationBuild.Built built)) {
            throw new AssertionError("sync build failed: " + out);
        }
        built.objects().forEach(this::upsert);
        KubeObject ks = cluster.get(KUSTOMIZATION).orElseThrow();
        cluster.updateStatus(ks.withStatus(dev.sluice.api.Json.object().put("lastAppliedRevision", "main@sha1:" + tip)));
        TreeFiles.clear(tree);
        return tip;
    }

    /** Sets the Kustomization's revisions as Flux records them (applied after health, attempted before). */
    void kustomizationStatus(String lastApplied, String lastAttempted) {
        KubeObject ks = cluster.get(KUSTOMIZATION).orElseThrow();
        cluster.updateStatus(ks.withStatus(dev.sluice.api.Json.object().put("lastAppliedRevision", lastApplied)
                .put("lastAttemptedRevision", lastAttempted)));
    }

    Kustomization kustomization() {
        KindModels models = KindModels.builtIn();
        return models.get(Subjects.KUSTOMIZATION, Kustomization.class)
                .parse(models.toLatest(cluster.get(KUSTOMIZATION).orElseThrow())).value();
    }

    void upsert(KubeObject o) {
        var existing = cluster.get(o.key());
        if (existing.isEmpty()) {
            cluster.create(o);
        } else {
            cluster.update(o.withMetadata("resourceVersion", existing.get().resourceVersion()));
        }
    }

    /** Flagger's promotion: the primary gets the target's template, config references renamed to {@code -primary} copies. */
    void promote() {
        KubeObject target = cluster.get(TARGET).orElseThrow();
        JsonNode podSpec = target.spec().path("template").path("spec");
        for (String key : ConfigRefs.of(podSpec).keySet()) {
            boolean secret = key.startsWith("secret/");
            String name = key.substring(key.indexOf('/') + 1);
            KubeObject config = cluster.get(ObjectKey.of("", secret ? "Secret" : "ConfigMap", NS, name)).orElseThrow();
            upsert(KubeObject.of(config.toNode().put("kind", config.kind())).edit(n -> {
                ObjectNode meta = dev.sluice.api.Json.object().put("name", name + "-primary").put("namespace", NS);
                n.set("metadata", meta);
            }));
        }
        upsert(target.edit(n -> {
            ObjectNode meta = n.putObject("metadata");
            meta.put("name", "face-primary").put("namespace", NS);
            meta.putObject("labels").put("app", "face-primary");
            ObjectNode spec = (ObjectNode) n.get("spec");
            spec.putObject("selector").putObject("matchLabels").put("app", "face-primary");
            ObjectNode template = (ObjectNode) spec.get("template");
            ((ObjectNode) template.with("metadata").with("labels")).put("app", "face-primary");
            ((ObjectNode) template.with("metadata").with("annotations")).put("flagger-id", "6c1b8a2e");
            ConfigRefs.rename((ObjectNode) template.get("spec"), name -> name + "-primary");
        }));
    }

    /** A Canary on {@code face} that failed its analysis, with the warnings Flagger records. */
    KubeObject failedCanary(String annotation) {
        KubeObject c = KubeObject.parse("""
                apiVersion: flagger.app/v1beta1
                kind: Canary
                metadata:
                  name: face
                  namespace: test
                %s
                spec:
                  targetRef: {apiVersion: apps/v1, kind: Deployment, name: face}
                  service: {port: 80}
                  analysis:
                    interval: 10s
                    threshold: 5
                    stepWeight: 10
                    maxWeight: 50
                    metrics:
                      - name: request-success-rate
                        thresholdRange: {min: 99}
                        interval: 1m
                """.formatted(annotation.isEmpty() ? "" : "  annotations: {\"sluice.dev/revert-on-failure\": " + annotation + "}"));
        upsert(c);
        KubeObject stored = cluster.get(CANARY).orElseThrow();
        cluster.updateStatus(stored.withStatus(dev.sluice.api.Json.object().put("phase", "Failed").put("failedChecks", 5)));
        cluster.recordEvent(EventRecord.warning(CANARY, "Synced",
                "Halt advancement no values found for linkerd metric request-success-rate probably face.test is not receiving traffic",
                "flagger", clock.instant()));
        cluster.recordEvent(EventRecord.warning(CANARY, "Synced", "Halt face.test advancement success rate 81.25% < 99%",
                "flagger", clock.instant()));
        cluster.recordEvent(EventRecord.warning(CANARY, "Synced", "Canary failed! Scaling down face.test", "flagger",
                clock.instant()));
        return cluster.get(CANARY).orElseThrow();
    }

    KubeObject canary() {
        return cluster.get(CANARY).orElseThrow();
    }

    DriftAnalyzer analyzer() {
        return new DriftAnalyzer(cluster, builder, mirrors, clock, DriftSettings.DEFAULTS);
    }

    GitWriteBack writeBack() {
        return writeBack(branch -> {
        });
    }

    GitWriteBack writeBack(java.util.function.Consumer<String> beforePush) {
        return new GitWriteBack(cluster, builder, mirrors, clock, DriftSettings.DEFAULTS, beforePush);
    }

    /** A file at the tip of the remote's main. */
    String remoteFile(String path) throws Exception {
        try (GitMirror m = GitMirror.open(dir.resolve("fixture-mirror"), url, auth, Duration.ofSeconds(20))) {
            String tip = m.fetch("main");
            return m.read(tip, path).map(String::new).orElse(null);
        }
    }

    /** The remote's main and every other branch, by name. */
    Map<String, String> remoteBranches() throws Exception {
        Map<String, String> out = new java.util.TreeMap<>();
        for (var r : repo.repository().getRefDatabase().getRefsByPrefix("refs/heads/")) {
            out.put(r.getName().substring("refs/heads/".length()), r.getObjectId().getName());
        }
        return out;
    }

    String remoteMessage(String sha) {
        try (var walk = new org.eclipse.jgit.revwalk.RevWalk(repo.repository())) {
            return walk.parseCommit(repo.repository().resolve(sha)).getFullMessage();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        repo.close();
    }
}
