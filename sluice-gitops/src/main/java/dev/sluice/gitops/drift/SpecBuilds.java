package dev.sluice.gitops.drift;

import dev.sluice.api.ObjectKey;
import dev.sluice.api.source.GitRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import dev.sluice.gitops.source.SourceFilter;
import java.util.HashMap;
import java.util.List;
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
    private final Map<Path, Checkout> checkedOut = new HashMap<>();

    /** More changed files than this and a directory is written whole again. */
    private static final int MAX_INCREMENTAL = 500;

    /** What a directory holds: a commit's files, filtered by the rules of that commit. */
    private record Checkout(String sha, SourceFilter filter) {
    }

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

    /**
     * Writes a commit's artifact files into {@code into}. A directory this object filled before is
     * updated with the difference between the two commits (cheap for the neighbouring commits of a
     * history walk and for candidates that differ from the tip in a few files); otherwise, or when
     * ignore rules changed, it is emptied and written whole.
     */
    void checkout(String sha, Path into) throws IOException {
        Checkout prev = checkedOut.get(into);
        if (prev != null && java.nio.file.Files.isDirectory(into)) {
            List<String> changed = mirror.changedPaths(prev.sha(), sha);
            if (changed.size() <= MAX_INCREMENTAL && changed.stream().noneMatch(SpecBuilds::affectsFilter)) {
                for (String path : changed) {
                    java.nio.file.Path f = into.resolve(path);
                    Optional<byte[]> content = TreeFiles.safe(path) && prev.filter().includes(path)
                            ? mirror.read(sha, path) : Optional.empty();
                    if (content.isPresent()) {
                        java.nio.file.Files.createDirectories(f.getParent());
                        java.nio.file.Files.write(f, content.get());
                    } else if (TreeFiles.safe(path)) {
                        java.nio.file.Files.deleteIfExists(f);
                    }
                }
                checkedOut.put(into, new Checkout(sha, prev.filter()));
                return;
            }
        }
        SourceFilter filter = SourceFilter.of(mirror.sourceIgnores(sha), source.spec().ignore(), source.spec().sparseCheckout());
        TreeFiles.clear(into);
        java.nio.file.Files.createDirectories(into);
        mirror.materialize(sha, into, filter::includes);
        checkedOut.put(into, new Checkout(sha, filter));
    }

    private static boolean affectsFilter(String path) {
        return path.equals(TreeFiles.IGNORE_FILE) || path.endsWith("/" + TreeFiles.IGNORE_FILE);
    }

    /** Builds whatever is in {@code tree} (e.g. a patched checkout). */
    KustomizationBuild.Outcome buildDir(Path tree) {
        return build.build(tree);
    }
}
