package dev.sluice.gitops.notification.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.cluster.EventRecord;
import dev.sluice.cluster.embedded.EmbeddedCluster;
import dev.sluice.testkit.ManualClock;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Receivers (issue 10, security): secrets are compared in constant time, and a forged or missing
 * signature or token never requests a reconciliation, yet every such call is counted.
 */
class ReceiverSecurityTest {

    private static final GroupKind KS = GroupKind.of(ResourceTypes.KUSTOMIZE, "Kustomization");
    private static final String TOKEN = "receiver-token-0123456789";
    private static final byte[] KEY = TOKEN.getBytes(StandardCharsets.UTF_8);
    private static final byte[] PUSH = "{\"ref\":\"refs/heads/main\",\"after\":\"5d0e6e1c\"}".getBytes(StandardCharsets.UTF_8);

    private final ManualClock clock = ManualClock.atEpochOfTests();
    private final EmbeddedCluster cluster = EmbeddedCluster.inMemory(clock, new Random(5));
    private final ReceiverReconciler reconciler = new ReceiverReconciler(cluster, clock);
    private final ReceiverHandler handler = new ReceiverHandler(cluster, clock);

    ReceiverSecurityTest() {
        cluster.create(KubeObject.parse("{apiVersion: v1, kind: Namespace, metadata: {name: flux-system}}"));
        cluster.create(KubeObject.parse("{apiVersion: v1, kind: Secret, metadata: {name: webhook-token, namespace: flux-system}, "
                + "stringData: {token: " + TOKEN + "}}"));
        cluster.create(KubeObject.parse("""
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: apps, namespace: flux-system}
                spec: {interval: 60m, path: ./, prune: true, sourceRef: {kind: GitRepository, name: flux-system}}
                """));
    }

    @AfterEach
    void close() {
        cluster.close();
    }

    /**
     * Timing cannot be measured reliably in a unit test, so the test reads the compiled classes: the
     * only secret comparisons are {@code MessageDigest.isEqual} (constant time), never String.equals,
     * Arrays.equals or contentEquals, which stop at the first differing byte.
     */
    @Test
    void signaturesAndTokensAreComparedWithMessageDigestIsEqual() throws Exception {
        String signatures = bytecode(Signatures.class);
        assertThat(signatures).contains("java/security/MessageDigest").contains("isEqual");
        assertThat(signatures).doesNotContain("java/util/Arrays").doesNotContain("contentEquals")
                .doesNotContain("equalsIgnoreCase");
        // WebhookCheck hands every secret comparison to Signatures; its own equalsIgnoreCase is for event names.
        String check = bytecode(WebhookCheck.class);
        assertThat(check).contains("sameText").contains("valid").doesNotContain("java/util/Arrays")
                .doesNotContain("java/security/MessageDigest");
        assertThat(Signatures.sameText(TOKEN, TOKEN)).isTrue();
        assertThat(Signatures.sameText(TOKEN, TOKEN.substring(1))).isFalse();
        assertThat(Signatures.sameText(TOKEN, null)).isFalse();
    }

    @Test
    void noForgedGithubSignatureTriggersAnythingAndEachIsCounted() throws Exception {
        ObjectKey receiver = receiver("github");
        String path = path(receiver);
        List<Map<String, String>> forged = new ArrayList<>();
        String good = Signatures.sha256(PUSH, KEY);
        // every hex digit of the real signature changed in turn
        for (int i = "sha256=".length(); i < good.length(); i++) {
            char c = good.charAt(i) == '0' ? '1' : '0';
            forged.add(github(good.substring(0, i) + c + good.substring(i + 1)));
        }
        forged.add(github(good.substring(0, good.length() - 2)));               // truncated
        forged.add(github(good + "00"));                                          // extended
        forged.add(github("sha256="));                                            // empty
        forged.add(github("md5=" + good.substring(7)));                           // unknown algorithm
        forged.add(github(good.substring(7)));                                    // no algorithm
        forged.add(github("sha256=zz" + good.substring(9)));                      // not hex
        forged.add(github(Signatures.sha256(PUSH, new byte[] {1})));              // wrong key
        forged.add(github(Signatures.sha256("{}".getBytes(StandardCharsets.UTF_8), KEY))); // another body
        forged.add(Map.of("X-GitHub-Event", "push"));                             // unsigned
        forged.add(Map.of("X-GitHub-Event", "push", "X-Hub-Signature", "sha1=" + good.substring(7, 47))); // sha1 shape, wrong

        for (Map<String, String> headers : forged) {
            ReceiverHandler.Outcome o = handler.handle(path, new WebhookRequest(headers, PUSH));
            assertThat(o.status()).as(headers.toString()).isEqualTo(401);
        }
        assertNothingTriggered(receiver);
        assertThat(handler.rejectedCalls()).isEqualTo(forged.size());
        assertThat(rejectedEvents(receiver)).isEqualTo(forged.size());

        // the same call correctly signed does trigger: the forged ones failed on the signature alone
        assertThat(handler.handle(path, new WebhookRequest(github(good), PUSH)).status()).isEqualTo(200);
        assertThat(requestedAt()).isNotEmpty();
        assertThat(handler.rejectedCalls()).isEqualTo(forged.size());
    }

    @Test
    void noWrongGitlabTokenOrHmacTriggersAnythingAndEachIsCounted() throws Exception {
        ObjectKey gitlab = receiver("gitlab");
        List<String> tokens = List.of("", " ", TOKEN.substring(1), TOKEN + "x", TOKEN.toUpperCase(), " " + TOKEN,
                TOKEN.substring(0, TOKEN.length() - 1) + "8");
        for (String t : tokens) {
            var o = handler.handle(path(gitlab), new WebhookRequest(Map.of("X-Gitlab-Token", t, "X-Gitlab-Event",
                    "Push Hook"), PUSH));
            assertThat(o.status()).as("'" + t + "'").isEqualTo(401);
        }
        assertThat(handler.handle(path(gitlab), new WebhookRequest(Map.of("X-Gitlab-Event", "Push Hook"), PUSH)).status())
                .isEqualTo(401);

        ObjectKey hmac = receiver("generic-hmac");
        String good = Signatures.sha256(PUSH, KEY);
        for (String sig : List.of("sha256=00", good.replace('a', 'b').replace('0', '1'), "sha512=" + good.substring(7),
                Signatures.sha1(PUSH, KEY).replace('a', 'c'))) {
            assertThat(handler.handle(path(hmac), new WebhookRequest(Map.of("X-Signature", sig), PUSH)).status())
                    .as(sig).isEqualTo(401);
        }
        assertNothingTriggered(gitlab);
        assertNothingTriggered(hmac);
        assertThat(handler.rejectedCalls()).isEqualTo(tokens.size() + 1 + 4);
        assertThat(rejectedEvents(gitlab)).isEqualTo(tokens.size() + 1);
        assertThat(rejectedEvents(hmac)).isEqualTo(4);
    }

    /** A blank token would make the path guessable and let an empty X-Gitlab-Token in: the Receiver is not Ready. */
    @Test
    void aBlankTokenIsRefusedAndNeverAccepted() throws Exception {
        ObjectKey gitlab = receiver("gitlab");
        String path = path(gitlab);
        KubeObject secret = cluster.get(new ObjectKey(GroupKind.of("", "Secret"), "flux-system", "webhook-token")).orElseThrow();
        cluster.update(secret.edit(n -> n.remove("data")).edit(n -> n.putObject("stringData").put("token", "")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reconciler.reconcile(gitlab))
                .hasMessageContaining("the 'token' field is empty");
        assertThat(cluster.get(gitlab).orElseThrow().status().path("conditions").toString()).contains("TokenNotFound");
        ReceiverHandler.Outcome o = handler.handle(path, new WebhookRequest(Map.of("X-Gitlab-Token", "",
                "X-Gitlab-Event", "Push Hook"), PUSH));
        assertThat(o.status()).isNotEqualTo(200);
        assertNothingTriggered(gitlab);
    }

    private ObjectKey receiver(String type) {
        KubeObject r = cluster.create(KubeObject.parse("""
                apiVersion: notification.toolkit.fluxcd.io/v1
                kind: Receiver
                metadata: {name: %s, namespace: flux-system}
                spec:
                  type: %s
                  secretRef: {name: webhook-token}
                  resources:
                  - {kind: Kustomization, name: apps}
                """.formatted(type, type)));
        try {
            reconciler.reconcile(r.key());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return r.key();
    }

    private static Map<String, String> github(String signature) {
        return Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", signature);
    }

    private String path(ObjectKey receiver) {
        String p = cluster.get(receiver).orElseThrow().status().path("webhookPath").asText();
        assertThat(p).startsWith("/hook/");
        return p;
    }

    private String requestedAt() {
        return cluster.get(new ObjectKey(KS, "flux-system", "apps")).orElseThrow()
                .annotation(ReconcileRequests.REQUESTED_AT).orElse("");
    }

    private void assertNothingTriggered(ObjectKey receiver) {
        assertThat(requestedAt()).as("no reconcile requested").isEmpty();
        assertThat(cluster.events(receiver)).extracting(EventRecord::reason).doesNotContain("ReconcileRequested");
    }

    /** Rejected calls as the events count them (aggregated by message, as Kubernetes does). */
    private long rejectedEvents(ObjectKey receiver) {
        return cluster.events(receiver).stream().filter(e -> e.reason().equals("RequestRejected") && e.isWarning())
                .mapToLong(EventRecord::count).sum();
    }

    private static String bytecode(Class<?> type) throws Exception {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
