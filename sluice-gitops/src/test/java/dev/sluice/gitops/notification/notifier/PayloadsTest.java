package dev.sluice.gitops.notification.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Json;
import dev.sluice.gitops.notification.FluxEvent;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The exact JSON notification-controller sends to each provider. */
class PayloadsTest {

    private static final FluxEvent.InvolvedObject KS = new FluxEvent.InvolvedObject("Kustomization", "flux-system", "apps",
            "0b6a3f7e-1", "kustomize.toolkit.fluxcd.io/v1", "42");

    private static FluxEvent event(String severity, String message, Map<String, String> metadata) {
        return new FluxEvent(KS, severity, Instant.parse("2026-01-02T03:04:05.678Z"), message, "ReconciliationSucceeded",
                new TreeMap<>(metadata), "kustomize-controller", "");
    }

    private static final FluxEvent INFO = event(FluxEvent.INFO, "Applied revision: main@sha1:abc\nsecond line",
            Map.of("revision", "main@sha1:abc", "env", "prod"));
    private static final FluxEvent ERROR = event(FluxEvent.ERROR, "health check failed", Map.of());

    @Test
    void theGenericEventIsFluxsShape() {
        assertThat(Json.write(INFO.toJson())).isEqualTo("{\"involvedObject\":{\"kind\":\"Kustomization\",\"namespace\":"
                + "\"flux-system\",\"name\":\"apps\",\"uid\":\"0b6a3f7e-1\",\"apiVersion\":\"kustomize.toolkit.fluxcd.io/v1\","
                + "\"resourceVersion\":\"42\"},\"severity\":\"info\",\"timestamp\":\"2026-01-02T03:04:05Z\",\"message\":"
                + "\"Applied revision: main@sha1:abc\\nsecond line\",\"reason\":\"ReconciliationSucceeded\",\"metadata\":"
                + "{\"env\":\"prod\",\"revision\":\"main@sha1:abc\"},\"reportingController\":\"kustomize-controller\"}");
        assertThat(ERROR.toJson().has("metadata")).as("empty metadata is omitted").isFalse();
    }

    @Test
    void slack() {
        assertThat(Json.write(Payloads.slack(INFO, "general", ""))).isEqualTo("{\"channel\":\"general\",\"username\":"
                + "\"kustomize-controller\",\"icon_url\":\"\",\"icon_emoji\":\"\",\"attachments\":[{\"fallback\":"
                + "\"kustomization/apps.flux-system: Applied revision: main@sha1:abc\",\"color\":\"good\",\"author_name\":"
                + "\"kustomization/apps.flux-system\",\"text\":\"Applied revision: main@sha1:abc\\nsecond line\","
                + "\"mrkdwn_in\":[\"text\"],\"fields\":[{\"title\":\"env\",\"value\":\"prod\",\"short\":false},"
                + "{\"title\":\"revision\",\"value\":\"main@sha1:abc\",\"short\":false}]}]}");
        var error = Payloads.slack(ERROR, "", "flux");
        assertThat(error.path("username").asText()).isEqualTo("flux");
        assertThat(error.path("attachments").get(0).path("color").asText()).isEqualTo("danger");
        assertThat(error.path("attachments").get(0).path("fields")).isEmpty();
    }

    @Test
    void discordAndRocketUseTheSlackShape() {
        assertThat(Json.write(Payloads.discord(ERROR, ""))).isEqualTo("{\"channel\":\"\",\"username\":\"kustomize-controller\","
                + "\"icon_url\":\"\",\"icon_emoji\":\"\",\"attachments\":[{\"fallback\":\"\",\"color\":\"danger\",\"author_name\":"
                + "\"kustomization/apps.flux-system\",\"text\":\"health check failed\",\"mrkdwn_in\":[\"text\"],\"fields\":[]}]}");
        var rocket = Payloads.rocket(INFO, "ops", "");
        assertThat(rocket.path("username").asText()).as("rocket does not default the username").isEmpty();
        assertThat(rocket.path("channel").asText()).isEqualTo("ops");
        assertThat(rocket.path("attachments").get(0).path("color").asText()).isEqualTo("#0076D7");
        assertThat(Payloads.rocket(ERROR, "ops", "").path("attachments").get(0).path("color").asText()).isEqualTo("#FF0000");
    }

    @Test
    void teamsMessageCard() {
        assertThat(Json.write(Payloads.teamsMessageCard(ERROR))).isEqualTo("{\"@type\":\"MessageCard\",\"@context\":"
                + "\"http://schema.org/extensions\",\"themeColor\":\"FF0000\",\"summary\":\"kustomization/apps.flux-system\","
                + "\"sections\":[{\"activityTitle\":\"health check failed\",\"activitySubtitle\":"
                + "\"kustomization/apps.flux-system\",\"facts\":[]}]}");
    }

    @Test
    void teamsAdaptiveCardPutsTheSummaryFirst() {
        FluxEvent e = event(FluxEvent.ERROR, "boom", Map.of("revision", "r1", "summary", "prod cluster", "a", "b"));
        assertThat(Json.write(Payloads.teamsAdaptiveCard(e))).isEqualTo("{\"type\":\"message\",\"attachments\":[{"
                + "\"contentType\":\"application/vnd.microsoft.card.adaptive\",\"content\":{\"$schema\":"
                + "\"http://adaptivecards.io/schemas/adaptive-card.json\",\"type\":\"AdaptiveCard\",\"version\":\"1.4\","
                + "\"body\":[{\"type\":\"Container\",\"items\":[{\"type\":\"TextBlock\",\"text\":\"kustomization/apps.flux-system\","
                + "\"size\":\"large\",\"weight\":\"bolder\",\"wrap\":true},{\"type\":\"TextBlock\",\"text\":\"boom\",\"color\":"
                + "\"attention\",\"wrap\":true},{\"type\":\"FactSet\",\"facts\":[{\"title\":\"summary\",\"value\":\"prod cluster\"},"
                + "{\"title\":\"a\",\"value\":\"b\"},{\"title\":\"revision\",\"value\":\"r1\"}]}]}],\"msteams\":{\"width\":\"Full\"}}}]}");
        var noFacts = Payloads.teamsAdaptiveCard(event(FluxEvent.INFO, "ok", Map.of()));
        assertThat(Json.write(noFacts)).contains("{\"type\":\"TextBlock\",\"text\":\"ok\",\"wrap\":true},{\"type\":\"FactSet\"}");
    }

    @Test
    void googleChat() {
        assertThat(Json.write(Payloads.googleChat(event(FluxEvent.ERROR, "boom", Map.of("revision", "r1")))))
                .isEqualTo("{\"cards\":[{\"header\":{\"title\":\"kustomization/apps.flux-system\",\"subtitle\":"
                        + "\"kustomize-controller\",\"imageUrl\":null,\"imageStyle\":null},\"sections\":[{\"header\":\"\","
                        + "\"widgets\":[{\"textParagraph\":{\"text\":\"<font color=\\\"#ff0000\\\">boom</font>\"},"
                        + "\"keyValue\":null}]},{\"header\":\"\",\"widgets\":[{\"textParagraph\":null,\"keyValue\":{"
                        + "\"topLabel\":\"revision\",\"content\":\"r1\",\"contentMultiline\":false,\"bottomLabel\":null,"
                        + "\"icon\":null}}]}]}]}");
        assertThat(Payloads.googleChat(INFO).path("cards").get(0).path("sections").get(0).path("widgets").get(0)
                .path("textParagraph").path("text").asText()).isEqualTo(INFO.message());
    }
}
