package dev.sluice.local.runtime.exec;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.sluice.local.runtime.spec.ProbeSpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultProberIT {

    static final Duration TIMEOUT = Duration.ofSeconds(1);

    @TempDir
    Path dir;
    HttpServer server;
    final DefaultProber prober = new DefaultProber();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/", e -> {
            int code = switch (e.getRequestURI().getPath()) {
                case "/ok", "/readyz" -> 200;
                case "/moved" -> 302;
                case "/header" -> "yes".equals(e.getRequestHeaders().getFirst("X-Check")) ? 200 : 500;
                default -> 500;
            };
            e.sendResponseHeaders(code, -1);
            e.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    ProbeTarget target(boolean builtin) {
        int port = server.getAddress().getPort();
        return new ProbeTarget(port, Map.of("http", port), Map.of("FLAG", "1"), dir, builtin);
    }

    boolean probe(ProbeSpec.Action action, boolean builtin) {
        return prober.probe(action, target(builtin), TIMEOUT).join();
    }

    @Test
    void httpGetPassesOn2xxAnd3xxOnly() {
        assertThat(probe(new ProbeSpec.HttpGet("/ok", "http", Map.of()), false)).isTrue();
        assertThat(probe(new ProbeSpec.HttpGet("/moved", "http", Map.of()), false)).isTrue();
        assertThat(probe(new ProbeSpec.HttpGet("/broken", "http", Map.of()), false)).isFalse();
        assertThat(probe(new ProbeSpec.HttpGet("/header", "http", Map.of("X-Check", "yes")), false)).isTrue();
    }

    @Test
    void tcpSocketPassesWhenAConnectionOpens() throws Exception {
        assertThat(probe(new ProbeSpec.TcpSocket("http"), false)).isTrue();
        int closed = PortAllocator.ephemeral().allocate();
        assertThat(prober.probe(new ProbeSpec.TcpSocket("x"), new ProbeTarget(closed, Map.of(), Map.of(), dir, false), TIMEOUT).join())
                .isFalse();
    }

    @Test
    void execPassesOnExitZeroSeesTheEnvironmentAndTimesOut() {
        assertThat(probe(new ProbeSpec.Exec(List.of("sh", "-c", "test \"$FLAG\" = 1")), false)).isTrue();
        assertThat(probe(new ProbeSpec.Exec(List.of("sh", "-c", "exit 1")), false)).isFalse();
        assertThat(probe(new ProbeSpec.Exec(List.of("no-such-program-here")), false)).isFalse();
        long start = System.nanoTime();
        assertThat(probe(new ProbeSpec.Exec(List.of("sleep", "5")), false)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void builtinAppsTurnPodcliIntoAnHttpCheck() {
        assertThat(probe(new ProbeSpec.Exec(List.of("podcli", "check", "http", "localhost:9898/readyz")), true)).isTrue();
        assertThat(probe(new ProbeSpec.Exec(List.of("podcli", "check", "http", "localhost:9898/broken")), true)).isFalse();
        assertThat(probe(new ProbeSpec.Exec(List.of("cat", "/tmp/healthy")), true)).as("nothing to exec in: passes").isTrue();
    }
}
