package dev.sluice.cli;

import dev.sluice.api.Json;
import dev.sluice.server.demo.DemoListener;
import dev.sluice.server.demo.DemoResult;
import dev.sluice.server.demo.FacesDemo;
import dev.sluice.server.observe.Logging;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice demo}: the Faces workshop of the seeds, for real, on this machine: a Git repository,
 * GitOps, canaries with real HTTP traffic through the mesh, a rollback, a promotion and an A/B test.
 */
@Command(name = "demo", description = {
        "Play the Faces workshop on this machine, no cluster: rollback, promotion, A/B test.",
        "GitOps from a real Git repository: a bad release rolled back, a good one promoted, an A/B",
        "test by header. Exits 0 when every outcome is as expected."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--keep", description = "Leave everything running afterwards and print the URLs (Ctrl-C stops).")
    boolean keep;

    @Option(names = "--write-back", description = "After the failed release, write Sluice's revert back to Git (a commit "
            + "on main) and show that the drift clears with no new analysis.")
    boolean writeBack;

    @Option(names = "--port", defaultValue = "0", description = "API and dashboard port on 127.0.0.1 (default: any free port).")
    int port;

    @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json (the summary; progress goes to stderr).")
    String output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        boolean json = output.equals("json");
        if (!json && !output.equals("table")) {
            throw new UserException("unknown output format '" + output + "'; expected table or json");
        }
        // The live view tells the story; controller logs would only interleave with it.
        Logging.configure(Logging.parseFormat("text"), Logging.parseLevels("warn"));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter progress = json ? spec.commandLine().getErr() : out;
        Style style = json ? Style.plain() : Style.detect();
        DemoListener view = new DemoView(progress, style, !json && style.enabled());
        Path work = Files.createTempDirectory("sluice-demo-");
        FacesDemo demo = null;
        try {
            demo = FacesDemo.start(work, port, view, writeBack);
            DemoResult result = demo.run();
            if (json) {
                out.println(Json.writePretty(result.toJson()));
            } else {
                summary(result, out, style);
            }
            out.flush();
            if (keep) {
                keepRunning(demo, progress);
            }
            return result.ok() ? 0 : 1;
        } finally {
            if (demo != null) {
                demo.close();
            }
            deleteTree(work);
        }
    }

    private static void summary(DemoResult r, PrintWriter out, Style style) {
        out.println();
        Table t = new Table(List.of("SCENARIO", "CANARY", "EXPECTED", "ACTUAL", "SECONDS", ""));
        for (DemoResult.Outcome o : r.outcomes()) {
            t.row(List.of(o.scenario(), o.canary(), o.expected(), o.actual(), String.valueOf(o.seconds()),
                    o.ok() ? style.green("ok") : style.red("UNEXPECTED")));
        }
        t.print(out);
        for (DemoResult.Outcome o : r.outcomes()) {
            if (!o.detail().isEmpty()) {
                out.println("  " + o.canary() + ": " + o.detail());
            }
        }
        out.println(r.ok() ? style.green("✔ every outcome as expected, in " + r.seconds() + "s")
                : style.red("✗ some outcomes were not as expected (" + r.seconds() + "s)"));
    }

    private static void keepRunning(FacesDemo demo, PrintWriter out) throws InterruptedException {
        var rt = demo.runtime();
        out.println();
        out.println("Everything keeps running (Ctrl-C stops):");
        out.println("  dashboard:  " + rt.dashboardUrl());
        out.println("  faces-gui:  curl -x http://127.0.0.1:" + rt.mesh().port() + " http://faces-gui.faces.sslip.io/"
                + "   (the mesh is an HTTP proxy; add -H 'x-faces-user: testuser')");
        out.println("  metrics:    http://127.0.0.1:" + rt.mesh().adminPort() + "/metrics (mesh), " + rt.apiUrl() + "/metrics (Sluice)");
        out.println("  API:        " + rt.apiUrl() + "   (token in " + rt.config().stateDir().resolve("token") + ")");
        out.println("  repository: " + demo.repository() + "   (commit to it: Sluice picks changes up within a second)");
        out.println("  try:        ./sluice get canaries -A -w     ./sluice stat deploy -n faces     ./sluice tree ks flux-system");
        out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        stop.await();
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A leftover temporary directory is harmless.
        }
    }
}
