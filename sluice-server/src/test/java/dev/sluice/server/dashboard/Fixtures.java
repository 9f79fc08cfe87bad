package dev.sluice.server.dashboard;

import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.EventRecord;
import dev.sluice.delivery.observe.AnalysisTick;
import dev.sluice.delivery.observe.AnalysisTick.HookOutcome;
import dev.sluice.delivery.observe.AnalysisTick.MetricSample;
import dev.sluice.delivery.observe.AnalysisTick.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The workshop's objects (seeds 000/003): a GitRepository, Kustomizations with dependsOn (one
 * failing), Deployments and Canaries in several phases, plus event and tick builders.
 */
public final class Fixtures {

    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    public static final String REV_A = "main@sha1:" + "a".repeat(40);
    public static final String REV_B = "main@sha1:" + "b".repeat(40);

    private Fixtures() {
    }

    public static KubeObject gitRepository() {
        return KubeObject.parse("""
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                metadata: {name: faces, namespace: faces}
                spec: {url: 'https://github.com/example/faces-demo', interval: 1m, ref: {branch: main}}
                status:
                  artifact: {revision: '%s', digest: 'sha256:0123', lastUpdateTime: '2026-01-01T00:10:00Z',
                             path: gitrepository/faces/faces/b.tar.gz, url: 'http://x/b.tar.gz'}
                  conditions:
                  - {type: Ready, status: 'True', reason: Succeeded, message: "stored artifact for revision '%s'",
                     lastTransitionTime: '2026-01-01T00:10:00Z'}
                """.formatted(REV_B, REV_B));
    }

    public static List<KubeObject> kustomizations() {
        return List.of(KubeObject.parse("""
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: infrastructure, namespace: faces}
                spec: {interval: 10m, path: ./infrastructure, prune: true, sourceRef: {kind: GitRepository, name: faces}}
                status:
                  lastAppliedRevision: '%s'
                  conditions: [{type: Ready, status: 'True', reason: ReconciliationSucceeded, message: 'Applied revision: %s',
                                lastTransitionTime: '2026-01-01T00:10:05Z'}]
                """.formatted(REV_B, REV_B)), KubeObject.parse("""
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: faces, namespace: faces}
                spec:
                  interval: 10m
                  path: ./apps/faces
                  prune: true
                  sourceRef: {kind: GitRepository, name: faces}
                  dependsOn: [{name: infrastructure}]
                status:
                  lastAppliedRevision: '%s'
                  inventory:
                    entries:
                    - {id: faces_face_apps_Deployment, v: v1}
                    - {id: faces_face_flagger.app_Canary, v: v1beta1}
                  conditions: [{type: Ready, status: 'True', reason: ReconciliationSucceeded, message: 'Applied revision: %s',
                                lastTransitionTime: '2026-01-01T00:10:10Z'}]
                """.formatted(REV_B, REV_B)), KubeObject.parse("""
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: broken, namespace: faces}
                spec:
                  interval: 10m
                  path: ./apps/broken
                  prune: true
                  sourceRef: {kind: GitRepository, name: faces}
                  dependsOn: [{name: faces}]
                status:
                  conditions: [{type: Ready, status: 'False', reason: BuildFailed,
                                message: "kustomization path not found: ./apps/broken", lastTransitionTime: '2026-01-01T00:10:10Z'}]
                """));
    }

    public static KubeObject deployment(String name, int replicas) {
        return KubeObject.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %s, namespace: faces, labels: {app: %s}}
                spec:
                  replicas: %d
                  selector: {matchLabels: {app: %s}}
                  template:
                    metadata: {labels: {app: %s}}
                    spec: {containers: [{name: app, image: 'ghcr.io/buoyantio/faces-workload:1.0'}]}
                status: {replicas: %d, readyReplicas: %d, updatedReplicas: %d, availableReplicas: %d}
                """.formatted(name, name, replicas, name, name, replicas, replicas, replicas, replicas));
    }

    /** A Canary over Deployment {@code name} with the workshop's analysis (5% steps to 50%, success rate ≥ 70). */
    public static KubeObject canary(String name, String phase, int weight, int failedChecks) {
        return KubeObject.parse("""
                apiVersion: flagger.app/v1beta1
                kind: Canary
                metadata: {name: %s, namespace: faces}
                spec:
                  provider: linkerd
                  targetRef: {apiVersion: apps/v1, kind: Deployment, name: %s}
                  service: {port: 80}
                  analysis:
                    interval: 10s
                    threshold: 2
                    stepWeight: 5
                    maxWeight: 50
                    metrics:
                    - {name: request-success-rate, interval: 1m, thresholdRange: {min: 70}}
                    - {name: request-duration, interval: 1m, thresholdRange: {max: 500}}
                    webhooks:
                    - {name: approve-promotion, type: confirm-promotion, url: 'http://flagger-loadtester.faces/gate/check'}
                    - {name: load-test, type: rollout, url: 'http://flagger-loadtester.faces/', metadata: {cmd: 'hey -z 2m http://face-canary.faces/'}}
                status:
                  phase: %s
                  canaryWeight: %d
                  failedChecks: %d
                  iterations: 0
                  lastAppliedSpec: hash-b
                  lastTransitionTime: '2026-01-01T00:11:00Z'
                  conditions: [{type: Promoted, status: Unknown, reason: %s, message: 'New revision detected, progressing canary analysis.',
                                lastTransitionTime: '2026-01-01T00:11:00Z'}]
                """.formatted(name, name, phase, weight, failedChecks, phase));
    }

    public static List<KubeObject> all() {
        List<KubeObject> out = new java.util.ArrayList<>();
        out.add(KubeObject.parse("{apiVersion: v1, kind: Namespace, metadata: {name: faces}}"));
        out.add(gitRepository());
        out.addAll(kustomizations());
        for (String d : List.of("face", "face-primary", "smiley", "smiley-primary", "color", "color-primary", "faces-gui")) {
            out.add(deployment(d, d.endsWith("-primary") || d.equals("faces-gui") ? 1 : 0));
        }
        out.add(canary("face", "Progressing", 20, 0));
        out.add(canary("smiley", "Succeeded", 0, 0));
        out.add(canary("color", "Failed", 0, 2));
        out.add(canary("faces-gui", "WaitingPromotion", 50, 0));
        return out;
    }

    /** Creates every object, then writes its status (create ignores status, as on an API server). */
    public static void load(Cluster cluster) {
        for (KubeObject o : all()) {
            KubeObject created = cluster.create(o);
            if (!o.status().isMissingNode()) {
                cluster.updateStatus(created.withStatus(o.status()));
            }
        }
    }

    public static ObjectKey canaryKey(String name) {
        return ObjectKey.of("flagger.app", "Canary", "faces", name);
    }

    public static EventRecord event(ObjectKey on, String type, String reason, String message, Instant at,
                                    Map<String, String> annotations) {
        return new EventRecord(on, type, reason, message, "test", annotations, 1, at, at);
    }

    /** A tick with a success-rate and a latency check. */
    public static AnalysisTick tick(String canary, Instant at, String hash, String phase, int weight, int failed,
                                    double successRate, double p99, List<String> events) {
        Verdict sr = successRate >= 70 ? Verdict.PASS : Verdict.FAIL;
        Verdict lat = p99 <= 500 ? Verdict.PASS : Verdict.FAIL;
        return new AnalysisTick(canaryKey(canary), at, hash, phase, 100 - weight, weight, 0, failed,
                List.of(new MetricSample("request-success-rate", successRate, 70.0, null, sr,
                                sr == Verdict.PASS ? "" : "success rate " + successRate + "% < 70%"),
                        new MetricSample("request-duration", p99, null, 500.0, lat, "")),
                List.of(new HookOutcome("load-test", "rollout", true, "")), events);
    }
}
