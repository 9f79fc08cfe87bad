package dev.sluice.delivery.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Json;
import dev.sluice.api.flagger.AlertProvider;
import dev.sluice.api.flagger.AlertRef;
import dev.sluice.api.flagger.AlertSeverity;
import dev.sluice.api.flagger.CrossNamespaceRef;
import dev.sluice.delivery.net.HttpClients;
import dev.sluice.delivery.net.TestServer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NotifiersTest {

    static final Notification INFO = new Notification("podinfo", "test", "New revision detected, progressing canary analysis.",
            List.of(new Notification.Field("Target", "Deployment/podinfo.test"),
                    new Notification.Field("Failed checks threshold", "5")), AlertSeverity.INFO);
    static final Notification ERROR = new Notification("podinfo", "test", "Failed checks threshold reached 5", List.of(),
            AlertSeverity.ERROR);

    private final TestServer server;
    private final HttpClients clients = HttpClients.defaults();
    private final NotifierFactory factory = new NotifierFactory(clients);

    NotifiersTest() throws Exception {
        server = new TestServer();
        server.always("/hook", 200, "ok").always("/hook/slack", 200, "ok");
    }

    @AfterEach
    void close() {
        server.close();
        clients.close();
    }

    private AlertProvider provider(String type) {
        return new AlertProvider("on-call", "test", type, "general", "flagger", server.url() + "/hook", "", Optional.empty());
    }

    private void assertPosted(String path, String json) {
        assertThat(server.last().uri()).isEqualTo(path);
        assertThat(server.last().header("Content-Type")).isEqualTo("application/json");
        assertThat(Json.parseObject(server.last().body())).isEqualTo(Json.parseObject(json));
    }

    @Test
    void slackAttachmentWithFieldsColouredBySeverityAndTheToken() throws Exception {
        factory.forProvider(provider("slack"), Map.of("token", "xoxb-1")).post(INFO);
        assertPosted("/hook", """
                {"channel":"general","username":"flagger","icon_url":"","icon_emoji":":rocket:",
                 "attachments":[{"color":"good","author_name":"podinfo.test",
                   "text":"New revision detected, progressing canary analysis.","mrkdwn_in":["text"],
                   "fields":[{"title":"Target","value":"Deployment/podinfo.test","short":false},
                             {"title":"Failed checks threshold","value":"5","short":false}]}]}""");
        assertThat(server.last().header("Authorization")).isEqualTo("Bearer xoxb-1");
        factory.forProvider(provider("slack"), null).post(ERROR);
        assertThat(Json.parseObject(server.last().body()).at("/attachments/0/color").asText()).isEqualTo("danger");
        assertThat(Json.parseObject(server.last().body()).at("/attachments/0/fields").size()).isZero();
    }

    @Test
    void discordGetsTheSlackBodyOnItsSlackEndpointAndRocketItsColours() throws Exception {
        factory.forProvider(provider("discord"), null).post(ERROR);
        assertThat(server.last().uri()).isEqualTo("/hook/slack");
        assertThat(Json.parseObject(server.last().body()).at("/attachments/0/color").asText()).isEqualTo("danger");
        factory.forProvider(provider("rocket"), null).post(INFO);
        assertThat(Json.parseObject(server.last().body()).at("/attachments/0/color").asText()).isEqualTo("#0076D7");
        factory.forProvider(provider("rocket"), null).post(ERROR);
        assertThat(Json.parseObject(server.last().body()).at("/attachments/0/color").asText()).isEqualTo("#FF0000");
    }

    @Test
    void teamsMessageCard() throws Exception {
        factory.forProvider(provider("msteams"), null).post(INFO);
        assertPosted("/hook", """
                {"@type":"MessageCard","@context":"http://schema.org/extensions","themeColor":"0076D7",
                 "summary":"podinfo.test","sections":[{"activityTitle":"New revision detected, progressing canary analysis.",
                 "activitySubtitle":"podinfo.test","facts":[{"name":"Target","value":"Deployment/podinfo.test"},
                 {"name":"Failed checks threshold","value":"5"}]}]}""");
        factory.forProvider(provider("msteams"), null).post(ERROR);
        assertThat(Json.parseObject(server.last().body()).path("themeColor").asText()).isEqualTo("FF0000");
    }

    @Test
    void googleChatCard() throws Exception {
        factory.forProvider(provider("gchat"), null).post(INFO);
        assertPosted("/hook", """
                {"cards":[{"header":{"title":"Flagger","subtitle":"podinfo.test","imageUrl":"https://flagger.app/favicon.png"},
                 "sections":[
                  {"widgets":[{"textParagraph":{"text":"<font color=#848484><strong>New revision detected, progressing canary analysis.</strong></font>"}}]},
                  {"widgets":[{"textParagraph":{"text":"Target<br><font color=#848484><strong>Deployment/podinfo.test</strong></font>"}}]},
                  {"widgets":[{"textParagraph":{"text":"Failed checks threshold<br><font color=#848484><strong>5</strong></font>"}}]}]}]}""");
    }

    @Test
    void genericWebhookJson() throws Exception {
        factory.global("webhook", server.url() + "/hook", "", "", "", "").post(ERROR);
        assertPosted("/hook", """
                {"name":"podinfo","namespace":"test","message":"Failed checks threshold reached 5","severity":"error","fields":[]}""");
    }

    @Test
    void errorsNameTheCause() throws Exception {
        server.always("/broken", 500, "internal");
        AlertProvider broken = new AlertProvider("x", "test", "slack", "general", "flagger", server.url() + "/broken", "",
                Optional.empty());
        assertThatThrownBy(() -> factory.forProvider(broken, null).post(INFO))
                .isInstanceOf(NotifyException.class).hasMessage("sending notification bad response 500: internal");
        assertThatThrownBy(() -> factory.forProvider(provider("pagerduty"), null)).hasMessageContaining("provider pagerduty not supported");
        AlertProvider noAddress = new AlertProvider("x", "test", "slack", "general", "flagger", "", "", Optional.of("s"));
        assertThatThrownBy(() -> factory.forProvider(noAddress, Map.of())).hasMessageContaining("has no address");
        assertThat(factory.forProvider(noAddress, Map.of("address", server.url() + "/hook"))).isNotNull();
        assertThatThrownBy(() -> factory.forProvider(new AlertProvider("x", "test", "slack", "general", "", server.url(), "",
                Optional.empty()), null)).hasMessage("empty Slack username");
        assertThatThrownBy(() -> factory.global("slack", "file:///tmp/x", "", "", "u", "c")).hasMessageContaining("must be an http or https URL");
        assertThat(factory.global("slack", "", "", "", "", "")).isInstanceOf(NopNotifier.class);
    }

    @Test
    void severityFilter() {
        AlertRef info = new AlertRef("all", AlertSeverity.INFO, new CrossNamespaceRef("", "", "p", ""));
        AlertRef warn = new AlertRef("warn", AlertSeverity.WARN, new CrossNamespaceRef("", "", "p", ""));
        AlertRef error = new AlertRef("err", AlertSeverity.ERROR, new CrossNamespaceRef("", "", "p", ""));
        List<AlertRef> all = List.of(info, warn, error);
        assertThat(Severities.recipients(all, AlertSeverity.INFO)).containsExactly(info);
        assertThat(Severities.recipients(all, AlertSeverity.WARN)).containsExactly(info, warn);
        assertThat(Severities.recipients(all, AlertSeverity.ERROR)).containsExactly(info, warn, error);
    }
}
