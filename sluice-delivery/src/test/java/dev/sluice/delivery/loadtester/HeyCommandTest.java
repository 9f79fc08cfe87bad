package dev.sluice.delivery.loadtester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HeyCommandTest {

    @Test
    void flaggersUsualCommand() {
        HeyCommand c = HeyCommand.parse("hey -z 1m -q 10 -c 2 http://podinfo-canary.test:9898/");
        assertThat(c.url()).isEqualTo(URI.create("http://podinfo-canary.test:9898/"));
        assertThat(c.duration()).contains(Duration.ofMinutes(1));
        assertThat(c.ratePerWorker()).isEqualTo(10);
        assertThat(c.concurrency()).isEqualTo(2);
        assertThat(c.method()).isEqualTo("GET");
        assertThat(c.keepAlive()).isTrue();
    }

    @Test
    void everyFlagWithShellQuoting() {
        HeyCommand c = HeyCommand.parse("/usr/local/bin/hey -n 20 -c 4 -m post -H 'X-Canary: insider' "
                + "-H \"Cookie: a=\\\"b\\\"\" -host app.example.com -d '{\"k\": 1}' -T application/json -t 3 "
                + "-disable-keepalive http://podinfo.test/api");
        assertThat(c.duration()).isEqualTo(Optional.empty());
        assertThat(c.requests()).isEqualTo(20);
        assertThat(c.method()).isEqualTo("POST");
        assertThat(c.headers()).isEqualTo(Map.of("X-Canary", "insider", "Cookie", "a=\"b\""));
        assertThat(c.host()).isEqualTo("app.example.com");
        assertThat(c.body()).isEqualTo("{\"k\": 1}");
        assertThat(c.contentType()).isEqualTo("application/json");
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.keepAlive()).isFalse();
    }

    @Test
    void clearErrors() {
        assertThatThrownBy(() -> HeyCommand.parse("ghz --insecure podinfo:9999")).hasMessageStartingWith(
                "only hey commands are supported in cmd tasks (got 'ghz')");
        assertThatThrownBy(() -> HeyCommand.parse("hey -z 1m")).hasMessageContaining("needs the URL");
        assertThatThrownBy(() -> HeyCommand.parse("hey -c 0 http://x/")).hasMessage(
                "hey flag -c must be a whole number above 0, got '0'");
        assertThatThrownBy(() -> HeyCommand.parse("hey -z soon http://x/")).hasMessageContaining("hey flag -z");
        assertThatThrownBy(() -> HeyCommand.parse("hey -o csv http://x/")).hasMessageContaining("hey flag -o is not supported");
        assertThatThrownBy(() -> HeyCommand.parse("hey -n 2 -c 5 http://x/")).hasMessage("hey -n 2 cannot be less than -c 5");
        assertThatThrownBy(() -> HeyCommand.parse("hey file:///etc/passwd")).hasMessageContaining("must be an http or https URL");
        assertThatThrownBy(() -> HeyCommand.parse("hey -H 'oops http://x/")).hasMessageContaining("unterminated");
    }
}
