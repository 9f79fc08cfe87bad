package dev.sluice.cli;

import dev.sluice.api.KubeObject;
import dev.sluice.api.yaml.YamlWriter;
import dev.sluice.cluster.Cluster;
import dev.sluice.gitops.kustomization.LocalBuild;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice build ks NAME --path DIR}: what {@code flux build ks} prints. The local directory
 * is built with the Kustomization's overlay (targetNamespace, namePrefix, patches, images, ...),
 * its {@code postBuild} substitutions and owner labels, each object followed by {@code ---}.
 */
@Command(name = "build", description = "Build a Kustomization's manifests from a local path, like 'flux build'.",
        subcommands = {BuildCommand.Ks.class})
final class BuildCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "kustomization", aliases = {"ks"}, description = {
            "Build a Kustomization from a local directory with its spec from the running server",
            "(or from --kustomization-file), and print the YAML as 'flux build ks' does.",
            "--dry-run does not contact the server: it needs --kustomization-file, and only spec.postBuild.substitute",
            "is substituted (substituteFrom is skipped)."})
    static final class Ks implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--path", required = true, paramLabel = "DIR", description = "The local directory of the manifests.")
        Path path;
        @Option(names = "--kustomization-file", paramLabel = "FILE", description = "A YAML file holding the Kustomization.")
        Path file;
        @Option(names = "--dry-run", description = "Build without contacting the server.")
        boolean dryRun;
        @Mixin
        ClusterOptions cluster;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Path dir = FluxKustomizations.directory(path);
            String ns = cluster.namespaceOr("flux-system");
            if (dryRun && file == null) {
                throw new UserException("dry-run mode requires a kustomization file");
            }
            KubeObject ks;
            Optional<Cluster> server = Optional.empty();
            if (dryRun) {
                ks = FluxKustomizations.fromFile(file, name, ns);
            } else {
                Cluster c = cluster.connect();
                server = Optional.of(c);
                Optional<KubeObject> live = FluxKustomizations.live(c, ns, name);
                if (live.isEmpty()) {
                    throw FluxKustomizations.notFound(name);
                }
                ks = file != null ? FluxKustomizations.fromFile(file, name, ns) : live.get();
            }
            LocalBuild.Result built;
            try {
                built = LocalBuild.build(dir, FluxKustomizations.parse(ks), server);
            } catch (LocalBuild.LocalBuildException e) {
                throw new UserException(e.getMessage());
            }
            PrintWriter err = spec.commandLine().getErr();
            built.warnings().forEach(w -> err.println(w.startsWith("#") ? w : "⚠️ " + w));
            err.flush();
            PrintWriter out = spec.commandLine().getOut();
            for (KubeObject o : built.objects()) {
                out.print(YamlWriter.write(o.toNode()));
                out.print("---\n");
            }
            out.flush();
            return 0;
        }
    }
}
