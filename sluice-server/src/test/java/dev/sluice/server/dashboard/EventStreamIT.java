package dev.sluice.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.KubeObject;
import dev.sluice.cluster.EventRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The live stream over a real HTTP connection: ticks, object changes and new events arrive as SSE frames. */
class EventStreamIT {

    private DashboardServer server;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private CompletableFuture<HttpResponse<Stream<String>>> response;

    @BeforeEach
    void start() throws Exception {
        server = new DashboardServer(WorkloadStats.NONE, GateApprover.NONE);
        HttpRequest req = HttpRequest.newBuilder(URI.create(server.url() + "/api/sluice/v1/stream")).GET().build();
        response = HttpClient.newHttpClient().sendAsync(req, HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> r.body().forEach(lines::add));
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains(": connected"));
    }

    @AfterEach
    void stop() {
        server.close();
        response.cancel(true);
    }

    private boolean received(String event, String dataFragment) {
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).equals("event: " + event) && lines.get(i + 1).contains(dataFragment)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void ticksObjectsAndEventsArriveLive() throws Exception {
        assertThat(response.get().headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");

        server.ticks.record(Fixtures.tick("face", Fixtures.T0, "hash-b", "Progressing", 25, 0, 99, 40, List.of()));
        await().atMost(Duration.ofSeconds(10)).until(() -> received("tick", "\"canaryWeight\":25"));

        KubeObject face = server.cluster.get(Fixtures.canaryKey("face")).orElseThrow();
        server.cluster.update(face.edit(n -> n.withObjectProperty("metadata").withObjectProperty("labels").put("x", "y")));
        await().atMost(Duration.ofSeconds(10)).until(() -> received("object", "\"kind\":\"Canary\",\"namespace\":\"faces\",\"name\":\"face\""));

        server.cluster.recordEvent(EventRecord.warning(Fixtures.canaryKey("face"), "Synced",
                "Halt face.faces advancement success rate 60.00% < 70%", "flagger", Fixtures.T0));
        await().atMost(Duration.ofSeconds(15)).until(() -> received("event", "Halt face.faces advancement"));
    }
}
