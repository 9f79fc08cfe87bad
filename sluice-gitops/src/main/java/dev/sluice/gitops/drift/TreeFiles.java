package dev.sluice.gitops.drift;

import dev.sluice.gitops.source.SourceFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A commit's files on disk as the GitRepository's artifact would hold them (Flux's ignore rules:
 * {@code .sourceignore}, {@code spec.ignore}, sparse checkout), for the kustomize engine to build.
 */
final class TreeFiles {

    static final String IGNORE_FILE = SourceFilter.IGNORE_FILE;

    private TreeFiles() {
    }

    /** Writes {@code sha}'s artifact files into {@code dir}, emptied first. */
    static void materialize(GitMirror mirror, String sha, Path dir, Optional<String> specIgnore, List<String> sparse)
            throws IOException {
        clear(dir);
        Files.createDirectories(dir);
        SourceFilter filter = SourceFilter.of(mirror.sourceIgnores(sha), specIgnore, sparse);
        mirror.materialize(sha, dir, filter::includes);
    }

    /** Deletes a directory tree if it exists. */
    static void clear(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Refuses paths that could escape the directory or shadow Git's own. */
    static boolean safe(String path) {
        for (String seg : path.split("/")) {
            if (seg.isEmpty() || seg.equals(".") || seg.equals("..") || seg.equalsIgnoreCase(".git")) {
                return false;
            }
        }
        return true;
    }

    /** Directory order of a depth-first walk with sorted siblings: a parent before its children. */
    static int preOrder(String a, String b) {
        String[] x = a.isEmpty() ? new String[0] : a.split("/");
        String[] y = b.isEmpty() ? new String[0] : b.split("/");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
