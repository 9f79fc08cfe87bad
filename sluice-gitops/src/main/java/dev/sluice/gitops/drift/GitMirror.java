package dev.sluice.gitops.drift;

import dev.sluice.gitops.source.GitAuth;
import dev.sluice.gitops.source.GitSourceException;
import dev.sluice.gitops.source.JGitClient;
import dev.sluice.gitops.source.TransportSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A full-history bare clone of one remote branch (and of Sluice's revert branches), kept in a
 * cache directory and fetched incrementally: what drift analysis walks, and where revert commits
 * are made, without a working tree, before they are pushed. Pushes never force.
 *
 * <p>Not thread-safe: callers serialize use of one directory ({@link GitMirrors} does).
 */
public final class GitMirror implements AutoCloseable {

    /** Where Sluice's revert branches live on the remote. */
    public static final String REVERT_PREFIX = "refs/heads/sluice/revert/";

    private final Repository repo;
    private final String url;
    private final GitAuth auth;
    private final Duration timeout;

    private GitMirror(Repository repo, String url, GitAuth auth, Duration timeout) {
        this.repo = repo;
        this.url = url;
        this.auth = auth;
        this.timeout = timeout;
    }

    /** Opens (creating if needed) the mirror in {@code dir}; stale lock files are removed first. */
    public static GitMirror open(Path dir, String url, GitAuth auth, Duration timeout) throws IOException {
        Files.createDirectories(dir);
        for (String lock : List.of("packed-refs.lock", "config.lock", "HEAD.lock", "FETCH_HEAD.lock", "index.lock")) {
            Files.deleteIfExists(dir.resolve(lock));
        }
        Repository repo;
        if (Files.isDirectory(dir.resolve("objects"))) {
            repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
        } else {
            try {
                repo = Git.init().setBare(true).setGitDir(dir.toFile()).setInitialBranch("main").call().getRepository();
            } catch (GitAPIException e) {
                throw new IOException("cannot create a Git mirror in " + dir + ": " + e.getMessage(), e);
            }
        }
        return new GitMirror(repo, url, auth, timeout);
    }

    public String url() {
        return url;
    }

    /**
     * Fetches {@code branch} and every {@code sluice/revert/*} branch; returns the branch's tip.
     *
     * @throws GitSourceException AuthenticationFailed or GitOperationFailed, with a readable message
     */
    public String fetch(String branch) throws GitSourceException {
        try (Git git = new Git(repo); TransportSetup setup = TransportSetup.of(auth)) {
            setup.apply(git.fetch().setRemote(url).setRefSpecs(
                            new RefSpec("+refs/heads/" + branch + ":refs/heads/" + branch),
                            new RefSpec("+" + REVERT_PREFIX + "*:" + REVERT_PREFIX + "*"))
                    .setTagOpt(TagOpt.NO_TAGS).setRemoveDeletedRefs(true), timeout).call();
        } catch (Exception e) {
            throw JGitClient.classify("unable to fetch '" + branch + "' from '" + url + "'", url, e);
        }
        return ref("refs/heads/" + branch).orElseThrow(() -> new GitSourceException(
                GitSourceException.GIT_OPERATION_FAILED, "branch '" + branch + "' not found in '" + url + "'"));
    }

    /** The commit a local reference points at (after {@link #fetch}, the remote's). */
    public Optional<String> ref(String name) {
        try {
            ObjectId id = repo.resolve(name + "^{commit}");
            return Optional.ofNullable(id).map(ObjectId::getName);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public boolean contains(String sha) {
        return commit(sha).isPresent();
    }

    public Optional<CommitInfo> commit(String sha) {
        try (RevWalk walk = new RevWalk(repo)) {
            ObjectId id = repo.resolve(sha + "^{commit}");
            return id == null ? Optional.empty() : Optional.of(info(walk.parseCommit(id)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The first-parent chain from {@code from}, newest first, at most {@code limit} commits. */
    public List<CommitInfo> firstParents(String from, int limit) throws IOException {
        List<CommitInfo> out = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit c = walk.parseCommit(ObjectId.fromString(from));
            while (c != null && out.size() < limit) {
                out.add(info(c));
                c = c.getParentCount() == 0 ? null : walk.parseCommit(c.getParent(0));
            }
        }
        return out;
    }

    /** Commits reachable from {@code from} (all parents), newest first by commit time, at most {@code limit}. */
    public List<CommitInfo> recent(String from, int limit) throws IOException {
        List<CommitInfo> out = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo)) {
            walk.sort(org.eclipse.jgit.revwalk.RevSort.COMMIT_TIME_DESC);
            walk.markStart(walk.parseCommit(ObjectId.fromString(from)));
            for (RevCommit c : walk) {
                if (out.size() >= limit) {
                    break;
                }
                out.add(info(c));
            }
        }
        return out;
    }


    private static CommitInfo info(RevCommit c) {
        List<String> parents = new ArrayList<>();
        for (RevCommit p : c.getParents()) {
            parents.add(p.getName());
        }
        PersonIdent a = c.getAuthorIdent();
        return new CommitInfo(c.getName(), c.getTree().getName(), parents, a.getName(), a.getEmailAddress(),
                a.getWhenAsInstant(), c.getFullMessage());
    }

    /** The paths (files) a commit changed against its first parent (all of them for a root commit). */
    public List<String> changedPaths(CommitInfo c) throws IOException {
        List<String> out = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(c.sha()));
            if (commit.getParentCount() == 0) {
                tw.addTree(new org.eclipse.jgit.treewalk.EmptyTreeIterator());
            } else {
                tw.addTree(walk.parseCommit(commit.getParent(0)).getTree());
            }
            tw.addTree(commit.getTree());
            tw.setRecursive(true);
            tw.setFilter(org.eclipse.jgit.treewalk.filter.TreeFilter.ANY_DIFF);
            while (tw.next()) {
                out.add(tw.getPathString());
            }
        }
        return out;
    }

    /** The paths whose content differs between two commits. */
    public List<String> changedPaths(String from, String to) throws IOException {
        List<String> out = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(walk.parseCommit(ObjectId.fromString(from)).getTree());
            tw.addTree(walk.parseCommit(ObjectId.fromString(to)).getTree());
            tw.setRecursive(true);
            tw.setFilter(org.eclipse.jgit.treewalk.filter.TreeFilter.ANY_DIFF);
            while (tw.next()) {
                out.add(tw.getPathString());
            }
        }
        return out;
    }

    /** The unified diff between two commits, as {@code git diff from to} prints it. */
    public String diff(String from, String to) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (RevWalk walk = new RevWalk(repo);
             org.eclipse.jgit.diff.DiffFormatter f = new org.eclipse.jgit.diff.DiffFormatter(out)) {
            f.setRepository(repo);
            f.format(walk.parseCommit(ObjectId.fromString(from)).getTree(), walk.parseCommit(ObjectId.fromString(to)).getTree());
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A file's bytes at a commit; empty when it has no such regular file. */
    public Optional<byte[]> read(String sha, String path) throws IOException {
        try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader()) {
            RevCommit c = walk.parseCommit(ObjectId.fromString(sha));
            try (TreeWalk tw = TreeWalk.forPath(reader, path, c.getTree())) {
                if (tw == null || !isFile(tw.getFileMode(0))) {
                    return Optional.empty();
                }
                return Optional.of(reader.open(tw.getObjectId(0)).getBytes());
            }
        }
    }

    /** Writes the regular files of {@code sha} that {@code include} accepts into the empty directory {@code dir}. */
    public void materialize(String sha, Path dir, java.util.function.Predicate<String> include) throws IOException {
        try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader(); TreeWalk tw = new TreeWalk(reader)) {
            tw.addTree(walk.parseCommit(ObjectId.fromString(sha)).getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                String path = tw.getPathString();
                if (!isFile(tw.getFileMode(0)) || !TreeFiles.safe(path) || !include.test(path)) {
                    continue;
                }
                Path f = dir.resolve(path);
                Files.createDirectories(f.getParent());
                Files.write(f, reader.open(tw.getObjectId(0)).getBytes());
            }
        }
    }

    /** The {@code .sourceignore} files of a commit by directory ("" for the root), parents first. */
    public Map<String, String> sourceIgnores(String sha) throws IOException {
        java.util.TreeMap<String, String> out = new java.util.TreeMap<>(TreeFiles::preOrder);
        try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader(); TreeWalk tw = new TreeWalk(reader)) {
            tw.addTree(walk.parseCommit(ObjectId.fromString(sha)).getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                String path = tw.getPathString();
                if (isFile(tw.getFileMode(0)) && (path.equals(TreeFiles.IGNORE_FILE) || path.endsWith("/" + TreeFiles.IGNORE_FILE))) {
                    String d = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
                    out.put(d, new String(reader.open(tw.getObjectId(0)).getBytes(1 << 20), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        return new java.util.LinkedHashMap<>(out);
    }

    /**
     * Makes a commit on top of {@code parent} with {@code files} changed (a null value deletes the
     * file); nothing else in the tree changes and no reference moves.
     *
     * @return the new commit's id
     */
    public String writeCommit(String parent, Map<String, byte[]> files, PersonIdent author, String message)
            throws IOException {
        try (RevWalk walk = new RevWalk(repo); ObjectInserter ins = repo.newObjectInserter()) {
            RevCommit p = walk.parseCommit(ObjectId.fromString(parent));
            DirCache index = DirCache.newInCore();
            try (ObjectReader reader = repo.newObjectReader()) {
                org.eclipse.jgit.dircache.DirCacheBuilder b = index.builder();
                b.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, p.getTree());
                b.finish();
            }
            DirCacheEditor editor = index.editor();
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                if (f.getValue() == null) {
                    editor.add(new DirCacheEditor.DeletePath(f.getKey()));
                    continue;
                }
                ObjectId blob = ins.insert(Constants.OBJ_BLOB, f.getValue());
                FileMode existing = modeAt(p, f.getKey());
                editor.add(new DirCacheEditor.PathEdit(f.getKey()) {
                    @Override
                    public void apply(DirCacheEntry e) {
                        e.setFileMode(existing);
                        e.setObjectId(blob);
                    }
                });
            }
            editor.finish();
            CommitBuilder cb = new CommitBuilder();
            cb.setTreeId(index.writeTree(ins));
            cb.setParentId(p);
            cb.setAuthor(author);
            cb.setCommitter(author);
            cb.setMessage(message);
            ObjectId id = ins.insert(cb);
            ins.flush();
            return id.getName();
        }
    }

    private FileMode modeAt(RevCommit c, String path) throws IOException {
        try (TreeWalk tw = TreeWalk.forPath(repo, path, c.getTree())) {
            return tw != null && tw.getFileMode(0) == FileMode.EXECUTABLE_FILE ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE;
        }
    }

    /** What a push did. */
    public sealed interface Push {
    }

    /** The remote branch now points at the commit. */
    public record Pushed(String branch, String sha) implements Push {
    }

    /** The remote refused the update (not a fast-forward, protected branch, hook); nothing changed. */
    public record Rejected(String branch, String reason) implements Push {
    }

    /**
     * Pushes {@code sha} to {@code refs/heads/<branch>}, never forced ({@link GitPush}).
     *
     * @throws GitSourceException AuthenticationFailed or GitOperationFailed (unreachable, timeout)
     */
    public Push push(String sha, String branch) throws GitSourceException {
        return GitPush.push(repo, url, auth, timeout, sha, branch);
    }

    private static boolean isFile(FileMode m) {
        return m == FileMode.REGULAR_FILE || m == FileMode.EXECUTABLE_FILE;
    }

    @Override
    public void close() {
        repo.close();
    }
}
