package dev.sluice.api.source;

/** One {@code spec.include[]} entry: copy {@code fromPath} of another GitRepository's artifact to {@code toPath}. */
public record GitRepositoryInclude(String repository, String fromPath, String toPath) {
}
