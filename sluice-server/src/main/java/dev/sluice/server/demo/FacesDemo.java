package dev.sluice.server.demo;

import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.cluster.EventRecord;
import dev.sluice.server.embedded.EmbeddedConfig;
import dev.sluice.server.embedded.EmbeddedRuntime;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The seeds' workshop, played for real on embedded mode: bootstrap from Git, a bad release that
 * rolls back (and leaves Git differing from what runs), a good release that is promoted, and an A/B
 * test of the GUI's colour by header. Every change is a Git commit; nothing is faked.
 */
public final class FacesDemo implements AutoCloseable {

    static final String NS = "faces";
    static final List<String> SERVICES = List.of("face", "smiley", "color");
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(90);
    /** The canaries' metric interval in examples/faces, plus a second of margin. */
    static final Duration METRIC_WINDOW = Duration.ofSeconds(11);

    private final DemoRepository repo;
    private final EmbeddedRuntime runtime;
    private final DemoListener listener;
    private final List<DemoResult.Outcome> outcomes = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final com.fasterxml.jackson.databind.node.ObjectNode drift = dev.sluice.api.Json.object();
    private final List<String> revertCommits = new ArrayList<>();
    private final boolean writeBack;
    private final Instant start = Instant.now();

    private FacesDemo(DemoRepository repo, EmbeddedRuntime runtime, DemoListener listener, boolean writeBack) {
        this.repo = repo;
        this.writeBack = writeBack;
        this.runtime = runtime;
        this.listener = listener;
    }

    /**
     * Creates the repository under {@code workDir} and starts embedded mode on it.
     *
     * @param port      the API and dashboard port (0 = any free port)
     * @param writeBack after the failed release, write Sluice's revert back to Git (direct mode)
     */
    public static FacesDemo start(Path workDir, int port, DemoListener listener, boolean writeBack)
            throws IOException, InterruptedException {
        DemoRepository repo = DemoRepository.create(workDir.resolve("gitops-faces"));
        EmbeddedConfig config = EmbeddedConfig.defaults(workDir.resolve("state"))
                .withApi(new InetSocketAddress("127.0.0.1", port))
                .withRepo(repo.dir().toString(), "main", "./clusters/local")
                .withMinInterval(Duration.ofSeconds(1));
        listener.step("starting embedded mode on " + repo.dir() + " (store, controllers, workloads, mesh)");
        return new FacesDemo(repo, EmbeddedRuntime.start(config), listener, writeBack);
    }

    public EmbeddedRuntime runtime() {
        return runtime;
    }

    public Path repository() {
        return repo.dir();
    }

    /** Plays the whole workshop; returns what happened. */
    public DemoResult run() throws IOException, InterruptedException {
        bootstrap();
        badRelease();
        if (writeBack) {
            new DemoWriteBack(repo, runtime, listener, outcomes, notes).run(SERVICES).forEach(revertCommits::add);
        }
        goodRelease();
        abTest();
        return new DemoResult(outcomes, notes, Duration.between(start, Instant.now()).toSeconds(), drift, revertCommits);
    }

    private void bootstrap() throws InterruptedException {
        listener.step("bootstrap: Kustomizations flagger, ingress-nginx -> apps; canaries initialize");
        Instant t0 = Instant.now();
        Map<String, String> phases = waitFor(List.of("face", "smiley", "color", "faces-gui"), Map.of(), Duration.ofSeconds(120),
                phase -> phase.equals("Initialized"));
        for (var e : phases.entrySet()) {
            outcomes.add(new DemoResult.Outcome("bootstrap", NS + "/" + e.getKey(), "Initialized", e.getValue(),
                    Duration.between(t0, Instant.now()).toSeconds(), ""));
        }
    }

    private void badRelease() throws IOException, InterruptedException {
        Map<String, String> before = specs(SERVICES);
        for (String s : SERVICES) {
            repo.setEnv("apps/faces/faces.yaml", s, "ERROR_FRACTION", "75");
        }
        String sha = repo.commit("faces: ERROR_FRACTION=75 for face, smiley and color");
        listener.step("commit " + sha.substring(0, 7) + ": ERROR_FRACTION=75 for face, smiley and color (expect rollback)");
        settle("bad release (ERROR_FRACTION=75)", SERVICES, before, "Failed");
        // Sluice's drift report: which commit introduced the failed spec, and what runs instead.
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        List<String> reports = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        while (Instant.now().isBefore(until) && reports.size() < SERVICES.size()) {
            reports.clear();
            pending.clear();
            for (String s : SERVICES) {
                KubeObject c = canary(s);
                dev.sluice.api.Conditions.find(c == null ? dev.sluice.api.Json.object() : c.status(), "GitDrift")
                        .ifPresent(cond -> (cond.isTrue() ? reports : pending).add(s + ": " + cond.message()));
                if (c != null && c.status().path("gitDrift").path("state").asText().equals("Drifted")) {
                    drift.set(s, c.status().path("gitDrift").deepCopy());
                }
            }
            report();
            Thread.sleep(250);
        }
        String msg = reports.isEmpty()
                ? "Git (commit " + sha.substring(0, 7) + ") still says ERROR_FRACTION=75 while the cluster serves the last "
                        + "promoted version; Sluice's GitDrift report is not ready yet"
                        + (pending.isEmpty() ? "." : ": " + String.join(" | ", pending))
                : "GitDrift (sluice drift -n faces): " + String.join(" | ", reports);
        notes.add(msg);
        listener.note(msg);
    }

    private void goodRelease() throws IOException, InterruptedException {
        // The checks read the last 10s of golden metrics for deployment=~"face": the rolled-back
        // pods' errors must leave that window first, or they would count against the next release.
        listener.step("waiting " + METRIC_WINDOW.toSeconds() + "s for the failed release's traffic to leave the metric window");
        Instant until = Instant.now().plus(METRIC_WINDOW);
        while (Instant.now().isBefore(until)) {
            report();
            Thread.sleep(250);
        }
        Map<String, String> before = specs(SERVICES);
        for (String s : SERVICES) {
            repo.setEnv("apps/faces/faces.yaml", s, "ERROR_FRACTION", "20");
        }
        String sha = repo.commit("faces: ERROR_FRACTION=20 for face, smiley and color");
        listener.step("commit " + sha.substring(0, 7) + ": ERROR_FRACTION=20 (80% success > 70% threshold: expect promotion)");
        settle("good release (ERROR_FRACTION=20)", SERVICES, before, "Succeeded");
    }

    private void abTest() throws IOException, InterruptedException {
        AbProbe probe = new AbProbe(runtime);
        String oldColor = probe.color("normaluser");
        Map<String, String> before = specs(List.of("faces-gui"));
        repo.setEnv("apps/faces/faces-gui.yaml", "faces-gui", "COLOR", "lightblue");
        String sha = repo.commit("faces-gui: COLOR=lightblue");
        listener.step("commit " + sha.substring(0, 7) + ": faces-gui COLOR=lightblue (A/B test: only x-faces-user: testuser sees it)");
        Instant t0 = Instant.now();
        String split = "";
        // While the test runs, the header decides who sees the new colour.
        while (split.isEmpty() && Instant.now().isBefore(t0.plus(STEP_TIMEOUT)) && !terminal(phase("faces-gui"), before)) {
            if (phase("faces-gui").equals("Progressing") && canaryIteration("faces-gui") >= 1) {
                String tester = probe.color("testuser");
                String other = probe.color("normaluser");
                if (!tester.equals(other) && !tester.startsWith("error") && !other.startsWith("error")) {
                    split = "during the test testuser saw " + tester + " while others saw " + other + " (was " + oldColor + ")";
                }
            }
            report();
            Thread.sleep(250);
        }
        listener.note(split.isEmpty() ? "the A/B split was not observed while the test ran" : split);
        settle("A/B test (COLOR for testuser)", List.of("faces-gui"), before, "Succeeded");
        DemoResult.Outcome last = outcomes.remove(outcomes.size() - 1);
        outcomes.add(new DemoResult.Outcome(last.scenario(), last.canary(), last.expected(),
                split.isEmpty() && last.actual().equals("Succeeded") ? "Succeeded without an observed split" : last.actual(),
                last.seconds(), split));
    }

    private boolean terminal(String phase, Map<String, String> specsBefore) {
        return (phase.equals("Succeeded") || phase.equals("Failed")) && !specsBefore.get("faces-gui").equals(spec("faces-gui"));
    }

    /** Waits until each canary has a new revision and reaches Succeeded or Failed. */
    private void settle(String scenario, List<String> canaries, Map<String, String> specsBefore, String expected)
            throws InterruptedException {
        Instant t0 = Instant.now();
        Map<String, String> phases = waitFor(canaries, specsBefore, STEP_TIMEOUT,
                p -> p.equals("Succeeded") || p.equals("Failed"));
        for (String c : canaries) {
            String actual = phases.getOrDefault(c, "Timeout");
            outcomes.add(new DemoResult.Outcome(scenario, NS + "/" + c, expected, actual,
                    Duration.between(t0, Instant.now()).toSeconds(), actual.equals(expected) ? "" : why(c, t0)));
        }
    }

    /** The canary's warnings since {@code since}: why an outcome was not the expected one. */
    private String why(String canary, Instant since) {
        return runtime.cluster().events(ObjectKey.of(ResourceTypes.FLAGGER, "Canary", NS, canary)).stream()
                .filter(e -> e.isWarning() && !e.lastTimestamp().isBefore(since))
                .map(EventRecord::message).distinct().reduce((a, b) -> a + "; " + b).orElse("");
    }

    private Map<String, String> waitFor(List<String> canaries, Map<String, String> specsBefore, Duration timeout,
                                        java.util.function.Predicate<String> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, String> result = new HashMap<>();
        while (Instant.now().isBefore(deadline)) {
            result.clear();
            for (String c : canaries) {
                String phase = phase(c);
                boolean newRevision = !specsBefore.containsKey(c) || !specsBefore.get(c).equals(spec(c));
                if (newRevision && done.test(phase)) {
                    result.put(c, phase);
                }
            }
            report();
            if (result.size() == canaries.size()) {
                return result;
            }
            Thread.sleep(250);
        }
        for (String c : canaries) {
            result.putIfAbsent(c, "Timeout (" + phase(c) + ")");
        }
        return result;
    }

    private void report() {
        List<DemoListener.CanaryView> views = new ArrayList<>();
        for (KubeObject c : runtime.cluster().list(dev.sluice.api.GroupKind.of(ResourceTypes.FLAGGER, "Canary"), NS,
                LabelSelector.everything())) {
            var s = c.status();
            var a = c.spec().path("analysis");
            views.add(new DemoListener.CanaryView(c.name(), s.path("phase").asText(""), s.path("canaryWeight").asInt(),
                    s.path("failedChecks").asInt(), a.path("threshold").asInt(1), s.path("iterations").asInt()));
        }
        views.sort(Comparator.comparing(DemoListener.CanaryView::name));
        List<EventRecord> events = new ArrayList<>(runtime.cluster().events(null));
        events.sort(Comparator.comparing(EventRecord::lastTimestamp));
        List<String> recent = events.subList(Math.max(0, events.size() - 6), events.size()).stream()
                .map(e -> e.involved().groupKind().kind() + "/" + e.involved().name() + ": " + e.message().replace('\n', ' '))
                .toList();
        listener.progress(views, recent);
    }

    private KubeObject canary(String name) {
        return runtime.cluster().get(ObjectKey.of(ResourceTypes.FLAGGER, "Canary", NS, name)).orElse(null);
    }

    private String phase(String name) {
        KubeObject c = canary(name);
        return c == null ? "" : c.status().path("phase").asText("");
    }

    private int canaryIteration(String name) {
        KubeObject c = canary(name);
        return c == null ? 0 : c.status().path("iterations").asInt();
    }

    private String spec(String name) {
        KubeObject c = canary(name);
        return c == null ? "" : c.status().path("lastAppliedSpec").asText("");
    }

    private Map<String, String> specs(List<String> names) {
        Map<String, String> out = new HashMap<>();
        names.forEach(n -> out.put(n, spec(n)));
        return out;
    }

    /** The value of an env var in a Deployment's first container, or "" when absent. */
    private String env(String deployment, String name) {
        return runtime.cluster().get(ObjectKey.of("apps", "Deployment", NS, deployment))
                .map(d -> {
                    for (var e : d.at("/spec/template/spec/containers/0/env")) {
                        if (e.path("name").asText().equals(name)) {
                            return e.path("value").asText("");
                        }
                    }
                    return "";
                }).orElse("");
    }

    @Override
    public void close() {
        runtime.close();
        repo.close();
    }
}
