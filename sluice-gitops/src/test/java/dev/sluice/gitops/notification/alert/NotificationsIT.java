package dev.sluice.gitops.notification.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.EventRecord;
import dev.sluice.cluster.embedded.EmbeddedCluster;
import dev.sluice.gitops.notification.RecordingWebhook;
import dev.sluice.gitops.notification.notifier.HttpPoster;
import dev.sluice.gitops.notification.notifier.Notifiers;
import dev.sluice.gitops.notification.receiver.Signatures;
import dev.sluice.testkit.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alerts and Providers end to end: events recorded through the forwarding port reach a local HTTP receiver. */
class NotificationsIT {

    private static final String REV = "main@sha1:0123456789abcdef0123456789abcdef01234567";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00.250Z"));
    private final EmbeddedCluster cluster = EmbeddedCluster.inMemory(clock, new Random(5));
    private final HttpPoster poster = new HttpPoster(Duration.ofSeconds(2));
    private final EventDispatcher dispatcher = new EventDispatcher(cluster, clock, new Notifiers(poster), Runnable::run,
            EventDispatcher.Options.DEFAULTS);
    private final EventForwardingCluster controllers = new EventForwardingCluster(cluster, dispatcher);
    private RecordingWebhook hook;
    private KubeObject apps;

    @BeforeEach
    void setUp() throws Exception {
        hook = new RecordingWebhook();
        cluster.create(KubeObject.parse("{apiVersion: v1, kind: Namespace, metadata: {name: flux-system}}"));
        cluster.create(KubeObject.parse("{apiVersion: v1, kind: Namespace, metadata: {name: team-a}}"));
        apps = cluster.create(KubeObject.parse("""
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata: {name: apps, namespace: flux-system, labels: {team: web}}
                spec: {interval: 10m, path: ./apps, prune: true, sourceRef: {kind: GitRepository, name: flux-system}}
                """));
    }

    @AfterEach
    void tearDown() {
        dispatcher.close();
        poster.close();
        hook.close();
        cluster.close();
    }

    private void apply(String yaml) {
        cluster.create(KubeObject.parse(yaml));
    }

    private void provider(String name, String type, String extra) {
        apply("""
                apiVersion: notification.toolkit.fluxcd.io/v1beta3
                kind: Provider
                metadata: {name: %s, namespace: flux-system}
                spec:
                  type: %s
                %s
                """.formatted(name, type, extra.indent(2)));
    }

    private void alert(String name, String provider, String extra) {
        apply("""
                apiVersion: notification.toolkit.fluxcd.io/v1beta3
                kind: Alert
                metadata: {name: %s, namespace: flux-system}
                spec:
                  providerRef: {name: %s}
                %s
                """.formatted(name, provider, extra.indent(2)));
    }

    private void event(String type, String reason, String message) {
        Instant now = clock.instant();
        controllers.recordEvent(new EventRecord(apps.key(), type, reason, message, "kustomize-controller",
                Map.of("kustomize.toolkit.fluxcd.io/revision", REV), 1, now, now));
        dispatcher.drain();
    }

    private void applied() {
        event(EventRecord.NORMAL, "ReconciliationSucceeded", "Reconciliation finished in 1.2s, next run in 10m0s");
    }

    private List<EventRecord> warningsOn(String alert) {
        return cluster.events(ObjectKey.of("notification.toolkit.fluxcd.io", "Alert", "flux-system", alert)).stream()
                .filter(EventRecord::isWarning).toList();
    }

    @Test
    void genericPostsFluxsEventWithHeadersFromTheSecret() {
        apply("""
                apiVersion: v1
                kind: Secret
                metadata: {name: hook, namespace: flux-system}
                stringData:
                  address: %s
                  headers: |
                    X-Team: web
                    Authorization: Bearer abc
                """.formatted(hook.url("/generic")));
        provider("generic", "generic", "address: http://127.0.0.1:1/ignored\nsecretRef: {name: hook}");
        alert("all", "generic", "eventSources: [{kind: Kustomization, name: '*'}]");
        applied();

        assertThat(cluster.events(apps.key())).as("the event is still recorded in the cluster").hasSize(1);
        RecordingWebhook.Call call = hook.calls("/generic").get(0);
        String uid = apps.uid();
        String rv = cluster.get(apps.key()).orElseThrow().resourceVersion();
        assertThat(call.body()).isEqualTo("{\"involvedObject\":{\"kind\":\"Kustomization\",\"namespace\":\"flux-system\","
                + "\"name\":\"apps\",\"uid\":\"" + uid + "\",\"apiVersion\":\"kustomize.toolkit.fluxcd.io/v1\","
                + "\"resourceVersion\":\"" + rv + "\"},\"severity\":\"info\",\"timestamp\":\"2026-03-01T10:00:00Z\","
                + "\"message\":\"Reconciliation finished in 1.2s, next run in 10m0s\",\"reason\":\"ReconciliationSucceeded\","
                + "\"metadata\":{\"revision\":\"" + REV + "\"},\"reportingController\":\"kustomize-controller\"}");
        assertThat(call.headers()).containsEntry("content-type", "application/json")
                .containsEntry("gotk-component", "kustomize-controller")
                .containsEntry("x-team", "web").containsEntry("authorization", "Bearer abc");
        assertThat(dispatcher.counters().snapshot().sent()).isEqualTo(1);
    }

    @Test
    void genericHmacSignsTheBodyWithTheToken() {
        apply("{apiVersion: v1, kind: Secret, metadata: {name: hmac, namespace: flux-system}, stringData: {token: k3y}}");
        provider("signed", "generic-hmac", "address: " + hook.url("/signed") + "\nsecretRef: {name: hmac}");
        alert("all", "signed", "eventSources: [{kind: Kustomization, name: apps}]");
        applied();
        RecordingWebhook.Call call = hook.calls("/signed").get(0);
        assertThat(call.headers().get("x-signature"))
                .isEqualTo(Signatures.sha256(call.body().getBytes(StandardCharsets.UTF_8), "k3y".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void chatProvidersGetTheirOwnPayloads() {
        apply("{apiVersion: v1, kind: Secret, metadata: {name: slack, namespace: flux-system}, stringData: {token: xoxb-1}}");
        provider("slack", "slack", "address: " + hook.url("/slack-hook") + "\nchannel: general\nsecretRef: {name: slack}");
        provider("discord", "discord", "address: " + hook.url("/discord") + "\nusername: flux-bot");
        provider("rocket", "rocket", "address: " + hook.url("/rocket") + "\nchannel: ops\nusername: flux");
        provider("teams", "msteams", "address: " + hook.url("/teams"));
        provider("gchat", "googlechat", "address: " + hook.url("/gchat"));
        for (String p : List.of("slack", "discord", "rocket", "teams", "gchat")) {
            alert(p, p, "eventSources: [{kind: Kustomization, name: '*'}]");
        }
        event(EventRecord.WARNING, "HealthCheckFailed", "health check failed after 30s");

        ObjectNode slack = hook.calls("/slack-hook").get(0).json();
        assertThat(slack.path("channel").asText()).isEqualTo("general");
        assertThat(slack.path("username").asText()).isEqualTo("kustomize-controller");
        assertThat(slack.path("attachments").get(0).path("color").asText()).isEqualTo("danger");
        assertThat(slack.path("attachments").get(0).path("author_name").asText()).isEqualTo("kustomization/apps.flux-system");
        assertThat(slack.path("attachments").get(0).path("fields").get(0).path("title").asText()).isEqualTo("revision");
        assertThat(hook.calls("/slack-hook").get(0).headers()).containsEntry("authorization", "Bearer xoxb-1");

        assertThat(hook.calls("/discord/slack")).as("discord's Slack-compatible path").hasSize(1);
        assertThat(hook.calls("/discord/slack").get(0).json().path("username").asText()).isEqualTo("flux-bot");
        assertThat(hook.calls("/rocket").get(0).json().path("attachments").get(0).path("color").asText()).isEqualTo("#FF0000");
        assertThat(hook.calls("/teams").get(0).json().path("attachments").get(0).path("contentType").asText())
                .isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(hook.calls("/gchat").get(0).json().path("cards").get(0).path("header").path("subtitle").asText())
                .isEqualTo("kustomize-controller");
        assertThat(dispatcher.counters().snapshot().sent()).isEqualTo(5);
    }

    @Test
    void severityExclusionAndSourceFiltersDecideWhoIsNotified() {
        provider("hook", "generic", "address: " + hook.url("/errors"));
        provider("hook2", "generic", "address: " + hook.url("/quiet"));
        provider("hook3", "generic", "address: " + hook.url("/labels"));
        alert("errors", "hook", "eventSeverity: error\neventSources: [{kind: Kustomization, name: '*'}]");
        alert("quiet", "hook2", "eventSources: [{kind: Kustomization, name: '*'}]\nexclusionList: ['^Reconciliation finished']");
        alert("labels", "hook3", "eventSources: [{kind: Kustomization, name: '*', matchLabels: {team: db}}]");
        alert("elsewhere", "hook", "eventSources: [{kind: Kustomization, name: '*', namespace: team-a}]");
        applied();
        event(EventRecord.WARNING, "HealthCheckFailed", "health check failed after 30s");
        assertThat(hook.calls("/errors")).extracting(c -> c.json().path("severity").asText()).containsExactly("error");
        assertThat(hook.calls("/quiet")).extracting(c -> c.json().path("reason").asText()).containsExactly("HealthCheckFailed");
        assertThat(hook.calls("/labels")).isEmpty();
    }

    @Test
    void duplicatesAreRateLimitedForFiveMinutes() {
        provider("hook", "generic", "address: " + hook.url("/dup"));
        alert("all", "hook", "eventSources: [{kind: Kustomization, name: '*'}]");
        applied();
        clock.advance(Duration.ofMinutes(4));
        applied();
        assertThat(hook.calls("/dup")).hasSize(1);
        assertThat(dispatcher.counters().snapshot().rateLimited()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        applied();
        assertThat(hook.calls("/dup")).hasSize(2);
    }

    @Test
    void deliveryFailuresAreCountedAndReportedOnTheAlertWithTheTokenMasked() {
        apply("{apiVersion: v1, kind: Secret, metadata: {name: slack, namespace: flux-system}, stringData: {token: xoxb-SECRET}}");
        hook.answer("/broken", 500, "upstream said no to xoxb-SECRET");
        provider("broken", "slack", "address: " + hook.url("/broken") + "\nsecretRef: {name: slack}");
        provider("unreachable", "generic", "address: http://127.0.0.1:1/nothing-listens");
        alert("broken", "broken", "eventSources: [{kind: Kustomization, name: '*'}]");
        alert("unreachable", "unreachable", "eventSources: [{kind: Kustomization, name: '*'}]");
        alert("dangling", "no-such-provider", "eventSources: [{kind: Kustomization, name: '*'}]");
        applied();

        assertThat(dispatcher.counters().snapshot().failed()).isEqualTo(3);
        EventRecord broken = warningsOn("broken").get(0);
        assertThat(broken.reason()).isEqualTo("NotificationDispatchFailed");
        assertThat(broken.reportingController()).isEqualTo("notification-controller");
        assertThat(broken.message()).startsWith("failed to send notification for Kustomization/flux-system/apps: "
                + "request failed with status code 500").doesNotContain("xoxb-SECRET").contains("*****");
        assertThat(warningsOn("unreachable").get(0).message()).contains("failed to execute request");
        assertThat(warningsOn("dangling").get(0).message()).isEqualTo("failed to dispatch notification for "
                + "Kustomization/flux-system/apps: failed to read provider: providers.notification.toolkit.fluxcd.io "
                + "\"no-such-provider\" not found");
    }

    @Test
    void suspendedProvidersAndAlertsSendNothingAndProxiesAreIgnored() {
        provider("paused", "generic", "address: " + hook.url("/paused") + "\nsuspend: true");
        provider("proxied", "generic", "address: " + hook.url("/proxied") + "\nproxy: http://proxy.invalid:3128");
        alert("a", "paused", "eventSources: [{kind: Kustomization, name: '*'}]");
        alert("b", "proxied", "eventSources: [{kind: Kustomization, name: '*'}]");
        alert("c", "proxied", "suspend: true\neventSources: [{kind: Kustomization, name: '*'}]");
        applied();
        assertThat(hook.calls("/paused")).isEmpty();
        assertThat(hook.calls("/proxied")).as("sent directly, once").hasSize(1);
        assertThat(dispatcher.counters().snapshot().failed()).isZero();
    }

    @Test
    void theControllersNeverWaitOnAFullQueue() {
        EventDispatcher tiny = new EventDispatcher(cluster, clock, new Notifiers(poster), Runnable::run,
                new EventDispatcher.Options(1, Duration.ofMinutes(5), 1));
        EventForwardingCluster port = new EventForwardingCluster(cluster, tiny);
        for (int i = 0; i < 3; i++) {
            Instant now = clock.instant();
            port.recordEvent(EventRecord.normal(apps.key(), "Progressing", "step " + i, "kustomize-controller", now));
        }
        assertThat(tiny.counters().snapshot().received()).isEqualTo(3);
        assertThat(tiny.counters().snapshot().dropped()).isEqualTo(2);
        assertThat(cluster.events(apps.key())).as("every event is still recorded").hasSize(3);
    }
}
