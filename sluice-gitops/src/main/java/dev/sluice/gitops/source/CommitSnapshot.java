package dev.sluice.gitops.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathSuffixFilter;

/**
 * Reads the files of one commit straight from a (bare) repository's object database, with no
 * checkout: regular and executable files only; symlinks and submodules are skipped, as Flux's
 * archiver skips everything that is not a regular file.
 */
final class CommitSnapshot {

    private CommitSnapshot() {
    }

    /** Writes the filtered files of {@code commit} into {@code writer}; returns how many were written. */
    static int write(Path gitDir, String commit, Optional<String> specIgnore, List<String> sparse, ArtifactWriter writer)
            throws IOException {
        return write(gitDir, commit, specIgnore, sparse, List.of(), writer);
    }

    /**
     * Writes the filtered files of {@code commit}, then the files of {@code includes}; an included
     * file replaces a file of the commit at the same path (Flux copies includes over the checkout).
     * The ignore rules apply to included files at their new paths; sparse checkout does not.
     */
    static int write(Path gitDir, String commit, Optional<String> specIgnore, List<String> sparse,
                     List<Included> includes, ArtifactWriter writer) throws IOException {
        Map<String, Included.File> included = new TreeMap<>();
        for (Included inc : includes) {
            for (Included.File f : inc.files()) {
                if (safe(f.target())) {
                    included.put(f.target(), f);
                }
            }
        }
        try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
             ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            RevCommit c = walk.parseCommit(ObjectId.fromString(commit));
            Map<String, String> ignores = sourceIgnores(reader, c);
            SourceFilter filter = SourceFilter.of(ignores, specIgnore, sparse);
            SourceFilter includeFilter = SourceFilter.of(ignores, specIgnore, List.of());
            try (TreeWalk tw = new TreeWalk(reader)) {
                tw.addTree(c.getTree());
                tw.setRecursive(true);
                int n = 0;
                while (tw.next()) {
                    FileMode mode = tw.getFileMode(0);
                    String path = tw.getPathString();
                    if ((mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) || !safe(path)
                            || !filter.includes(path) || included.containsKey(path)) {
                        continue;
                    }
                    ObjectLoader blob = reader.open(tw.getObjectId(0));
                    try (InputStream in = blob.openStream()) {
                        writer.add(path, mode == FileMode.EXECUTABLE_FILE, tw.getObjectId(0).getName(), blob.getSize(), in);
                    }
                    n++;
                }
                for (Included.File f : included.values()) {
                    if (includeFilter.includes(f.target())) {
                        try (InputStream in = Included.open(f)) {
                            writer.add(f.target(), f.executable(), "", java.nio.file.Files.size(f.source()), in);
                        }
                        n++;
                    }
                }
                return n;
            }
        }
    }

    /** Every {@code .sourceignore} of the commit by directory, parents first, siblings by name. */
    private static Map<String, String> sourceIgnores(ObjectReader reader, RevCommit c) throws IOException {
        Map<String, String> byDir = new TreeMap<>(CommitSnapshot::preOrder);
        try (TreeWalk tw = new TreeWalk(reader)) {
            tw.addTree(c.getTree());
            tw.setRecursive(true);
            tw.setFilter(PathSuffixFilter.create("/" + SourceFilter.IGNORE_FILE));
            while (tw.next()) {
                addIgnore(reader, tw, byDir);
            }
        }
        try (TreeWalk root = TreeWalk.forPath(reader, SourceFilter.IGNORE_FILE, c.getTree())) {
            if (root != null) {
                addIgnore(reader, root, byDir);
            }
        }
        return new LinkedHashMap<>(byDir);
    }

    private static void addIgnore(ObjectReader reader, TreeWalk tw, Map<String, String> byDir) throws IOException {
        if (tw.getFileMode(0) != FileMode.REGULAR_FILE && tw.getFileMode(0) != FileMode.EXECUTABLE_FILE) {
            return;
        }
        String path = tw.getPathString();
        String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
        byDir.put(dir, new String(reader.open(tw.getObjectId(0)).getBytes(1 << 20), StandardCharsets.UTF_8));
    }

    /** Directory order of a depth-first walk with sorted siblings: a parent before its children. */
    private static int preOrder(String a, String b) {
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

    /** Refuses paths that could escape the artifact directory or shadow Git's own. */
    private static boolean safe(String path) {
        for (String seg : path.split("/")) {
            if (seg.isEmpty() || seg.equals(".") || seg.equals("..") || seg.equalsIgnoreCase(".git")) {
                return false;
            }
        }
        return true;
    }
}
