package dev.sluice.gitops.drift;

import dev.sluice.api.KubeObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark (not a test; run by {@code bench/drift/run.sh}): a GitOps repository with N other apps
 * (3 files each) beside Faces; Faces 1.0.0 promoted, 1.1.0 committed and failed, then K unrelated
 * commits to other apps before the failed revision was applied. Measures drift analysis with a warm
 * and a cold mirror, and a write-back dry run (plan + verification builds); peers in the same run:
 * {@code git clone --bare} of the repository and one {@code kubectl kustomize} of the app. Prints
 * medians in milliseconds.
 */
public final class DriftBench {

    private DriftBench() {
    }

    @FunctionalInterface
    interface Step {
        void run(int i) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int apps = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int later = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        Path tmp = Files.createTempDirectory("sluice-drift-bench");
        try (DriftFixture f = new DriftFixture(tmp)) {
            for (int i = 0; i < apps; i++) {
                writeApp(f, i, "1");
            }
            f.faces("1.0.0").repo.commit("all apps");
            f.sources().sync();
            f.promote();
            f.faces("1.1.0").repo.commit("face: image 1.1.0");
            for (int k = 0; k < later; k++) {
                writeApp(f, k % Math.max(1, apps), "2." + k);
                f.repo.commit("app " + k + " bumped");
            }
            f.sync();
            KubeObject canary = f.failedCanary("");
            for (int w = 0; w < 3; w++) { // warm-up: JIT, page cache, the mirror
                check(f.analyzer().analyze(canary));
                f.writeBack().revert(canary, RevertMode.BRANCH, true);
            }
            System.out.printf("repository: %d files, %d commits after the offending one, %d runs, median ms%n",
                    apps * 3 + 4, later, runs);
            row("analysis, warm mirror (fetch of nothing + walk, " + (later + 2) + " commits)",
                    time(runs, i -> check(f.analyzer().analyze(canary))));
            row("analysis, cold mirror (full clone + walk)", time(runs, i -> {
                DriftAnalyzer cold = new DriftAnalyzer(f.cluster, f.builder, new GitMirrors(tmp.resolve("cold" + i), f.cluster),
                        f.clock, DriftSettings.DEFAULTS);
                check(cold.analyze(canary));
            }));
            row("write-back dry run, warm mirror (walk + plan + verification builds)",
                    time(runs, i -> f.writeBack().revert(canary, RevertMode.BRANCH, true)));
            row("peer: git clone --bare (file://)", time(runs, i -> run(tmp, "git", "clone", "-q", "--bare",
                    f.repo.url(), tmp.resolve("peer" + i).toString())));
            row("peer: kubectl kustomize apps/faces (one build, process start included)", time(runs, i -> run(f.repo.dir(),
                    "kubectl", "kustomize", "apps/faces")));
        }
    }

    private static void writeApp(DriftFixture f, int i, String version) {
        String d = "apps/app" + i + "/";
        f.repo.write(d + "kustomization.yaml", "namespace: app" + i + "\nresources: [deployment.yaml, service.yaml]\n");
        f.repo.write(d + "deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app" + i + "}\n"
                + "spec:\n  selector: {matchLabels: {app: app" + i + "}}\n  template:\n    metadata: {labels: {app: app" + i
                + "}}\n    spec:\n      containers: [{name: app, image: \"example/app:" + version + "\"}]\n");
        f.repo.write(d + "service.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: app" + i + "}\n"
                + "spec: {selector: {app: app" + i + "}, ports: [{port: 80}]}\n");
    }

    private static void check(Analysis a) {
        if (!(a instanceof Analysis.Drifted)) {
            throw new IllegalStateException("expected a drift, got " + a);
        }
    }

    private static double time(int runs, Step step) throws Exception {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            step.run(i);
            ms.add((System.nanoTime() - t) / 1e6);
        }
        Collections.sort(ms);
        return ms.get(ms.size() / 2);
    }

    private static void row(String what, double ms) {
        System.out.printf("%-80s %8.1f%n", what, ms);
    }

    private static void run(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed");
        }
    }
}
