package dev.sluice.delivery.webhook.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.flagger.HookType;
import dev.sluice.api.flagger.MetricTemplate;
import dev.sluice.api.flagger.WebhookSpec;
import dev.sluice.delivery.metrics.MetricException;
import dev.sluice.delivery.metrics.MetricProviderFactory;
import dev.sluice.delivery.metrics.MetricResult;
import dev.sluice.delivery.net.HttpClients;
import dev.sluice.delivery.net.SelfSignedHttps;
import dev.sluice.delivery.net.TestServer;
import dev.sluice.delivery.webhook.WebhookPayload;
import dev.sluice.delivery.webhook.WebhookResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code disableTLS} (webhooks) and {@code insecureSkipVerify} (metric templates) against a self-signed server. */
class DisableTlsTest {

    @TempDir
    Path dir;
    private TestServer server;
    private final HttpClients clients = HttpClients.defaults();

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
        clients.close();
    }

    @Test
    void verificationIsOnUnlessTheUserTurnsItOff() throws Exception {
        server = SelfSignedHttps.start(dir);
        server.always("/hook", 200, "");
        server.always("/api/v1/query", 200, "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"1\"]}}");
        var client = new HttpWebhookClient(clients, WebhookSettings.DEFAULTS, d -> { });
        var payload = new WebhookPayload("p", "t", "Progressing", "", Map.of());
        WebhookResult verified = client.call(new WebhookSpec("h", HookType.ROLLOUT, server.url() + "/hook",
                Duration.ofSeconds(5), 0, Map.of(), false, false), payload);
        assertThat(verified.isPassed()).isFalse();
        assertThat(client.call(new WebhookSpec("h", HookType.ROLLOUT, server.url() + "/hook", Duration.ofSeconds(5), 0,
                Map.of(), false, true), payload).isPassed()).isTrue();

        var factory = new MetricProviderFactory(clients, Clock.systemUTC());
        var strict = new MetricTemplate("t", "ns", "prometheus", server.url(), Map.of(), Optional.empty(), "", false, "q");
        assertThatThrownBy(() -> factory.forTemplate(strict, null, "1m").query("vector(1)")).isInstanceOf(MetricException.class);
        var insecure = new MetricTemplate("t", "ns", "prometheus", server.url(), Map.of(), Optional.empty(), "", true, "q");
        assertThat(factory.forTemplate(insecure, null, "1m").query("vector(1)")).isEqualTo(MetricResult.value(1));
    }
}
