package dev.sluice.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Condition;
import dev.sluice.api.Conditions;
import dev.sluice.api.GroupKind;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.gitops.kustomization.DependencyGraph;
import dev.sluice.gitops.kustomization.Inventory;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice reconcile source git NAME} and {@code sluice reconcile ks NAME [--with-source]
 * [--recursive]}: annotate with {@code reconcile.fluxcd.io/requestedAt}, then wait until the
 * object handled it, printing what flux prints.
 */
@Command(name = "reconcile", description = "Reconcile an object now (optionally with its source).",
        subcommands = {ReconcileCommand.Source.class, ReconcileCommand.Ks.class, ReconcileCommand.Hr.class})
final class ReconcileCommand implements Runnable {

    static final String REQUESTED_AT = "reconcile.fluxcd.io/requestedAt";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Annotates and waits; returns false when the object failed or the wait timed out. */
    static boolean reconcile(CliCluster cluster, Targets target, String ns, String name, Duration timeout,
                             PrintWriter out, Style style) throws InterruptedException {
        return reconcile(cluster, target, ns, name, timeout, out, style, List.of());
    }

    /**
     * Annotates and waits; {@code alsoAt} are annotations set to the same time as requestedAt
     * (helm-controller's {@code reconcile.fluxcd.io/forceAt} and {@code resetAt}).
     */
    static boolean reconcile(CliCluster cluster, Targets target, String ns, String name, Duration timeout,
                             PrintWriter out, Style style, List<String> alsoAt) throws InterruptedException {
        ObjectKey key = new ObjectKey(target.kind, ns, name);
        KubeObject found = cluster.get(key).orElseThrow(() ->
                new UserException(target.display + " '" + ns + "/" + name + "' not found"));
        if (target == Targets.SOURCE_HELM && KindView.isOci(found)) {
            out.println(style.green("✔") + " reconciliation not supported by the object"); // static, as flux says
            out.flush();
            return true;
        }
        out.println("► annotating " + target.display + " " + name + " in " + ns + " namespace");
        String now = Instant.now().toString();
        ObjectNode patch = Json.object();
        ObjectNode annotations = patch.putObject("metadata").putObject("annotations").put(REQUESTED_AT, now);
        alsoAt.forEach(a -> annotations.put(a, now));
        cluster.mergePatch(key, patch);
        out.println(style.green("✔") + " " + target.display + " annotated");
        out.println("◎ waiting for " + target.display + " reconciliation");
        out.flush();
        Optional<KubeObject> done = Waiter.until(cluster, key, Waiter.handled(now), timeout);
        if (done.isEmpty()) {
            out.println(style.red("✗") + " timed out waiting for " + target.display + " " + ns + "/" + name);
            return false;
        }
        Condition ready = Conditions.find(done.get().status(), "Ready").orElseThrow();
        if (!ready.isTrue()) {
            out.println(style.red("✗") + " " + target.display + " reconciliation failed: " + ready.message());
            return false;
        }
        var status = done.get().status();
        String revision = switch (target) {
            case SOURCE_GIT, SOURCE_HELM, SOURCE_CHART -> status.path("artifact").path("revision").asText();
            case HELMRELEASE -> status.path("history").path(0).path("chartVersion").asText(status.path("lastAttemptedRevision").asText());
            default -> status.path("lastAppliedRevision").asText();
        };
        out.println(style.green("✔") + " " + target.doneWords + " " + revision);
        out.flush();
        return true;
    }

    @Command(name = "source", description = "Reconcile a source.", subcommands = {Source.Git.class, Source.Helm.class,
            Source.Chart.class})
    static final class Source implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }

        @Command(name = "git", description = "Fetch a GitRepository now.")
        static final class Git implements Callable<Integer> {
            @Parameters(index = "0", paramLabel = "NAME")
            String name;
            @Mixin
            ClusterOptions cluster;
            @Option(names = "--timeout", defaultValue = "5m", description = "How long to wait (default: ${DEFAULT-VALUE}).")
            String timeout;
            @CommandLine.Spec
            CommandLine.Model.CommandSpec spec;

            @Override
            public Integer call() throws InterruptedException {
                try (CliCluster c = cluster.connect()) {
                    return reconcile(c, Targets.SOURCE_GIT, cluster.namespaceOr("flux-system"), name,
                            dev.sluice.api.GoDuration.parse(timeout), spec.commandLine().getOut(), Style.detect()) ? 0 : 1;
                }
            }
        }

        /** The body of {@code reconcile source helm|chart NAME}. */
        abstract static class Simple implements Callable<Integer> {
            @Parameters(index = "0", paramLabel = "NAME")
            String name;
            @Mixin
            ClusterOptions cluster;
            @Option(names = "--timeout", defaultValue = "5m", description = "How long to wait (default: ${DEFAULT-VALUE}).")
            String timeout;
            @CommandLine.Spec
            CommandLine.Model.CommandSpec spec;

            abstract Targets target();

            @Override
            public Integer call() throws InterruptedException {
                return reconcile(cluster.connect(), target(), cluster.namespaceOr("flux-system"), name,
                        dev.sluice.api.GoDuration.parse(timeout), spec.commandLine().getOut(), Style.detect()) ? 0 : 1;
            }
        }

        @Command(name = "helm", description = "Fetch a HelmRepository's index now.")
        static final class Helm extends Simple {
            @Override
            Targets target() {
                return Targets.SOURCE_HELM;
            }
        }

        @Command(name = "chart", description = "Pull or package a HelmChart now.")
        static final class Chart extends Simple {
            @Override
            Targets target() {
                return Targets.SOURCE_CHART;
            }
        }
    }

    @Command(name = "helmrelease", aliases = {"hr"}, description = {
            "Reconcile a HelmRelease now.",
            "--force upgrades even when nothing changed (or retries are exhausted); --reset clears the failure counts;",
            "--with-source reconciles the chart's source and the HelmChart first."})
    static final class Hr implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Mixin
        ClusterOptions cluster;
        @Option(names = "--force", description = "Force a one-off install or upgrade.")
        boolean force;
        @Option(names = "--reset", description = "Reset the install and upgrade failure counts.")
        boolean reset;
        @Option(names = "--with-source", description = "Reconcile the chart's source and HelmChart first.")
        boolean withSource;
        @Option(names = "--timeout", defaultValue = "5m", description = "How long to wait for each (default: ${DEFAULT-VALUE}).")
        String timeout;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            try (CliCluster c = cluster.connect()) {
                return run(c);
            }
        }

        private int run(CliCluster c) throws InterruptedException {
            String ns = cluster.namespaceOr("flux-system");
            Duration t = dev.sluice.api.GoDuration.parse(timeout);
            PrintWriter out = spec.commandLine().getOut();
            Style style = Style.detect();
            KubeObject hr = c.get(new ObjectKey(Targets.HELMRELEASE.kind, ns, name))
                    .orElseThrow(() -> new UserException("HelmRelease '" + ns + "/" + name + "' not found"));
            if (withSource) {
                var chartSpec = hr.spec().path("chart").path("spec");
                if (chartSpec.isMissingNode()) {
                    throw new UserException("--with-source needs spec.chart; HelmRelease '" + ns + "/" + name + "' uses chartRef");
                }
                var ref = chartSpec.path("sourceRef");
                String sourceNs = ref.path("namespace").asText(ns);
                Targets source = switch (ref.path("kind").asText()) {
                    case "HelmRepository" -> Targets.SOURCE_HELM;
                    case "GitRepository" -> Targets.SOURCE_GIT;
                    default -> throw new UserException("--with-source supports HelmRepository and GitRepository sources, not "
                            + ref.path("kind").asText());
                };
                if (!reconcile(c, source, sourceNs, ref.path("name").asText(), t, out, style)
                        || !reconcile(c, Targets.SOURCE_CHART, sourceNs, ns + "-" + name, t, out, style)) {
                    return 1;
                }
            }
            List<String> alsoAt = new ArrayList<>();
            if (force) {
                alsoAt.add("reconcile.fluxcd.io/forceAt");
            }
            if (reset) {
                alsoAt.add("reconcile.fluxcd.io/resetAt");
            }
            return reconcile(c, Targets.HELMRELEASE, ns, name, t, out, style, alsoAt) ? 0 : 1;
        }
    }

    @Command(name = "kustomization", aliases = {"ks"}, description = {
            "Reconcile a Kustomization now.",
            "--with-source fetches its source first; --recursive also reconciles, in dependency order,",
            "every Kustomization it applies (flux cannot)."})
    static final class Ks implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Mixin
        ClusterOptions cluster;
        @Option(names = "--with-source", description = "Reconcile the source first.")
        boolean withSource;
        @Option(names = "--recursive", description = "Also reconcile the Kustomizations this one applies.")
        boolean recursive;
        @Option(names = "--timeout", defaultValue = "5m", description = "How long to wait for each (default: ${DEFAULT-VALUE}).")
        String timeout;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            try (CliCluster c = cluster.connect()) {
                return run(c);
            }
        }

        private int run(CliCluster c) throws InterruptedException {
            String ns = cluster.namespaceOr("flux-system");
            Duration t = dev.sluice.api.GoDuration.parse(timeout);
            PrintWriter out = spec.commandLine().getOut();
            Style style = Style.detect();
            KubeObject ks = c.get(new ObjectKey(Targets.KUSTOMIZATION.kind, ns, name))
                    .orElseThrow(() -> new UserException("Kustomization '" + ns + "/" + name + "' not found"));
            if (withSource) {
                var ref = ks.spec().path("sourceRef");
                if (!ref.path("kind").asText().equals("GitRepository")) {
                    throw new UserException("--with-source supports GitRepository sources, not " + ref.path("kind").asText());
                }
                if (!reconcile(c, Targets.SOURCE_GIT, ref.path("namespace").asText(ns), ref.path("name").asText(), t, out, style)) {
                    return 1;
                }
            }
            if (!reconcile(c, Targets.KUSTOMIZATION, ns, name, t, out, style)) {
                return 1;
            }
            if (recursive) {
                for (ObjectKey child : children(c, new ObjectKey(Targets.KUSTOMIZATION.kind, ns, name))) {
                    if (!reconcile(c, Targets.KUSTOMIZATION, child.namespace(), child.name(), t, out, style)) {
                        return 1;
                    }
                }
            }
            return 0;
        }

        /** Every Kustomization applied below {@code root}, dependencies first. */
        private static List<ObjectKey> children(CliCluster c, ObjectKey root) {
            GroupKind kind = Targets.KUSTOMIZATION.kind;
            Map<ObjectKey, List<ObjectKey>> deps = new LinkedHashMap<>();
            List<ObjectKey> queue = new ArrayList<>(List.of(root));
            while (!queue.isEmpty()) {
                ObjectKey k = queue.remove(0);
                Optional<KubeObject> o = c.get(k);
                if (o.isEmpty()) {
                    continue;
                }
                for (ObjectKey child : Inventory.fromStatus(o.get().status()).entries().keySet()) {
                    if (child.groupKind().equals(kind) && !deps.containsKey(child) && !child.equals(root)) {
                        List<ObjectKey> on = new ArrayList<>();
                        c.get(child).ifPresent(x -> x.spec().path("dependsOn").forEach(d -> on.add(new ObjectKey(kind,
                                d.path("namespace").asText(child.namespace()), d.path("name").asText()))));
                        deps.put(child, on);
                        queue.add(child);
                    }
                }
            }
            return new DependencyGraph<>(deps).sort().order().stream().filter(deps::containsKey).toList();
        }
    }

    static GroupKind kustomizationKind() {
        return GroupKind.of(ResourceTypes.KUSTOMIZE, "Kustomization");
    }
}
