package dev.sluice.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds the fabric8 client from {@link KubernetesOptions}: config lookup, timeouts and the rate limit. */
public final class Clients {

    private Clients() {
    }

    /**
     * A client as {@code options} say.
     *
     * @throws IllegalArgumentException when the kubeconfig named cannot be read (naming the file)
     */
    public static KubernetesClient create(KubernetesOptions options) {
        return build(config(options), limiter(options));
    }

    /** The rate limiter {@code options} ask for, or null for none; share one between clients of one process. */
    static RateLimitInterceptor limiter(KubernetesOptions options) {
        return options.qps() > 0 ? new RateLimitInterceptor(options.qps(), options.burst()) : null;
    }

    static KubernetesClient build(Config config, RateLimitInterceptor limiter) {
        KubernetesClientBuilder b = new KubernetesClientBuilder().withConfig(config);
        if (limiter != null) {
            b.withHttpClientBuilderConsumer(h -> h.addOrReplaceInterceptor(RateLimitInterceptor.NAME, limiter));
        }
        return b.build();
    }

    /**
     * A client acting as a ServiceAccount (Kubernetes impersonation): the API server authorizes its
     * requests as {@code system:serviceaccount:<namespace>:<name>}, with the groups a real token of that
     * account would carry.
     */
    static KubernetesClient impersonating(KubernetesClient client, String namespace, String serviceAccount,
                                          RateLimitInterceptor limiter) {
        Config c = new ConfigBuilder(client.getConfiguration())
                .withImpersonateUsername("system:serviceaccount:" + namespace + ":" + serviceAccount)
                .withImpersonateGroups("system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated")
                .build();
        return build(c, limiter);
    }

    static Config config(KubernetesOptions options) {
        String context = options.context().isEmpty() ? null : options.context();
        Config base;
        if (options.kubeconfig().isPresent()) {
            Path file = options.kubeconfig().get();
            try {
                base = Config.fromKubeconfig(context, Files.readString(file), file.toString());
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read kubeconfig " + file + ": " + e.getMessage(), e);
            }
        } else if (!options.masterUrl().isEmpty()) {
            base = Config.empty();
        } else {
            base = Config.autoConfigure(context);
        }
        ConfigBuilder c = new ConfigBuilder(base)
                .withRequestTimeout((int) options.requestTimeout().toMillis())
                // Our reconcilers retry with their own backoff; fabric8's own retries would hide failures.
                .withRequestRetryBackoffLimit(0);
        if (!options.masterUrl().isEmpty()) {
            c.withMasterUrl(options.masterUrl());
        }
        if (!options.namespace().isEmpty()) {
            c.withNamespace(options.namespace());
        }
        return c.build();
    }

    /** The host name (the pod name in a cluster), for event reporting instances and lease identities. */
    public static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
