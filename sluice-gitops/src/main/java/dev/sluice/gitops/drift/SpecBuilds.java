package dev.sluice.gitops.drift;

import dev.sluice.api.ObjectKey;
import dev.sluice.api.source.GitRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds of one Kustomization at commits of a mirror, memoized by tree id (two commits with the
 * same tree build the same objects). Not thread-safe; lives for one analysis or write-back.
 */
final class SpecBuilds implements HistoryWalk.Builds {

    private final GitMirror mirror;
    private final Path dir;
    private final KustomizationBuild build;
    private final GitRepository source;
    private final ObjectKey target;
    private final Map<String, KustomizationBuild.Outcome> byTree = new HashMap<>();

    SpecBuilds(GitMirror mirror, Path scratch, KustomizationBuild build, GitRepository source, ObjectKey target) {
        this.mirror = mirror;
        this.dir = scratch.resolve("tree");
        this.build = build;
        this.source = source;
        this.target = target;
    }

    @Override
    public Optional<WorkloadSpec> at(CommitInfo commit) {
        return declared(outcome(commit));
    }

    /** The target as {@code outcome} declares it, if the build succeeded and has it. */
    Optional<WorkloadSpec> declared(KustomizationBuild.Outcome outcome) {
        if (outcome instanceof KustomizationBuild.Built b) {
            return b.find(target).map(t -> WorkloadSpec.declared(t, b.objects()));
        }
        return Optional.empty();
    }

    KustomizationBuild.Outcome outcome(CommitInfo commit) {
        return byTree.computeIfAbsent(commit.tree(), t -> {
            try {
                checkout(commit.sha(), dir);
                return build.build(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Writes a commit's artifact files into {@code into} (emptied first). */
    void checkout(String sha, Path into) throws IOException {
        TreeFiles.materialize(mirror, sha, into, source.spec().ignore(), source.spec().sparseCheckout());
    }

    /** Builds whatever is in {@code tree} (e.g. a patched checkout). */
    KustomizationBuild.Outcome buildDir(Path tree) {
        return build.build(tree);
    }
}
