package dev.sluice.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.cluster.EventRecord;
import dev.sluice.delivery.observe.AnalysisTick;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in a real browser (Debian's chromium through playwright-core) against the API
 * server over a real EmbeddedCluster: the overview loads without console errors, the dependency
 * graph is drawn, a canary chart gains points while ticks are recorded, an action without the
 * token shows 401, with the token it writes the Canary's annotation, and a gate is approved.
 * Screenshots are kept under {@code target/browser-screenshots}.
 */
class DashboardE2E {

    private final List<String> gateCalls = new CopyOnWriteArrayList<>();
    private DashboardServer server;

    @BeforeEach
    void start() throws Exception {
        BrowserHarness.requireTools();
        WorkloadStats stats = new WorkloadStats() {
            @Override
            public boolean meshed(String namespace, String deployment) {
                return true;
            }

            @Override
            public Optional<Golden> golden(String namespace, String deployment, Duration window) {
                return deployment.equals("face") ? Optional.of(new Golden(81.5, 2.3, 2.0, 4.0, 5.0, null)) : Optional.empty();
            }
        };
        server = new DashboardServer(stats, (canary, webhook, url) -> {
            gateCalls.add(canary.name() + "/" + webhook);
            return "gate opened for " + canary.name() + "." + canary.namespace();
        });
        // Two ticks already recorded when the page opens.
        record(5, 99.0);
        record(10, 98.0);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void record(int weight, double successRate) {
        server.clock.advance(Duration.ofSeconds(10));
        String message = "Advance face.faces canary weight " + weight;
        AnalysisTick t = Fixtures.tick("face", server.clock.instant(), "hash-b", "Progressing", weight, 0, successRate,
                40 + weight, List.of(message));
        server.cluster.recordEvent(EventRecord.normal(Fixtures.canaryKey("face"), "Synced", message, "flagger", t.at()));
        server.ticks.record(t);
    }

    @Test
    void dashboardInChromium() throws Exception {
        Path shots = Path.of("target/browser-screenshots").toAbsolutePath();
        Map<String, String> env = Map.of("SLUICE_URL", server.url(), "SLUICE_TOKEN", DashboardServer.TOKEN,
                "SHOT_DIR", shots.toString(), "CHROMIUM", BrowserHarness.CHROMIUM.toString());

        BrowserHarness.Run run = BrowserHarness.run("dashboard.mjs", env, 180, line -> {
            if (line.startsWith("READY ")) {
                // The canary page is open: record ticks as the canary reconciler would, 10 s apart.
                record(15, 97.0);
                record(20, 96.0);
                record(25, 95.5);
                record(30, 95.0);
            }
        });

        assertThat(run.lines()).as("browser output").contains("OK");
        assertThat(run.exitCode()).isZero();
        // Points grew on the open page without a reload: 2 before, 6 after.
        String points = run.lines().stream().filter(l -> l.startsWith("POINTS ")).findFirst().orElseThrow();
        String[] p = points.split(" ");
        assertThat(Integer.parseInt(p[2])).isGreaterThanOrEqualTo(Integer.parseInt(p[1]) + 3);
        assertThat(Integer.parseInt(p[1])).isEqualTo(2);
        // No console errors at all, except the browser's own report of the refused (401) action.
        List<String> console = run.lines().stream().filter(l -> l.startsWith("CONSOLE ")).toList();
        assertThat(console).allSatisfy(l -> assertThat(l).contains("status of 401"));
        int firstAction = run.lines().indexOf("STEP unauthorized");
        assertThat(run.lines().subList(0, firstAction)).noneMatch(l -> l.startsWith("CONSOLE "));

        assertThat(server.cluster.get(Fixtures.canaryKey("face")).orElseThrow().annotations())
                .hasEntrySatisfying("sluice.dev/requested-action", v -> assertThat(v).startsWith("promote@"));
        assertThat(gateCalls).containsExactly("faces-gui/approve-promotion");
        assertThat(shots.resolve("overview.png")).exists();
        assertThat(shots.resolve("canary-live.png")).exists();
        assertThat(shots.resolve("unauthorized.png")).exists();
    }
}
