/**
 * Git sources: the source-controller part of Flux for {@code GitRepository}.
 *
 * <h2>Flow</h2>
 * {@link dev.sluice.gitops.source.GitRepositoryReconciler} lists the remote's references
 * ({@link dev.sluice.gitops.source.GitClient#lsRemote}), picks the wanted commit with Flux's
 * precedence ({@link dev.sluice.gitops.source.RefResolver}: commit, name, semver, tag, branch) and,
 * when the stored artifact already is that revision with the same settings, stops there
 * ("no changes since last reconciliation"). Otherwise it fetches shallowly into a bare cache
 * repository per source ({@code <state>/git/<ns>/<name>.git}) and writes an immutable artifact
 * ({@link dev.sluice.gitops.source.ArtifactStore}): the files of the commit filtered by
 * {@link dev.sluice.gitops.source.SourceFilter} ({@code .sourceignore}, {@code spec.ignore},
 * Flux's defaults), plus {@code spec.include}d artifacts, as a read-only directory and a
 * deterministic tar.gz with its {@code sha256} digest. Status, conditions and events follow Flux.
 *
 * <h2>For consumers (the Kustomization reconciler)</h2>
 * {@link dev.sluice.gitops.source.StoredSourceArtifacts} implements the Kustomization reconciler's
 * {@code SourceArtifacts} port: the read-only directory of the revision a source advertises in
 * {@code status.artifact}. Underneath it is {@link dev.sluice.gitops.source.ArtifactStore#open}
 * (by {@link dev.sluice.gitops.source.Artifact}, or by source, revision and digest);
 * {@link dev.sluice.gitops.source.ArtifactStore#tarball} gives the tar.gz, as Flux serves it.
 *
 * <h2>Embedded mode</h2>
 * {@link dev.sluice.gitops.source.LocalRepositoryWatcher} notices commits in local
 * ({@code file://}) repositories within a poll period and asks for a reconcile.
 */
package dev.sluice.gitops.source;
