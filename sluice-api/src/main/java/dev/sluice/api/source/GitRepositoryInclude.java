package dev.sluice.api.source;

/**
 * One {@code spec.include[]} entry: the files under {@code fromPath} of another GitRepository's
 * artifact (same namespace) are copied to {@code toPath} of this one.
 *
 * @param repository the included GitRepository's name
 * @param fromPath   a directory of its artifact, "" for all of it
 * @param toPath     where the files go in this artifact; defaults to {@code repository}
 */
public record GitRepositoryInclude(String repository, String fromPath, String toPath) {
}
