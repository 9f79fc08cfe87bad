package dev.sluice.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.yaml.YamlWriter;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.Watch;
import dev.sluice.cluster.WatchEvent;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sluice get ...}: lists objects with flux's and Flagger's columns, optionally watching. */
@Command(name = "get", description = "List sources, Kustomizations, HelmReleases and canaries.",
        subcommands = {GetCommand.Sources.class, GetCommand.Kustomizations.class, GetCommand.Canaries.class,
                GetCommand.HelmReleases.class, GetCommand.All.class})
final class GetCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The shared body of every {@code get} subcommand. */
    abstract static class Lister implements java.util.concurrent.Callable<Integer> {

        @Mixin
        ClusterOptions cluster;

        @Mixin
        OutputFormat output;

        @Option(names = {"-w", "--watch"}, description = "After listing, watch for changes and print them.")
        boolean watch;

        @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR", description = "Label selector, e.g. app=web,env in (a,b).")
        String selector;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        abstract List<KindView> views();

        @Override
        public Integer call() throws InterruptedException {
            try (CliCluster c = cluster.connect()) {
                PrintWriter out = spec.commandLine().getOut();
                boolean all = cluster.allNamespaces;
                for (KindView view : views()) {
                    List<KubeObject> items = c.list(view.kind(), cluster.namespaceOr(view.defaultNamespace()), labels())
                            .stream().sorted(Comparator.comparing(KubeObject::namespace).thenComparing(KubeObject::name))
                            .toList();
                    print(out, view, items, all);
                }
                if (watch && views().size() == 1) {
                    watch(c, views().get(0), out, all);
                }
                return 0;
            }
        }

        private LabelSelector labels() {
            return selector == null ? LabelSelector.everything() : LabelSelector.parse(selector);
        }

        private void print(PrintWriter out, KindView view, List<KubeObject> items, boolean all) {
            switch (output.format) {
                case json -> out.println(Json.writePretty(list(items)));
                case yaml -> out.print(YamlWriter.write(list(items)));
                default -> {
                    if (items.isEmpty() && !watch) {
                        spec.commandLine().getErr().println("no " + view.kind().kind() + " objects found in "
                                + (all ? "any namespace" : cluster.namespaceOr(view.defaultNamespace()) + " namespace"));
                        return;
                    }
                    Table t = new Table(view.headers(output.format == OutputFormat.Format.wide, all));
                    items.forEach(o -> t.row(view.cells(o, output.format == OutputFormat.Format.wide, all)));
                    t.print(out);
                }
            }
            out.flush();
        }

        private void watch(Cluster c, KindView view, PrintWriter out, boolean all) throws InterruptedException {
            boolean wide = output.format == OutputFormat.Format.wide;
            Table t = new Table(view.headers(wide, all));
            LabelSelector labels = labels();
            CountDownLatch ended = new CountDownLatch(1);
            try (Watch w = c.watch(view.kind(), cluster.namespaceOr(view.defaultNamespace()), c.currentResourceVersion(),
                    new dev.sluice.cluster.WatchListener() {
                        @Override
                        public void onEvent(WatchEvent e) {
                            if (!labels.matches(e.object().labels())) {
                                return;
                            }
                            synchronized (out) {
                                if (output.structured()) {
                                    out.println(Json.write(e.object().toNode()));
                                } else {
                                    String line = t.rowLine(view.cells(e.object(), wide, all));
                                    out.println(e.type() == WatchEvent.Type.DELETED ? line + "   (deleted)" : line);
                                }
                                out.flush();
                            }
                        }

                        @Override
                        public void onClose(dev.sluice.cluster.ClusterException cause) {
                            spec.commandLine().getErr().println("watch ended: " + cause.getMessage());
                            ended.countDown();
                        }
                    })) {
                ended.await();
            }
        }

        private static ObjectNode list(List<KubeObject> items) {
            ObjectNode n = Json.object().put("apiVersion", "v1").put("kind", "List");
            ArrayNode arr = n.putArray("items");
            items.forEach(o -> arr.add(o.toNode()));
            return n;
        }
    }

    @Command(name = "sources", description = "List sources.", subcommands = {Sources.Git.class, Sources.Helm.class,
            Sources.Chart.class})
    static final class Sources implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }

        @Command(name = "git", description = "List GitRepository sources: NAME REVISION SUSPENDED READY MESSAGE.")
        static final class Git extends Lister {
            @Override
            List<KindView> views() {
                return List.of(KindView.GIT_REPOSITORIES);
            }
        }

        @Command(name = "helm", description = "List HelmRepository sources: NAME REVISION SUSPENDED READY MESSAGE.")
        static final class Helm extends Lister {
            @Override
            List<KindView> views() {
                return List.of(KindView.HELM_REPOSITORIES);
            }
        }

        @Command(name = "chart", description = "List HelmChart sources: NAME REVISION SUSPENDED READY MESSAGE.")
        static final class Chart extends Lister {
            @Override
            List<KindView> views() {
                return List.of(KindView.HELM_CHARTS);
            }
        }
    }

    @Command(name = "kustomizations", aliases = {"ks", "kustomization"}, description = "List Kustomizations: NAME REVISION SUSPENDED READY MESSAGE.")
    static final class Kustomizations extends Lister {
        @Override
        List<KindView> views() {
            return List.of(KindView.KUSTOMIZATIONS);
        }
    }

    @Command(name = "canaries", aliases = {"canary"}, description = "List canaries: NAME STATUS WEIGHT LASTTRANSITIONTIME (-o wide adds more).")
    static final class Canaries extends Lister {
        @Override
        List<KindView> views() {
            return List.of(KindView.CANARIES);
        }
    }

    @Command(name = "helmreleases", aliases = {"hr", "helmrelease"}, description = "List HelmReleases.")
    static final class HelmReleases extends Lister {
        @Override
        List<KindView> views() {
            return List.of(KindView.HELM_RELEASES);
        }
    }

    @Command(name = "all", description = "List sources, Kustomizations, HelmReleases and canaries.")
    static final class All extends Lister {
        @Override
        List<KindView> views() {
            return List.of(KindView.GIT_REPOSITORIES, KindView.HELM_REPOSITORIES, KindView.HELM_CHARTS, KindView.KUSTOMIZATIONS,
                    KindView.HELM_RELEASES, KindView.CANARIES);
        }
    }
}
