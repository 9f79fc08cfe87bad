package dev.sluice.delivery.webhook.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Json;
import dev.sluice.api.flagger.HookType;
import dev.sluice.api.flagger.WebhookSpec;
import dev.sluice.delivery.net.HttpClients;
import dev.sluice.delivery.net.HttpProxy;
import dev.sluice.delivery.net.TestServer;
import dev.sluice.delivery.webhook.WebhookPayload;
import dev.sluice.delivery.webhook.WebhookResult;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpWebhookClientTest {

    static final WebhookPayload PAYLOAD = new WebhookPayload("podinfo", "test", "Progressing", "1234",
            Map.of("cmd", "hey -z 1m http://podinfo-canary.test:9898/"));

    private final TestServer server;
    private final HttpClients clients = HttpClients.defaults();
    private final List<Duration> waits = new ArrayList<>();
    private final HttpWebhookClient client;

    HttpWebhookClientTest() throws Exception {
        server = new TestServer();
        client = new HttpWebhookClient(clients, WebhookSettings.DEFAULTS, waits::add);
    }

    @AfterEach
    void close() {
        server.close();
        clients.close();
    }

    private WebhookSpec hook(String path, int retries, Duration timeout) {
        return new WebhookSpec("gate", HookType.CONFIRM_ROLLOUT, server.url() + path, timeout, retries, Map.of(), false, false);
    }

    @Test
    void postsThePayloadAndPassesUpTo202() {
        server.once("/hook", 200, "").once("/hook", 202, "accepted").once("/hook", 204, "");
        assertThat(client.call(hook("/hook", 0, Duration.ofSeconds(5)), PAYLOAD)).isEqualTo(new WebhookResult.Passed(200));
        TestServer.Request req = server.last();
        assertThat(req.method()).isEqualTo("POST");
        assertThat(req.header("Content-Type")).isEqualTo("application/json");
        assertThat(Json.parseObject(req.body())).isEqualTo(Json.parseObject("""
                {"name":"podinfo","namespace":"test","phase":"Progressing","checksum":"1234",
                 "metadata":{"cmd":"hey -z 1m http://podinfo-canary.test:9898/"}}"""));
        assertThat(client.call(hook("/hook", 0, Duration.ofSeconds(5)), PAYLOAD)).isEqualTo(new WebhookResult.Passed(202));
        assertThat(client.call(hook("/hook", 0, Duration.ofSeconds(5)), PAYLOAD)).as("204 is above 202, as Flagger")
                .isEqualTo(WebhookResult.failed(""));
    }

    @Test
    void aRefusalIsNotRetriedAndItsBodyIsTheError() {
        server.always("/gate", 403, "Forbidden");
        assertThat(client.call(hook("/gate", 3, Duration.ofSeconds(5)), PAYLOAD)).isEqualTo(WebhookResult.failed("Forbidden"));
        assertThat(server.requests()).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() {
        server.once("/hook", 500, "oops").once("/hook", 502, "bad gateway").once("/hook", 200, "ok");
        assertThat(client.call(hook("/hook", 2, Duration.ofSeconds(5)), PAYLOAD)).isEqualTo(new WebhookResult.Passed(200));
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));

        server.always("/down", 503, "boom");
        assertThat(client.call(hook("/down", 1, Duration.ofSeconds(5)), PAYLOAD))
                .isEqualTo(WebhookResult.failed("boom (giving up after 2 attempts)"));
        server.always("/todo", 501, "not implemented");
        assertThat(client.call(hook("/todo", 2, Duration.ofSeconds(5)), PAYLOAD)).isEqualTo(WebhookResult.failed("not implemented"));
    }

    @Test
    void timeoutsAndRefusedConnectionsAreFailures() throws Exception {
        server.hang("/slow");
        WebhookResult slow = client.call(hook("/slow", 0, Duration.ofMillis(300)), PAYLOAD);
        assertThat(((WebhookResult.Failed) slow).message()).isEqualTo("POST " + server.url() + "/slow: timed out after 300ms");
        int closedPort;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        var refused = new WebhookSpec("x", HookType.ROLLOUT, "http://127.0.0.1:" + closedPort + "/", Duration.ofSeconds(2),
                0, Map.of(), false, false);
        assertThat(((WebhookResult.Failed) client.call(refused, PAYLOAD)).message()).contains("connection refused");
    }

    @Test
    void aHugeAnswerIsReadOnlyUpToTheCap() {
        server.stream("/huge", 500, 50L << 20);
        WebhookResult r = client.call(hook("/huge", 0, Duration.ofSeconds(20)), PAYLOAD);
        String message = ((WebhookResult.Failed) r).message();
        // read up to the 1 MiB cap, quoted (in events and conditions) up to 4096 characters
        assertThat(message).endsWith(" more characters)");
        assertThat(message.length()).isLessThanOrEqualTo(WebhookResult.Failed.MAX_MESSAGE + 40);
    }

    @Test
    void redirectsAreFollowedAsGoFollowsThemAndOnlyToHttp() {
        server.always("/old", r -> new TestServer.Answer(307, "", Map.of("Location", "/new")));
        server.always("/new", 200, "");
        assertThat(client.call(hook("/old", 0, Duration.ofSeconds(5)), PAYLOAD).isPassed()).isTrue();
        assertThat(server.last().method()).isEqualTo("POST");
        assertThat(server.last().body()).contains("\"podinfo\"");

        server.always("/moved", r -> new TestServer.Answer(302, "", Map.of("Location", "/new")));
        client.call(hook("/moved", 0, Duration.ofSeconds(5)), PAYLOAD);
        assertThat(server.last().method()).as("302 turns a POST into a GET").isEqualTo("GET");

        server.always("/loop", r -> new TestServer.Answer(302, "", Map.of("Location", "/loop")));
        assertThat(((WebhookResult.Failed) client.call(hook("/loop", 0, Duration.ofSeconds(5)), PAYLOAD)).message())
                .endsWith("stopped after 10 redirects");
        server.always("/file", r -> new TestServer.Answer(302, "", Map.of("Location", "file:///etc/passwd")));
        assertThat(((WebhookResult.Failed) client.call(hook("/file", 0, Duration.ofSeconds(5)), PAYLOAD)).message())
                .contains("redirect to 'file:///etc/passwd' refused");
    }

    @Test
    void refusesNonHttpUrls() {
        var file = new WebhookSpec("x", HookType.ROLLOUT, "file:///etc/passwd", Duration.ofSeconds(1), 0, Map.of(), false, false);
        assertThat(client.call(file, PAYLOAD)).isEqualTo(WebhookResult.failed(
                "webhook x url 'file:///etc/passwd' must be an http or https URL; the scheme 'file' is refused"));
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void clusterInternalHostsGoThroughTheMeshProxyInAbsoluteForm() {
        server.always("/", 200, "");
        var proxied = new HttpWebhookClient(clients, WebhookSettings.DEFAULTS.withProxy(new HttpProxy(
                new InetSocketAddress("127.0.0.1", server.port()), HttpProxy::looksClusterInternal)), waits::add);
        var hook = new WebhookSpec("load", HookType.ROLLOUT, "http://flagger-loadtester.flagger-system/",
                Duration.ofSeconds(5), 0, Map.of(), false, false);
        assertThat(proxied.call(hook, PAYLOAD).isPassed()).isTrue();
        assertThat(server.last().uri()).isEqualTo("http://flagger-loadtester.flagger-system/");
        assertThat(HttpProxy.looksClusterInternal("podinfo-canary.test")).isTrue();
        assertThat(HttpProxy.looksClusterInternal("hooks.slack.com")).isFalse();
        assertThat(HttpProxy.looksClusterInternal("example.com")).isFalse();
    }
}
