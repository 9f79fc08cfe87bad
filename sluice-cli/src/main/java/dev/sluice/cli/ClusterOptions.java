package dev.sluice.cli;

import dev.sluice.api.ResourceTypes;
import dev.sluice.kubernetes.KubernetesCluster;
import dev.sluice.server.client.RemoteCluster;
import dev.sluice.server.context.ServerContext;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How a command reaches Sluice, and which namespace it looks at. Either a running {@code sluice up}
 * ({@code --server}, {@code SLUICE_SERVER}, or the context {@code sluice up} saved), or a Kubernetes
 * cluster through a kubeconfig ({@code --kubeconfig}, {@code --context}). {@link Target#resolve} says
 * which, in that order of precedence.
 */
final class ClusterOptions {

    @Option(names = "--server", paramLabel = "URL", description = "The Sluice API (default: the running 'sluice up', else http://127.0.0.1:9494).")
    URI server;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Talk to a Kubernetes cluster through this kubeconfig (default: KUBECONFIG, ~/.kube/config when no 'sluice up' runs).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "CONTEXT", description = "The kubeconfig context to use (default: the current one).")
    String context;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "The namespace (default: ${DEFAULT-VALUE} for Flux kinds, default for canaries).")
    String namespace;

    @Option(names = {"-A", "--all-namespaces"}, description = "All namespaces.")
    boolean allNamespaces;

    /** Where a command goes. */
    enum Target { EMBEDDED, KUBERNETES;

        /**
         * {@code --kubeconfig} or {@code --context} mean Kubernetes; {@code --server}, {@code SLUICE_SERVER} or a
         * saved {@code sluice up} context mean embedded mode; otherwise a kubeconfig that exists
         * ({@code KUBECONFIG}, {@code ~/.kube/config}) means Kubernetes, and nothing at all the default
         * embedded address.
         */
        static Target resolve(ClusterOptions o, String envServer, boolean savedContext, boolean kubeconfigExists) {
            if (o.kubeconfig != null || o.context != null) {
                return KUBERNETES;
            }
            if (o.server != null || envServer != null && !envServer.isBlank() || savedContext) {
                return EMBEDDED;
            }
            return kubeconfigExists ? KUBERNETES : EMBEDDED;
        }
    }

    CliCluster connect() {
        Target target = Target.resolve(this, System.getenv("SLUICE_SERVER"), ServerContext.read().isPresent(),
                Kubeconfigs.defaultExists());
        if (target == Target.KUBERNETES) {
            return CliCluster.of(KubernetesCluster.connect(Kubeconfigs.options(kubeconfig, context)),
                    context == null ? "" : context);
        }
        ServerContext ctx = ServerContext.resolve();
        URI url = server != null ? server : ctx.server();
        String token = server == null || server.equals(ctx.server()) ? ctx.token() : System.getenv("SLUICE_TOKEN");
        return CliCluster.of(new RemoteCluster(url, token == null || token.isEmpty() ? null : token, ResourceTypes.builtIn()));
    }

    /** The namespace to use, "" for all namespaces. */
    String namespaceOr(String fallback) {
        if (allNamespaces) {
            return "";
        }
        return namespace != null ? namespace : fallback;
    }
}
