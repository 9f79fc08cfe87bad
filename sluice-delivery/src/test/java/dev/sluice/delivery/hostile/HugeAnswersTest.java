package dev.sluice.delivery.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.flagger.AlertProvider;
import dev.sluice.api.flagger.HookType;
import dev.sluice.api.flagger.MetricTemplate;
import dev.sluice.api.flagger.WebhookSpec;
import dev.sluice.delivery.metrics.MetricException;
import dev.sluice.delivery.metrics.MetricProviderFactory;
import dev.sluice.delivery.net.HttpClients;
import dev.sluice.delivery.net.TestServer;
import dev.sluice.delivery.notify.Notification;
import dev.sluice.delivery.notify.NotifierFactory;
import dev.sluice.delivery.notify.NotifyException;
import dev.sluice.delivery.webhook.WebhookPayload;
import dev.sluice.delivery.webhook.WebhookResult;
import dev.sluice.delivery.webhook.http.HttpWebhookClient;
import dev.sluice.delivery.webhook.http.WebhookSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Answers of 50 MiB, streamed by a local server, to every outbound client Sluice has: webhooks,
 * metric providers and notifiers read at most their cap, fail (or pass) with a message short enough
 * for an event, and the heap is none the worse. A hostile hook answering megabytes on every analysis
 * must not fill the event store either: the quoted part is bounded.
 */
class HugeAnswersTest {

    private static final long FIFTY_MIB = 50L << 20;

    private final TestServer server;
    private final HttpClients clients = HttpClients.defaults();

    HugeAnswersTest() throws Exception {
        server = new TestServer();
    }

    @AfterEach
    void close() {
        server.close();
        clients.close();
        Runtime rt = Runtime.getRuntime();
        System.gc();
        assertThat(rt.totalMemory() - rt.freeMemory()).as("heap in use after 50 MiB answers").isLessThan(rt.maxMemory() / 2);
    }

    @Test
    void webhookAnsweringFiftyMebibytes() {
        server.stream("/fail", 500, FIFTY_MIB).stream("/pass", 200, FIFTY_MIB);
        var client = new HttpWebhookClient(clients, WebhookSettings.DEFAULTS, d -> { });
        var payload = new WebhookPayload("podinfo", "test", "Progressing", "1", Map.of());
        WebhookResult failed = client.call(hook("/fail"), payload);
        assertThat(failed).isInstanceOf(WebhookResult.Failed.class);
        assertThat(((WebhookResult.Failed) failed).message()).hasSizeLessThan(WebhookResult.Failed.MAX_MESSAGE + 100);
        assertThat(client.call(hook("/pass"), payload).isPassed()).isTrue();
    }

    @Test
    void prometheusAnsweringFiftyMebibytes() throws Exception {
        server.stream("/ok/api/v1/query", 200, FIFTY_MIB).stream("/err/api/v1/query", 500, FIFTY_MIB);
        var factory = new MetricProviderFactory(clients, Clock.systemUTC(), Duration.ofSeconds(20));
        for (String path : List.of("/ok", "/err")) {
            var template = new MetricTemplate("t", "test", "prometheus", server.url() + path, Map.of(), Optional.empty(), "", false, "q");
            var provider = factory.forTemplate(template, null, "1m");
            assertThatThrownBy(() -> provider.query("sum(up)")).isInstanceOf(MetricException.class)
                    .satisfies(e -> assertThat(e.getMessage()).startsWith("prometheus").hasSizeLessThan(1_200));
        }
    }

    @Test
    void notifierAnsweredWithFiftyMebibytes() throws Exception {
        server.stream("/hook", 500, FIFTY_MIB);
        var provider = new AlertProvider("on-call", "flagger", "webhook", "", "", server.url() + "/hook", "", Optional.empty());
        var notifier = new NotifierFactory(clients).forProvider(provider, null);
        assertThatThrownBy(() -> notifier.post(new Notification("podinfo", "test", "Canary failed", List.of(), dev.sluice.api.flagger.AlertSeverity.ERROR)))
                .isInstanceOf(NotifyException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(1_200));
    }

    private WebhookSpec hook(String path) {
        return new WebhookSpec("load-test", HookType.PRE_ROLLOUT, server.url() + path, Duration.ofSeconds(20), 0, Map.of(),
                false, false);
    }
}
