package dev.sluice.cli;

import dev.sluice.api.GoDuration;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.yaml.YamlWriter;
import dev.sluice.cluster.ClusterException;
import dev.sluice.kubernetes.KubernetesCluster;
import dev.sluice.kubernetes.install.InstallManifests;
import dev.sluice.kubernetes.install.InstallOptions;
import dev.sluice.server.kubernetes.setup.Installer;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sluice install}: the CRDs, namespace, RBAC, controller Deployment and Service, printed
 * ({@code --export}) or applied to the current kubeconfig context with server-side apply, then waiting
 * for the Deployment, as {@code flux install} does.
 */
@Command(name = "install", description = {
        "Install Sluice on a Kubernetes cluster: CRDs, RBAC, the sluice-controller Deployment and its Service.",
        "--export prints the manifests instead (e.g. for 'kubectl apply --server-side -f -' or a Git repository)."})
final class InstallCommand implements Callable<Integer> {

    @Option(names = "--export", description = "Print the manifests as YAML instead of applying them.")
    boolean export;

    @Option(names = "--namespace", defaultValue = "sluice-system", paramLabel = "NS", description = "Where the controller runs (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--image", paramLabel = "IMAGE", description = "The controller image (default: sluice/sluice:" + InstallOptions.VERSION + ").")
    String image;

    @Option(names = "--watch-label-selector", defaultValue = "", paramLabel = "SELECTOR", description = "Passed to the controller: only reconcile objects matching it (sharding).")
    String watchLabelSelector;

    @Option(names = "--cluster-admin", defaultValue = "true", negatable = true, fallbackValue = "true",
            description = "Bind the controller to cluster-admin so it can apply anything, as Flux does (default: ${DEFAULT-VALUE}; --no-cluster-admin keeps least privilege).")
    boolean clusterAdmin;

    @Option(names = "--timeout", defaultValue = "5m", paramLabel = "DURATION", description = "How long to wait for the Deployment (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Mixin
    Kubeconfigs kube;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    InstallOptions options() {
        InstallOptions o = InstallOptions.defaults().withNamespace(namespace).withWatchLabelSelector(watchLabelSelector)
                .withClusterAdmin(clusterAdmin);
        return image == null ? o : o.withImage(image);
    }

    /** Every manifest as multi-document YAML, each document starting with {@code ---}. */
    static String yaml(List<KubeObject> objects) {
        return "---\n" + YamlWriter.writeAll(objects.stream().map(KubeObject::toNode).toList());
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        InstallOptions options = options();
        if (export) {
            out.print(yaml(InstallManifests.all(options)));
            out.flush();
            return 0;
        }
        PrintProgress progress = new PrintProgress(out, Style.detect(), true);
        progress.generating("generating manifests");
        List<KubeObject> objects = InstallManifests.all(options);
        progress.success("manifests build completed");
        progress.action("installing components in " + options.namespace() + " namespace");
        try (KubernetesCluster cluster = kube.connect()) {
            Installer installer = new Installer(cluster, progress);
            try {
                installer.apply(objects, GoDuration.parse(timeout));
            } catch (ClusterException e) {
                progress.failure("install failed: " + e.getMessage());
                return 1;
            }
            progress.waiting("verifying installation");
            boolean ready = installer.awaitReady(List.of(ObjectKey.of("apps", "Deployment", options.namespace(),
                    "sluice-controller")), GoDuration.parse(timeout));
            if (!ready) {
                progress.failure("install failed: the controller is not ready after " + timeout
                        + " ('kubectl -n " + options.namespace() + " describe deployment sluice-controller')");
                return 1;
            }
        }
        progress.success("install finished");
        return 0;
    }
}
