package dev.sluice.cli;

import dev.sluice.api.ResourceTypes;
import dev.sluice.server.client.RemoteCluster;
import dev.sluice.server.context.ServerContext;
import java.net.URI;
import picocli.CommandLine.Option;

/**
 * How a command reaches Sluice: {@code --server} (or {@code SLUICE_SERVER}, or the context that
 * {@code sluice up} saved), and which namespace it looks at.
 */
final class ClusterOptions {

    @Option(names = "--server", paramLabel = "URL", description = "The Sluice API (default: the running 'sluice up', else http://127.0.0.1:9494).")
    URI server;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "The namespace (default: ${DEFAULT-VALUE} for Flux kinds, default for canaries).")
    String namespace;

    @Option(names = {"-A", "--all-namespaces"}, description = "All namespaces.")
    boolean allNamespaces;

    RemoteCluster connect() {
        ServerContext ctx = ServerContext.resolve();
        URI url = server != null ? server : ctx.server();
        String token = server == null || server.equals(ctx.server()) ? ctx.token() : System.getenv("SLUICE_TOKEN");
        return new RemoteCluster(url, token == null || token.isEmpty() ? null : token, ResourceTypes.builtIn());
    }

    /** The namespace to use, "" for all namespaces. */
    String namespaceOr(String fallback) {
        if (allNamespaces) {
            return "";
        }
        return namespace != null ? namespace : fallback;
    }
}
