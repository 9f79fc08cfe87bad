package dev.sluice.api.source;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code spec} of a {@code source.toolkit.fluxcd.io/v1} GitRepository, validated.
 *
 * @param url            {@code https://}, {@code http://}, {@code ssh://} or (embedded mode) {@code file://}
 * @param secretRef      the name of the Secret with credentials in the same namespace, or empty
 * @param interval       how often to look for a new revision
 * @param timeout        the limit for Git operations (default 60s)
 * @param ref            the reference to follow
 * @param ignore         gitignore-style rules, or empty when unset (then Flux's defaults apply)
 * @param suspend        stop reconciling
 * @param sparseCheckout directories to keep (empty: the whole tree)
 * @param include        other GitRepositories whose artifacts are copied in
 * @param provider       {@code generic}, {@code azure} or {@code github}
 */
public record GitRepositorySpec(String url, Optional<String> secretRef, Duration interval, Duration timeout,
                                GitRepositoryRef ref, Optional<String> ignore, boolean suspend,
                                boolean recurseSubmodules, List<String> sparseCheckout,
                                List<GitRepositoryInclude> include, String provider) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public GitRepositorySpec {
        sparseCheckout = List.copyOf(sparseCheckout);
        include = List.copyOf(include);
    }
}
