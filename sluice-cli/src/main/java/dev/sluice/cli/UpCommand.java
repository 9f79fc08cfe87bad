package dev.sluice.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Condition;
import dev.sluice.api.Conditions;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.server.context.ServerContext;
import dev.sluice.server.embedded.EmbeddedConfig;
import dev.sluice.server.embedded.EmbeddedRuntime;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice up}: embedded mode — store, controllers, workloads, mesh, API and dashboard on this
 * machine, syncing a Git repository. {@code --once} reconciles until every Kustomization and HelmRelease
 * is Ready or has failed, prints them and exits 0 only if all are Ready (GitOps checks in CI without a cluster).
 */
@Command(name = "up", description = {
        "Run embedded mode: the whole GitOps and progressive-delivery loop on this machine, no cluster.",
        "Other commands (get, reconcile, events, ...) talk to it; restarting with the same --state-dir resumes."})
final class UpCommand implements Callable<Integer> {

    /** Reasons after which a Kustomization will not become Ready without a change. */
    static final Set<String> FAILED = Set.of("BuildFailed", "ReconciliationFailed", "HealthCheckFailed", "InvalidSpec",
            "PruneFailed");

    @Option(names = "--repo", paramLabel = "PATH|URL", description = "The Git repository to sync (a local path or a URL).")
    String repo;

    @Option(names = "--branch", defaultValue = "main", description = "Its branch (default: ${DEFAULT-VALUE}).")
    String branch;

    @Option(names = "--path", paramLabel = "PATH", description = "The cluster's path in it (default: the only directory under clusters/, else the root).")
    String path;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Where state is kept (default: ~/.sluice/state).")
    Path stateDir;

    @Option(names = "--port", defaultValue = "9494", description = "API and dashboard port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--mesh-port", defaultValue = "0", description = "The mesh proxy's port (default: any free port).")
    int meshPort;

    @Option(names = "--once", description = "Reconcile until every Kustomization and HelmRelease is Ready or failed, print them, exit.")
    boolean once;

    @Option(names = "--timeout", defaultValue = "5m", description = "With --once: how long to wait (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = {"-o", "--output"}, defaultValue = "table", description = "With --once: table or json.")
    String output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path state = stateDir != null ? stateDir : ServerContext.home().resolve("state");
        EmbeddedConfig config = EmbeddedConfig.defaults(state)
                .withApi(new InetSocketAddress("127.0.0.1", port)).withMeshPort(meshPort);
        if (repo != null) {
            checkLocalRepository(repo);
            config = config.withRepo(repo, branch, path != null ? path : defaultPath(repo));
        }
        PrintWriter out = spec.commandLine().getOut();
        try (EmbeddedRuntime runtime = EmbeddedRuntime.start(config)) {
            if (once) {
                return once(runtime, dev.sluice.api.GoDuration.parse(timeout), out);
            }
            out.println("Sluice is running in embedded mode.");
            out.println("  API and dashboard: " + runtime.dashboardUrl());
            out.println("  mesh proxy:        http://127.0.0.1:" + runtime.mesh().port() + "/  (Host: <service>.<namespace>)");
            out.println("  metrics:           " + runtime.apiUrl() + "/metrics");
            out.println("  token for changes: " + state.resolve("token") + " (mode 0600)");
            out.println("  state:             " + state);
            out.println("Try: ./sluice get ks -A    ./sluice get canaries -A -w    Ctrl-C stops.");
            out.flush();
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop.countDown();
                runtime.close();
            }));
            stop.await();
        }
        return 0;
    }

    /** A local {@code --repo} must be a Git repository: say so now rather than retry a fetch that cannot work. */
    static void checkLocalRepository(String repo) {
        if (repo.contains("://") || repo.contains("@") && repo.contains(":")) {
            return; // a URL or scp-like address: the GitRepository reports its own errors
        }
        Path dir = Path.of(repo).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new UserException("--repo " + repo + ": no such directory; expected a Git repository (a local path or a URL)");
        }
        boolean git = Files.exists(dir.resolve(".git")) || Files.isRegularFile(dir.resolve("HEAD")) && Files.isDirectory(dir.resolve("objects"));
        if (!git) {
            throw new UserException("--repo " + repo + ": " + dir + " is not a Git repository (no .git); Sluice syncs commits, "
                    + "so make it one first (git init -b main && git add -A && git commit -m init) or pass the repository's root");
        }
    }

    /** {@code clusters/<only-one>} when the repository has exactly one cluster directory, else the root. */
    static String defaultPath(String repo) {
        Path clusters = Path.of(repo).resolve("clusters");
        if (!repo.contains("://") && Files.isDirectory(clusters)) {
            try (Stream<Path> dirs = Files.list(clusters)) {
                List<Path> d = dirs.filter(Files::isDirectory).toList();
                if (d.size() == 1) {
                    return "./clusters/" + d.get(0).getFileName();
                }
            } catch (java.io.IOException e) {
                return "./";
            }
        }
        return "./";
    }

    private int once(EmbeddedRuntime runtime, Duration timeout, PrintWriter out) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        List<KubeObject> ks = List.of();
        List<KubeObject> hrs = List.of();
        while (Instant.now().isBefore(deadline)) {
            ks = list(runtime, KindView.KUSTOMIZATIONS);
            hrs = list(runtime, KindView.HELM_RELEASES);
            if (!ks.isEmpty() && ks.stream().allMatch(k -> settled(k, runtime.cluster()))
                    && hrs.stream().allMatch(UpCommand::releaseSettled)) {
                break;
            }
            Thread.sleep(200);
        }
        boolean allReady = !ks.isEmpty() && Stream.concat(ks.stream(), hrs.stream())
                .allMatch(k -> ready(k).map(Condition::isTrue).orElse(false));
        if (output.equals("json")) {
            ObjectNode n = Json.object().put("ready", allReady);
            items(n.putArray("kustomizations"), ks, k -> k.status().path("lastAppliedRevision").asText(""));
            items(n.putArray("helmReleases"), hrs, h -> h.status().path("history").path(0).path("chartVersion")
                    .asText(h.status().path("lastAttemptedRevision").asText("")));
            out.println(Json.writePretty(n));
        } else {
            print(out, KindView.KUSTOMIZATIONS, ks);
            if (!hrs.isEmpty()) {
                out.println();
                print(out, KindView.HELM_RELEASES, hrs);
            }
        }
        out.flush();
        return allReady ? 0 : 1;
    }

    private static void items(ArrayNode items, List<KubeObject> objects, java.util.function.Function<KubeObject, String> revision) {
        for (KubeObject k : objects) {
            Condition c = ready(k).orElse(null);
            items.addObject().put("namespace", k.namespace()).put("name", k.name())
                    .put("ready", c == null ? "Unknown" : c.status()).put("reason", c == null ? "" : c.reason())
                    .put("message", c == null ? "" : c.message())
                    .put("revision", revision.apply(k));
        }
    }

    private static void print(PrintWriter out, KindView view, List<KubeObject> objects) {
        Table t = new Table(view.headers(false, true));
        objects.forEach(k -> t.row(view.cells(k, false, true)));
        t.print(out);
    }

    private static List<KubeObject> list(EmbeddedRuntime runtime, KindView view) {
        return runtime.cluster().list(view.kind(), "", LabelSelector.everything()).stream()
                .sorted(Comparator.comparing(KubeObject::namespace).thenComparing(KubeObject::name)).toList();
    }

    /** A HelmRelease is settled when Ready, or not Ready and Stalled (its retries are used up). */
    static boolean releaseSettled(KubeObject hr) {
        Condition c = ready(hr).orElse(null);
        if (c == null || hr.status().path("observedGeneration").asLong() != hr.generation()) {
            return false;
        }
        return c.isTrue() || c.isFalse() && Conditions.find(hr.status(), "Stalled").map(Condition::isTrue).orElse(false);
    }

    private static java.util.Optional<Condition> ready(KubeObject k) {
        return Conditions.find(k.status(), "Ready");
    }

    /** Ready, or failed in a way that waiting will not fix (its own build, or its source's fetch). */
    static boolean settled(KubeObject k, dev.sluice.cluster.Cluster cluster) {
        Condition c = ready(k).orElse(null);
        if (c == null || k.status().path("observedGeneration").asLong() != k.generation()) {
            return false;
        }
        if (c.isTrue() || c.isFalse() && (FAILED.contains(c.reason()) || c.message().contains("circular dependency"))) {
            return true;
        }
        if (c.isFalse() && c.reason().equals("ArtifactFailed")) {
            var ref = k.spec().path("sourceRef");
            return cluster.get(dev.sluice.api.ObjectKey.of(dev.sluice.api.ResourceTypes.SOURCE, ref.path("kind").asText(),
                            ref.path("namespace").asText(k.namespace()), ref.path("name").asText()))
                    .map(src -> Conditions.find(src.status(), "Ready").map(Condition::isFalse).orElse(false)
                            && Conditions.find(src.status(), "Reconciling").map(x -> !x.isTrue()).orElse(true))
                    .orElse(true);
        }
        return false;
    }
}
