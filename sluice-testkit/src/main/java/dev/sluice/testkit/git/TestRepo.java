package dev.sluice.testkit.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A real Git repository with a working tree, built step by step in tests:
 * {@code TestRepo.init(dir).write("a.yaml", "...").commit("add a")}. Commits get deterministic
 * author times (one second apart from 2026-01-01), so tests do not depend on the wall clock.
 * Not thread-safe; {@link #close()} releases the repository.
 */
public final class TestRepo implements AutoCloseable {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final Git git;
    private final Path dir;
    private final AtomicLong tick = new AtomicLong();

    private TestRepo(Git git, Path dir) {
        this.git = git;
        this.dir = dir;
    }

    /** A new repository in {@code dir} whose first branch is {@code main}. */
    public static TestRepo init(Path dir) {
        return init(dir, "main");
    }

    public static TestRepo init(Path dir, String initialBranch) {
        try {
            Files.createDirectories(dir);
            Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch(initialBranch).call();
            return new TestRepo(git, dir);
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException("cannot create a repository in " + dir, e);
        }
    }

    /** The working tree. */
    public Path dir() {
        return dir;
    }

    public Repository repository() {
        return git.getRepository();
    }

    /** {@code file:///...} for JGit's local transport. */
    public String url() {
        return dir.toUri().toString();
    }

    /** Writes (creating directories) a file in the working tree; staged by the next {@link #commit}. */
    public TestRepo write(String path, String content) {
        try {
            Path f = dir.resolve(path);
            Files.createDirectories(f.getParent());
            Files.writeString(f, content, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a file or a directory tree from the working tree. */
    public TestRepo delete(String path) {
        try (Stream<Path> s = Files.walk(dir.resolve(path))) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stages everything (additions, changes, deletions) and commits; returns the commit id (40 hex). */
    public String commit(String message) {
        try {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            PersonIdent who = new PersonIdent("Sluice Test", "test@sluice.dev",
                    START.plusSeconds(tick.incrementAndGet()), ZoneOffset.UTC);
            RevCommit c = git.commit().setMessage(message).setAuthor(who).setCommitter(who).setAllowEmpty(true)
                    .setSign(false).call();
            return c.getName();
        } catch (GitAPIException e) {
            throw new IllegalStateException("commit failed", e);
        }
    }

    /** Creates a branch at HEAD (without switching to it). */
    public TestRepo branch(String name) {
        try {
            git.branchCreate().setName(name).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot create branch " + name, e);
        }
    }

    public TestRepo checkout(String branch) {
        try {
            git.checkout().setName(branch).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot check out " + branch, e);
        }
    }

    /** A lightweight tag at HEAD. */
    public TestRepo tag(String name) {
        try {
            git.tag().setName(name).setAnnotated(false).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot tag " + name, e);
        }
    }

    /** An annotated tag at HEAD (a tag object pointing at the commit). */
    public TestRepo annotatedTag(String name, String message) {
        try {
            PersonIdent who = new PersonIdent("Sluice Test", "test@sluice.dev",
                    START.plusSeconds(tick.incrementAndGet()), ZoneOffset.UTC);
            git.tag().setName(name).setMessage(message).setAnnotated(true).setTagger(who).setSigned(false).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot tag " + name, e);
        }
    }

    /** Creates an arbitrary reference (e.g. {@code refs/pull/1/head}) at HEAD. */
    public TestRepo ref(String fullName) {
        try {
            var update = repository().updateRef(fullName);
            update.setNewObjectId(repository().resolve("HEAD"));
            update.forceUpdate();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The commit id HEAD points at. */
    public String head() {
        return resolve("HEAD");
    }

    public String resolve(String revision) {
        try {
            ObjectId id = repository().resolve(revision + "^{commit}");
            if (id == null) {
                throw new IllegalArgumentException("no such revision " + revision);
            }
            return id.getName();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        git.close();
    }

}
