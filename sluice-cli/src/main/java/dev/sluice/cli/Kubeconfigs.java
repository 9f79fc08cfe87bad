package dev.sluice.cli;

import dev.sluice.kubernetes.KubernetesCluster;
import dev.sluice.kubernetes.KubernetesOptions;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The kubeconfig flags of the commands that only talk to Kubernetes ({@code install}, {@code check},
 * {@code bootstrap}), and the lookup they share with {@link ClusterOptions}: a named file, else
 * fabric8's usual order ({@code KUBECONFIG}, {@code ~/.kube/config}, the in-cluster service account).
 */
final class Kubeconfigs {

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "The kubeconfig (default: KUBECONFIG, else ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "CONTEXT", description = "The kubeconfig context (default: the current one).")
    String context;

    /** Connects to the cluster these flags name. */
    KubernetesCluster connect() {
        return KubernetesCluster.connect(options(kubeconfig, context));
    }

    /** A description for messages: the context, or "the current context". */
    String describe() {
        return context == null ? "the current kubeconfig context" : "context " + context;
    }

    /**
     * Options for a named kubeconfig and context (either may be null).
     *
     * @throws UserException when the named file does not exist
     */
    static KubernetesOptions options(Path kubeconfig, String context) {
        KubernetesOptions o = KubernetesOptions.defaults();
        if (kubeconfig != null) {
            if (!Files.isRegularFile(kubeconfig)) {
                throw new UserException("--kubeconfig " + kubeconfig + ": no such file");
            }
            o = o.withKubeconfig(kubeconfig);
        }
        return context == null ? o : o.withContext(context);
    }

    /** Whether {@code KUBECONFIG} names an existing file, or {@code ~/.kube/config} exists. */
    static boolean defaultExists() {
        String env = System.getenv("KUBECONFIG");
        if (env != null && !env.isBlank()) {
            for (String f : env.split(File.pathSeparator)) {
                if (!f.isBlank() && Files.isRegularFile(Path.of(f))) {
                    return true;
                }
            }
            return false;
        }
        return Files.isRegularFile(Path.of(System.getProperty("user.home"), ".kube", "config"));
    }
}
