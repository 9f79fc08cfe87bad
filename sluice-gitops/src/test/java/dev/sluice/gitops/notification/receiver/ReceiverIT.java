package dev.sluice.gitops.notification.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.sluice.api.Conditions;
import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.api.notification.Receiver;
import dev.sluice.cluster.EventRecord;
import dev.sluice.cluster.embedded.EmbeddedCluster;
import dev.sluice.cluster.reconcile.Controller;
import dev.sluice.cluster.reconcile.Reconciler;
import dev.sluice.cluster.reconcile.Result;
import dev.sluice.cluster.reconcile.Scheduler;
import dev.sluice.cluster.reconcile.SchedulerListener;
import dev.sluice.cluster.reconcile.SchedulerOptions;
import dev.sluice.cluster.reconcile.WatchWiring;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Receivers end to end: the reconciler, real HTTP calls on 127.0.0.1, the embedded store and its watches. */
class ReceiverIT {

    private static final GroupKind KS = GroupKind.of(ResourceTypes.KUSTOMIZE, "Kustomization");
    private static final String TOKEN = "hook-token";
    private static final byte[] PUSH = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);

    private final Clock clock = Clock.systemUTC();
    private final EmbeddedCluster cluster = EmbeddedCluster.inMemory(clock, new Random(3));
    private final ReceiverReconciler reconciler = new ReceiverReconciler(cluster, clock);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        cluster.create(KubeObject.parse("{apiVersion: v1, kind: Namespace, metadata: {name: flux-system}}"));
        cluster.create(KubeObject.parse("{apiVersion: v1, kind: Secret, metadata: {name: webhook-token, namespace: flux-system}, "
                + "stringData: {token: " + TOKEN + "}}"));
        for (String name : List.of("apps", "infra", "other")) {
            cluster.create(KubeObject.parse("""
                    apiVersion: kustomize.toolkit.fluxcd.io/v1
                    kind: Kustomization
                    metadata: {name: %s, namespace: flux-system, labels: {tier: %s}}
                    spec: {interval: 60m, path: ./, prune: true, sourceRef: {kind: GitRepository, name: flux-system}}
                    """.formatted(name, name.equals("other") ? "none" : "platform")));
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/hook/", new ReceiverHandler(cluster, clock));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        http.close();
        cluster.close();
    }

    private ObjectKey receiver(String type, String name, String extraSpec) throws Exception {
        KubeObject r = cluster.create(KubeObject.parse("""
                apiVersion: notification.toolkit.fluxcd.io/v1
                kind: Receiver
                metadata: {name: %s, namespace: flux-system}
                spec:
                  type: %s
                  secretRef: {name: webhook-token}
                  resources:
                  - {kind: Kustomization, name: apps}
                %s
                """.formatted(name, type, extraSpec)));
        reconciler.reconcile(r.key());
        return r.key();
    }

    private String path(ObjectKey receiver) {
        return cluster.get(receiver).orElseThrow().status().path("webhookPath").asText();
    }

    private HttpResponse<String> post(String path, Map<String, String> headers, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String requestedAt(String ks) {
        return cluster.get(new ObjectKey(KS, "flux-system", ks)).orElseThrow()
                .annotation(ReconcileRequests.REQUESTED_AT).orElse("");
    }

    @Test
    void theReconcilerPublishesTheWebhookPathAndReady() throws Exception {
        ObjectKey key = receiver("github", "gh", "");
        KubeObject r = cluster.get(key).orElseThrow();
        String expected = Receiver.webhookPath(TOKEN, "gh", "flux-system");
        assertThat(expected).matches("/hook/[0-9a-f]{64}");
        assertThat(r.status().path("webhookPath").asText()).isEqualTo(expected);
        var ready = Conditions.find(r.status(), "Ready").orElseThrow();
        assertThat(ready.isTrue()).isTrue();
        assertThat(ready.reason()).isEqualTo("Succeeded");
        assertThat(ready.message()).isEqualTo("Receiver initialized for path: " + expected);
        assertThat(r.status().path("observedGeneration").asLong()).isEqualTo(r.generation());
        assertThat(cluster.events(key)).extracting(EventRecord::message)
                .containsExactly("Reconciliation finished, next run in 10m0s");
    }

    @Test
    void aMissingSecretIsTokenNotFoundUntilItAppears() throws Exception {
        cluster.delete(ObjectKey.of("", "Secret", "flux-system", "webhook-token"), dev.sluice.cluster.DeleteOptions.background());
        KubeObject r = cluster.create(KubeObject.parse("""
                apiVersion: notification.toolkit.fluxcd.io/v1
                kind: Receiver
                metadata: {name: gh, namespace: flux-system}
                spec: {type: github, secretRef: {name: webhook-token}, resources: [{kind: Kustomization, name: apps}]}
                """));
        try {
            reconciler.reconcile(r.key());
        } catch (Exception expected) {
            assertThat(expected).hasMessageContaining("secrets \"webhook-token\" not found");
        }
        KubeObject failed = cluster.get(r.key()).orElseThrow();
        var ready = Conditions.find(failed.status(), "Ready").orElseThrow();
        assertThat(ready.isFalse()).isTrue();
        assertThat(ready.reason()).isEqualTo("TokenNotFound");
        assertThat(ready.message()).isEqualTo("unable to read token from secret 'flux-system/webhook-token' error: "
                + "secrets \"webhook-token\" not found");
        assertThat(failed.status().has("webhookPath")).isFalse();

        cluster.create(KubeObject.parse("{apiVersion: v1, kind: Secret, metadata: {name: webhook-token, namespace: flux-system}, "
                + "data: {token: " + java.util.Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8)) + "}}"));
        reconciler.reconcile(r.key());
        assertThat(path(r.key())).isEqualTo(Receiver.webhookPath(TOKEN, "gh", "flux-system"));
    }

    @Test
    void aValidGithubPushAnnotatesTheTargetWhichReconcilesWithinASecond() throws Exception {
        ObjectKey key = receiver("github", "gh", "  events: [push]");
        List<ObjectKey> reconciled = new CopyOnWriteArrayList<>();
        try (Scheduler scheduler = new Scheduler(SchedulerOptions.defaults(), clock, new Random(1), SchedulerListener.NONE)) {
            Controller ks = scheduler.register(new Reconciler() {
                @Override
                public GroupKind kind() {
                    return KS;
                }

                @Override
                public Result reconcile(ObjectKey k) {
                    reconciled.add(k);
                    return Result.done();
                }
            });
            try (WatchWiring wiring = WatchWiring.of(cluster, ks).start()) {
                scheduler.start();
                await().atMost(Duration.ofSeconds(5)).until(() -> reconciled.size() == 3); // the first list
                reconciled.clear();

                HttpResponse<String> r = post(path(key), Map.of("X-GitHub-Event", "push",
                        "X-Hub-Signature-256", Signatures.sha256(PUSH, TOKEN.getBytes(StandardCharsets.UTF_8))), PUSH);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                assertThat(requestedAt("apps")).isNotEmpty();
                assertThat(requestedAt("infra")).isEmpty();
                await().atMost(Duration.ofSeconds(1))
                        .until(() -> reconciled.contains(new ObjectKey(KS, "flux-system", "apps")));
                assertThat(reconciled).containsOnly(new ObjectKey(KS, "flux-system", "apps"));
            }
        }
        assertThat(cluster.events(key)).extracting(EventRecord::reason).contains("ReconcileRequested");
    }

    @Test
    void aBadSignatureIs401WithAWarningAndNoReconcile() throws Exception {
        ObjectKey key = receiver("github", "gh", "");
        String forged = Signatures.sha256(PUSH, "guess".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = post(path(key), Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", forged), PUSH);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(requestedAt("apps")).isEmpty();
        EventRecord warning = cluster.events(key).stream().filter(EventRecord::isWarning).findFirst().orElseThrow();
        assertThat(warning.reason()).isEqualTo("RequestRejected");
        assertThat(warning.message()).contains("the GitHub signature header is invalid");
        assertThat(warning.reportingController()).isEqualTo("notification-controller");

        HttpResponse<String> unsigned = post(path(key), Map.of("X-GitHub-Event", "push"), PUSH);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(requestedAt("apps")).isEmpty();
    }

    @Test
    void githubPingIsAnsweredWithoutAReconcileAndOtherEventsAreFiltered() throws Exception {
        ObjectKey key = receiver("github", "gh", "  events: [push]");
        byte[] key1 = TOKEN.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> ping = post(path(key), Map.of("X-GitHub-Event", "ping", "X-Hub-Signature-256",
                Signatures.sha256(PUSH, key1)), PUSH);
        assertThat(ping.statusCode()).isEqualTo(200);
        assertThat(ping.body()).isEqualTo("pong\n");
        HttpResponse<String> issue = post(path(key), Map.of("X-GitHub-Event", "issues", "X-Hub-Signature-256",
                Signatures.sha256(PUSH, key1)), PUSH);
        assertThat(issue.statusCode()).isEqualTo(400);
        assertThat(issue.body()).contains("the GitHub event \"issues\" is not authorised");
        assertThat(requestedAt("apps")).isEmpty();
    }

    @Test
    void gitlabGenericAndGenericHmac() throws Exception {
        ObjectKey gitlab = receiver("gitlab", "gl", "");
        assertThat(post(path(gitlab), Map.of("X-Gitlab-Token", "nope"), PUSH).statusCode()).isEqualTo(401);
        assertThat(requestedAt("apps")).isEmpty();
        assertThat(post(path(gitlab), Map.of("X-Gitlab-Token", TOKEN, "X-Gitlab-Event", "Push Hook"), PUSH).statusCode()).isEqualTo(200);
        String first = requestedAt("apps");
        assertThat(first).isNotEmpty();

        ObjectKey hmac = receiver("generic-hmac", "hm", "");
        assertThat(post(path(hmac), Map.of("X-Signature", "sha256=00"), PUSH).statusCode()).isEqualTo(401);
        assertThat(requestedAt("apps")).isEqualTo(first);
        assertThat(post(path(hmac), Map.of("X-Signature", Signatures.sha256(PUSH, TOKEN.getBytes(StandardCharsets.UTF_8))), PUSH)
                .statusCode()).isEqualTo(200);

        ObjectKey generic = receiver("generic", "gen", "");
        assertThat(post(path(generic), Map.of(), new byte[0]).statusCode()).isEqualTo(200);
        assertThat(path(generic)).isNotEqualTo(path(hmac)).isNotEqualTo(path(gitlab));
    }

    @Test
    void aWildcardAnnotatesEveryObjectMatchingTheLabels() throws Exception {
        ObjectKey key = cluster.create(KubeObject.parse("""
                apiVersion: notification.toolkit.fluxcd.io/v1
                kind: Receiver
                metadata: {name: all, namespace: flux-system}
                spec:
                  type: generic
                  secretRef: {name: webhook-token}
                  resources:
                  - {apiVersion: kustomize.toolkit.fluxcd.io/v1, kind: Kustomization, name: "*", matchLabels: {tier: platform}}
                """)).key();
        reconciler.reconcile(key);
        assertThat(post(path(key), Map.of(), PUSH).statusCode()).isEqualTo(200);
        assertThat(requestedAt("apps")).isNotEmpty();
        assertThat(requestedAt("infra")).isNotEmpty();
        assertThat(requestedAt("other")).isEmpty();
    }

    @Test
    void unknownPathsSuspendedReceiversAndMissingTargets() throws Exception {
        assertThat(post("/hook/" + "0".repeat(64), Map.of(), PUSH).statusCode()).isEqualTo(404);

        ObjectKey missing = receiver("generic", "gone", "  - {kind: Kustomization, name: nope}");
        HttpResponse<String> r = post(path(missing), Map.of(), PUSH);
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("Kustomization \"flux-system/nope\": not found");
        assertThat(requestedAt("apps")).as("the other target is still asked").isNotEmpty();

        ObjectKey suspended = receiver("generic", "paused", "");
        String p = path(suspended);
        KubeObject live = cluster.get(suspended).orElseThrow();
        cluster.update(live.edit(n -> n.withObjectProperty("spec").put("suspend", true)));
        assertThat(post(p, Map.of(), PUSH).statusCode()).isEqualTo(503);
    }

    @Test
    void anUnsupportedTypeIsStalledWithAClearMessage() throws Exception {
        ObjectKey key = receiver("quay", "q", "");
        var ready = Conditions.find(cluster.get(key).orElseThrow().status(), "Ready").orElseThrow();
        assertThat(ready.reason()).isEqualTo("ValidationFailed");
        assertThat(ready.message()).isEqualTo("receiver type 'quay' is not supported by Sluice yet; supported: "
                + "generic, generic-hmac, github, gitlab");
        assertThat(Conditions.find(cluster.get(key).orElseThrow().status(), "Stalled").orElseThrow().isTrue()).isTrue();
    }
}
