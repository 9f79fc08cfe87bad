package dev.sluice.cli;

import dev.sluice.kubernetes.KubernetesCluster;
import dev.sluice.server.kubernetes.setup.ClusterChecks;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sluice check [--pre]}, as {@code flux check}: {@code --pre} checks the Kubernetes version and the
 * permissions an install needs; without it, that the controller Deployment and every CRD are installed and
 * ready. Exits 1 when a check fails.
 */
@Command(name = "check", description = {
        "Check the cluster, like 'flux check' (--pre: before installing).",
        "--pre checks the Kubernetes version and permissions; without it, the controller Deployment and the CRDs."})
final class CheckCommand implements Callable<Integer> {

    @Option(names = "--pre", description = "Only check the prerequisites of an install.")
    boolean pre;

    @Option(names = "--namespace", defaultValue = "sluice-system", paramLabel = "NS", description = "Where Sluice is (or will be) installed (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Mixin
    Kubeconfigs kube;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (KubernetesCluster cluster = kube.connect()) {
            ClusterChecks checks = new ClusterChecks(cluster, new PrintProgress(spec.commandLine().getOut(), Style.detect(), true));
            boolean ok = pre ? checks.prerequisites(namespace) : checks.installation(namespace);
            return ok ? 0 : 1;
        }
    }
}
