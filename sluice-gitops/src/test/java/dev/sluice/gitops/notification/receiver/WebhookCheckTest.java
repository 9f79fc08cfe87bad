package dev.sluice.gitops.notification.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.gitops.notification.receiver.WebhookCheck.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookCheckTest {

    private static final String TOKEN = "s3cret";
    private static final byte[] BODY = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] KEY = TOKEN.getBytes(StandardCharsets.UTF_8);

    private static WebhookRequest req(Map<String, String> headers) {
        return new WebhookRequest(headers, BODY);
    }

    @Test
    void githubAcceptsAValidSha256SignatureForAListedEvent() {
        Verdict v = WebhookCheck.check("github", TOKEN, List.of("push"),
                req(Map.of("X-Hub-Signature-256", Signatures.sha256(BODY, KEY), "X-GitHub-Event", "push")));
        assertThat(v).isEqualTo(new Verdict.Accept("push"));
    }

    @Test
    void githubAcceptsTheLegacySha1HeaderAndHeaderNamesInAnyCase() {
        Verdict v = WebhookCheck.check("github", TOKEN, List.of(),
                req(Map.of("x-hub-signature", Signatures.sha1(BODY, KEY), "x-github-event", "push")));
        assertThat(v).isInstanceOf(Verdict.Accept.class);
    }

    @Test
    void githubRejectsAWrongKeyAMissingHeaderAndGarbage() {
        String wrong = Signatures.sha256(BODY, "other".getBytes(StandardCharsets.UTF_8));
        assertThat(WebhookCheck.check("github", TOKEN, List.of(), req(Map.of("X-Hub-Signature-256", wrong, "X-GitHub-Event", "push"))))
                .isInstanceOf(Verdict.Unauthorized.class);
        assertThat(WebhookCheck.check("github", TOKEN, List.of(), req(Map.of("X-GitHub-Event", "push"))))
                .isEqualTo(new Verdict.Unauthorized("the GitHub signature header is invalid: missing signature"));
        assertThat(WebhookCheck.check("github", TOKEN, List.of(), req(Map.of("X-Hub-Signature-256", "sha256=zz"))))
                .isInstanceOf(Verdict.Unauthorized.class);
        assertThat(WebhookCheck.check("github", TOKEN, List.of(), req(Map.of("X-Hub-Signature-256", "md5=00"))))
                .isInstanceOf(Verdict.Unauthorized.class);
    }

    @Test
    void githubSignatureOverADifferentBodyIsRejected() {
        String sig = Signatures.sha256("{}".getBytes(StandardCharsets.UTF_8), KEY);
        assertThat(WebhookCheck.check("github", TOKEN, List.of(), req(Map.of("X-Hub-Signature-256", sig))))
                .isInstanceOf(Verdict.Unauthorized.class);
    }

    @Test
    void githubFiltersEventsAndAnswersPing() {
        String sig = Signatures.sha256(BODY, KEY);
        assertThat(WebhookCheck.check("github", TOKEN, List.of("push"),
                req(Map.of("X-Hub-Signature-256", sig, "X-GitHub-Event", "issues"))))
                .isEqualTo(new Verdict.Ignored("the GitHub event \"issues\" is not authorised"));
        assertThat(WebhookCheck.check("github", TOKEN, List.of("push"),
                req(Map.of("X-Hub-Signature-256", sig, "X-GitHub-Event", "ping"))))
                .isEqualTo(new Verdict.Ping());
        assertThat(WebhookCheck.check("github", TOKEN, List.of("Push"),
                req(Map.of("X-Hub-Signature-256", sig, "X-GitHub-Event", "push"))))
                .as("event names compare without case").isInstanceOf(Verdict.Accept.class);
    }

    @Test
    void pingWithABadSignatureIsStillUnauthorized() {
        assertThat(WebhookCheck.check("github", TOKEN, List.of(), req(Map.of("X-Hub-Signature-256", "sha256=00", "X-GitHub-Event", "ping"))))
                .isInstanceOf(Verdict.Unauthorized.class);
    }

    @Test
    void gitlabComparesTheTokenAndFiltersEvents() {
        assertThat(WebhookCheck.check("gitlab", TOKEN, List.of("Push Hook"),
                req(Map.of("X-Gitlab-Token", TOKEN, "X-Gitlab-Event", "Push Hook")))).isEqualTo(new Verdict.Accept("Push Hook"));
        assertThat(WebhookCheck.check("gitlab", TOKEN, List.of(), req(Map.of("X-Gitlab-Token", "s3cre"))))
                .isEqualTo(new Verdict.Unauthorized("the X-Gitlab-Token header value does not match the receiver token"));
        assertThat(WebhookCheck.check("gitlab", TOKEN, List.of(), req(Map.of()))).isInstanceOf(Verdict.Unauthorized.class);
        assertThat(WebhookCheck.check("gitlab", TOKEN, List.of("Push Hook"),
                req(Map.of("X-Gitlab-Token", TOKEN, "X-Gitlab-Event", "Tag Push Hook")))).isInstanceOf(Verdict.Ignored.class);
    }

    @Test
    void genericAcceptsAnythingAndGenericHmacNeedsXSignature() {
        assertThat(WebhookCheck.check("generic", "", List.of(), req(Map.of()))).isInstanceOf(Verdict.Accept.class);
        assertThat(WebhookCheck.check("generic-hmac", TOKEN, List.of(), req(Map.of("X-Signature", Signatures.sha256(BODY, KEY)))))
                .isInstanceOf(Verdict.Accept.class);
        assertThat(WebhookCheck.check("generic-hmac", TOKEN, List.of(), req(Map.of())))
                .isEqualTo(new Verdict.Unauthorized("unable to validate HMAC signature: the X-Signature header is missing"));
        assertThat(WebhookCheck.check("generic-hmac", TOKEN, List.of(),
                req(Map.of("X-Signature", Signatures.sha256(BODY, "x".getBytes(StandardCharsets.UTF_8))))))
                .isInstanceOf(Verdict.Unauthorized.class);
    }

    @Test
    void anUnsupportedTypeIsRefusedByName() {
        assertThatThrownBy(() -> WebhookCheck.check("quay", TOKEN, List.of(), req(Map.of())))
                .hasMessageContaining("receiver type 'quay' is not supported");
    }
}
