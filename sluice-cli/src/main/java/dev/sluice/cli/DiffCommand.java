package dev.sluice.cli;

import dev.sluice.api.KubeObject;
import dev.sluice.gitops.kustomization.KustomizationDiff;
import dev.sluice.gitops.kustomization.KustomizationSettings;
import dev.sluice.gitops.kustomization.LocalBuild;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice diff ks NAME --path DIR}: {@code flux diff ks}. Builds the directory as the
 * Kustomization would, applies each object in server-side dry-run and prints
 * {@code ► Kind/namespace/name created|drifted|skipped|deleted}, with a unified diff under each
 * drifted object. Exit status: 0 no difference, 1 a difference, 2 an error.
 */
@Command(name = "diff", description = "Diff a Kustomization's manifests from a local path against the cluster, like 'flux diff'.",
        subcommands = {DiffCommand.Ks.class})
final class DiffCommand implements Runnable {

    static final int CHANGED = 1;
    static final int FAILED = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "kustomization", aliases = {"ks"}, description = {
            "Show what applying a local directory as this Kustomization would change (server-side dry-run).",
            "Exit status 0: no difference; 1: a difference; 2: an error."})
    static final class Ks implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--path", required = true, paramLabel = "DIR", description = "The local directory of the manifests.")
        Path path;
        @Option(names = "--kustomization-file", paramLabel = "FILE", description = "A YAML file holding the Kustomization's spec.")
        Path file;
        @Mixin
        ClusterOptions cluster;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Style style = Style.detect();
            KustomizationDiff.Report report;
            try {
                report = diff();
            } catch (RuntimeException e) { // flux: every error is exit status 2, not 1
                err.println(style.red("✗") + " " + e.getMessage());
                err.flush();
                return FAILED;
            }
            for (KustomizationDiff.Entry e : report.entries()) {
                String subject = e.key().toString();
                switch (e.action()) {
                    case CREATED -> out.println(style.green("► " + subject + " created"));
                    case SKIPPED -> out.println(style.yellow("► " + subject + " skipped"));
                    case DELETED -> out.println(style.red("► " + subject + " deleted"));
                    case DRIFTED -> {
                        out.println("► " + subject + " drifted");
                        out.print(e.diff());
                    }
                }
            }
            out.flush();
            if (!report.errors().isEmpty()) {
                report.errors().forEach(m -> err.println(style.red("✗") + " " + m));
                err.flush();
                return FAILED;
            }
            if (report.changed()) {
                err.println(style.red("✗") + " identified at least one change, exiting with non-zero exit code");
                err.flush();
                return CHANGED;
            }
            return 0;
        }

        private KustomizationDiff.Report diff() {
            Path dir = FluxKustomizations.directory(path);
            String ns = cluster.namespaceOr("flux-system");
            try (CliCluster c = cluster.connect()) {
                KubeObject live = FluxKustomizations.live(c, ns, name).orElseThrow(() -> FluxKustomizations.notFound(name));
                KubeObject spec = file != null ? FluxKustomizations.fromFile(file, name, ns) : live;
                var ks = FluxKustomizations.parse(spec);
                List<KubeObject> objects;
                try {
                    objects = LocalBuild.forApply(dir, ks, c);
                } catch (LocalBuild.LocalBuildException e) {
                    throw new UserException(e.getMessage());
                }
                return KustomizationDiff.diff(c, objects, live.status(), ks.spec().prune(),
                        KustomizationSettings.FLUX_DEFAULTS.fieldManager());
            }
        }
    }
}
