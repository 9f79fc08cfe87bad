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
 * Metric-provider, webhook and notifier URLs come from users' YAML: anything but absolute http(s)
 * is refused before any connection, naming the URL and the refused scheme, so no Canary can make
 * Sluice read local files ({@code file:}), jars or other protocols.
 */
class OutboundUrlSchemesTest {

    private static final List<String> HOSTILE = List.of("file:///etc/passwd", "FILE:///etc/shadow", "jar:file:///app.jar!/x",
            "ftp://example.com/x", "gopher://127.0.0.1:6379/_INFO", "ldap://127.0.0.1/x", "dict://127.0.0.1:11211/stat",
            "netdoc:///etc/passwd", "javascript:alert(1)", "/etc/passwd", "prometheus:9090", "http:///nohost", "", " ");

    private final HttpClients clients = HttpClients.defaults();

    @AfterEach
    void close() {
        clients.close();
    }

    @Test
    void metricProvidersRefuseEveryOtherScheme() {
        var factory = new MetricProviderFactory(clients, Clock.systemUTC());
        for (String type : List.of("prometheus", "graphite", "influxdb", "datadog", "newrelic")) {
            for (String url : HOSTILE) {
                if (url.isBlank() && (type.equals("datadog") || type.equals("newrelic"))) {
                    continue; // these two have a public default address
                }
                var t = new MetricTemplate("t", "test", type, url, Map.of(), Optional.empty(), "", false, "q");
                Map<String, String> creds = Map.of("apiKey", "k", "applicationKey", "a", "newrelic_account_id", "1",
                        "newrelic_query_key", "q", "token", "t", "org", "o");
                assertThatThrownBy(() -> factory.forTemplate(t, creds, "1m").query("up"))
                        .as(type + " " + url).isInstanceOf(MetricException.class)
                        .satisfies(e -> assertThat(e.getMessage()).contains("address").contains("'" + url + "'"));
            }
        }
        assertThatThrownBy(() -> factory.prometheus("file:///etc/passwd")).isInstanceOf(MetricException.class)
                .hasMessageContaining("the scheme 'file' is refused");
    }

    @Test
    void webhooksRefuseEveryOtherScheme() {
        var client = new HttpWebhookClient(clients, WebhookSettings.DEFAULTS, d -> { });
        var payload = new WebhookPayload("podinfo", "test", "Progressing", "1", Map.of());
        for (String url : HOSTILE) {
            var hook = new WebhookSpec("gate", HookType.CONFIRM_ROLLOUT, url, Duration.ofSeconds(1), 3, Map.of(), false, false);
            WebhookResult r = client.call(hook, payload);
            assertThat(r).as(url).isInstanceOf(WebhookResult.Failed.class);
            assertThat(((WebhookResult.Failed) r).message()).contains("webhook gate url").contains("'" + url + "'");
        }
    }

    @Test
    void notifiersRefuseEveryOtherScheme() {
        var factory = new NotifierFactory(clients);
        for (String type : List.of("slack", "msteams", "discord", "rocket", "gchat", "webhook")) {
            for (String url : HOSTILE) {
                if (url.isBlank()) {
                    continue; // no address at all: a separate, explained error
                }
                var p = new AlertProvider("on-call", "flagger", type, "", "", url, "", Optional.empty());
                assertThatThrownBy(() -> factory.forProvider(p, null)).as(type + " " + url)
                        .isInstanceOf(NotifyException.class).hasMessageContaining(url);
            }
            var viaSecret = new AlertProvider("on-call", "flagger", type, "", "", "", "", Optional.of("s"));
            assertThatThrownBy(() -> factory.forProvider(viaSecret, Map.of("address", "file:///etc/passwd")))
                    .isInstanceOf(NotifyException.class).hasMessageContaining("file:///etc/passwd");
        }
    }
}
