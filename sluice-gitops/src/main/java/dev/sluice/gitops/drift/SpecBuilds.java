package dev.sluice.gitops.drift;

import dev.sluice.api.ObjectKey;
import dev.sluice.api.source.GitRepository;
import dev.sluice.gitops.source.SourceFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds of one Kustomization at commits of a mirror, memoized by tree id (two commits with the
 * same tree build the same objects). Every checkout goes to one working directory, which is updated
 * with the difference between the commit it holds and the next one: cheap for the neighbouring
 * commits of a history walk and for candidates that differ from the tip in a few files. The
 * directory outlives the call ({@link GitMirrors} keeps it per source); a sidecar file records the
 * commit it holds, removed while it changes, so a process killed mid-update writes it whole next
 * time. Not thread-safe; lives for one analysis or write-back.
 */
final class SpecBuilds implements HistoryWalk.Builds {

    /** More changed files than this and the directory is written whole again. */
    private static final int MAX_INCREMENTAL = 500;

    private final GitMirror mirror;
    private final Path dir;
    private final Path sidecar;
    private final KustomizationBuild build;
    private final GitRepository source;
    private final ObjectKey target;
    private final Map<String, KustomizationBuild.Outcome> byTree = new HashMap<>();
    private String held;
    private SourceFilter heldFilter;

    SpecBuilds(GitMirror mirror, Path work, KustomizationBuild build, GitRepository source, ObjectKey target) {
        this.mirror = mirror;
        this.dir = work.resolve("tree");
        this.sidecar = work.resolve("tree.commit");
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
                checkout(commit.sha());
                return build.build(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The working directory: the files of the commit last checked out. */
    Path dir() {
        return dir;
    }

    /** Makes {@link #dir()} hold the artifact files of {@code sha} (Flux's ignore rules applied). */
    void checkout(String sha) throws IOException {
        if (sha.equals(held)) {
            return;
        }
        String prev = held != null ? held : readSidecar();
        Files.deleteIfExists(sidecar);
        if (prev != null && Files.isDirectory(dir) && mirror.contains(prev)) {
            SourceFilter filter = heldFilter != null ? heldFilter : filter(prev);
            List<String> changed = mirror.changedPaths(prev, sha);
            if (changed.size() <= MAX_INCREMENTAL && changed.stream().noneMatch(SpecBuilds::affectsFilter)) {
                for (String path : changed) {
                    Path f = dir.resolve(path);
                    if (!TreeFiles.safe(path)) {
                        continue;
                    }
                    Optional<byte[]> content = filter.includes(path) ? mirror.read(sha, path) : Optional.empty();
                    if (content.isPresent()) {
                        Files.createDirectories(f.getParent());
                        Files.write(f, content.get());
                    } else {
                        Files.deleteIfExists(f);
                    }
                }
                held(sha, filter);
                return;
            }
        }
        SourceFilter filter = filter(sha);
        TreeFiles.clear(dir);
        Files.createDirectories(dir);
        mirror.materialize(sha, dir, filter::includes);
        held(sha, filter);
    }

    /** Builds whatever {@link #dir()} holds (e.g. a candidate commit). */
    KustomizationBuild.Outcome buildDir() {
        return build.build(dir);
    }

    private void held(String sha, SourceFilter filter) throws IOException {
        held = sha;
        heldFilter = filter;
        Files.writeString(sidecar, sha, StandardCharsets.US_ASCII);
    }

    private String readSidecar() {
        try {
            String s = Files.readString(sidecar, StandardCharsets.US_ASCII).strip();
            return s.matches("[0-9a-f]{40}") ? s : null;
        } catch (IOException e) {
            return null;
        }
    }

    private SourceFilter filter(String sha) throws IOException {
        return SourceFilter.of(mirror.sourceIgnores(sha), source.spec().ignore(), source.spec().sparseCheckout());
    }

    private static boolean affectsFilter(String path) {
        return path.equals(TreeFiles.IGNORE_FILE) || path.endsWith("/" + TreeFiles.IGNORE_FILE);
    }
}
