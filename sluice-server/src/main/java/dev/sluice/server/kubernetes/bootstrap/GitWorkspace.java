package dev.sluice.server.kubernetes.bootstrap;

import dev.sluice.gitops.source.GitAuth;
import dev.sluice.gitops.source.TransportSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.URIish;

/**
 * A working copy of one branch of a remote repository, in a directory the caller owns: clone (or start
 * the branch when the remote has no such branch, e.g. an empty repository), write files, commit only
 * when they changed, push. Credentials go through {@link TransportSetup}, as the GitRepository
 * reconciler fetches. Not thread-safe; close it to release the repository.
 */
final class GitWorkspace implements AutoCloseable {

    private final Git git;
    private final String url;
    private final String branch;
    private final GitAuth auth;
    private final Duration timeout;

    private GitWorkspace(Git git, String url, String branch, GitAuth auth, Duration timeout) {
        this.git = git;
        this.url = url;
        this.branch = branch;
        this.auth = auth;
        this.timeout = timeout;
    }

    /**
     * Clones {@code branch} of {@code url} into {@code dir}, or starts it there when the remote lacks it.
     *
     * @throws BootstrapException naming the URL when the remote cannot be read (unreachable, refused credentials)
     */
    static GitWorkspace checkout(String url, String branch, GitAuth auth, Path dir, Duration timeout) {
        String ref = Constants.R_HEADS + branch;
        try (TransportSetup transport = TransportSetup.of(auth)) {
            Collection<Ref> remote = transport.apply(Git.lsRemoteRepository().setRemote(url).setHeads(true), timeout).call();
            boolean exists = remote.stream().anyMatch(r -> r.getName().equals(ref));
            Git git;
            if (exists) {
                git = transport.apply(Git.cloneRepository().setURI(url).setDirectory(dir.toFile()).setBranch(ref)
                        .setBranchesToClone(java.util.List.of(ref)), timeout).call();
            } else {
                git = Git.init().setDirectory(dir.toFile()).setInitialBranch(branch).call();
                git.remoteAdd().setName("origin").setUri(new URIish(url)).call();
            }
            return new GitWorkspace(git, url, branch, auth, timeout);
        } catch (GitAPIException | java.net.URISyntaxException e) {
            throw new BootstrapException("cannot read branch \"" + branch + "\" of " + url + ": " + message(e), e);
        }
    }

    /** Writes {@code files} (repository path to content) into the working tree. */
    void write(Map<String, String> files) {
        Path root = git.getRepository().getWorkTree().toPath();
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = root.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stages {@code dir} and commits it when anything in it changed.
     *
     * @return the new commit's id, or empty when nothing changed
     */
    Optional<String> commit(String dir, String message, PersonIdent author) {
        try {
            git.add().addFilepattern(dir).call();
            git.add().addFilepattern(dir).setUpdate(true).call();
            Status status = git.status().addPath(dir).call();
            boolean headless = git.getRepository().resolve(Constants.HEAD) == null;
            if (status.getAdded().isEmpty() && status.getChanged().isEmpty() && status.getRemoved().isEmpty() && !headless) {
                return Optional.empty();
            }
            RevCommit c = git.commit().setMessage(message).setAuthor(author).setCommitter(author).setSign(false).call();
            return Optional.of(c.getName());
        } catch (GitAPIException | IOException e) {
            throw new BootstrapException("cannot commit to the local copy of " + url + ": " + message(e), e);
        }
    }

    /** The commit the branch points at (40 hex). */
    String head() {
        try {
            return git.getRepository().resolve(Constants.HEAD).getName();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Pushes the branch to the remote.
     *
     * @throws BootstrapException when the remote refuses (not a fast-forward: someone pushed meanwhile,
     *                            re-run; or no write access)
     */
    void push() {
        String ref = Constants.R_HEADS + branch;
        try (TransportSetup transport = TransportSetup.of(auth)) {
            Iterable<PushResult> results = transport.apply(git.push().setRemote("origin").setRefSpecs(
                    new org.eclipse.jgit.transport.RefSpec(ref + ":" + ref)), timeout).call();
            for (PushResult r : results) {
                for (RemoteRefUpdate u : r.getRemoteUpdates()) {
                    if (u.getStatus() != RemoteRefUpdate.Status.OK && u.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                        throw new BootstrapException("push to " + url + " refused: " + u.getStatus()
                                + (u.getMessage() == null ? "" : " (" + u.getMessage() + ")")
                                + (u.getStatus() == RemoteRefUpdate.Status.REJECTED_NONFASTFORWARD
                                ? "; the branch moved meanwhile, run bootstrap again" : ""));
                    }
                }
            }
        } catch (GitAPIException e) {
            throw new BootstrapException("cannot push to " + url + ": " + message(e), e);
        }
    }

    private static String message(Exception e) {
        Throwable t = e;
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null && !sb.toString().contains(t.getMessage())) {
                sb.append(": ").append(t.getMessage());
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        git.close();
    }
}
