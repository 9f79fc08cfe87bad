package dev.sluice.cli;

import dev.sluice.gitops.kustomize.BuildResult;
import dev.sluice.gitops.kustomize.KustomizeException;
import dev.sluice.gitops.kustomize.KustomizeOptions;
import dev.sluice.gitops.kustomize.Kustomizer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice kustomize DIR}: the same output as {@code kustomize build DIR} (kustomize v5.5), from
 * Sluice's own engine. As kustomize, bases may live anywhere but a kustomization's files must lie
 * below it, unless {@code --load-restrictor LoadRestrictionsNone}.
 */
@Command(name = "kustomize", description = {"Build a kustomization directory, like 'kustomize build DIR'.",
        "Warnings go to stderr, the YAML to stdout."})
final class KustomizeCommand implements Callable<Integer> {

    @Parameters(index = "0", defaultValue = ".", paramLabel = "DIR", description = "The directory (default: the current one).")
    Path dir;

    @Option(names = "--load-restrictor", defaultValue = "LoadRestrictionsRootOnly",
            description = "LoadRestrictionsRootOnly (default) or LoadRestrictionsNone, as kustomize.")
    String restrictor;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.isDirectory(dir)) {
            throw new UserException(dir + ": not a directory");
        }
        boolean rootOnly = switch (restrictor) {
            case "LoadRestrictionsRootOnly" -> true;
            case "LoadRestrictionsNone" -> false;
            default -> throw new UserException("--load-restrictor must be LoadRestrictionsRootOnly or LoadRestrictionsNone, got '" + restrictor + "'");
        };
        Path root = dir.toAbsolutePath().getRoot();
        KustomizeOptions options = new KustomizeOptions(root, false, null, false, rootOnly);
        BuildResult result;
        try {
            result = new Kustomizer().build(dir, options);
        } catch (KustomizeException e) {
            throw new UserException(e.getMessage());
        }
        result.warnings().forEach(w -> spec.commandLine().getErr().println("# Warning: " + w));
        PrintWriter out = spec.commandLine().getOut();
        out.print(result.yaml());
        out.flush();
        return 0;
    }
}
