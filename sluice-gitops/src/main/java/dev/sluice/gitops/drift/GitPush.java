package dev.sluice.gitops.drift;

import dev.sluice.gitops.source.GitAuth;
import dev.sluice.gitops.source.GitSourceException;
import dev.sluice.gitops.source.JGitClient;
import dev.sluice.gitops.source.TransportSetup;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * Pushes a commit of a mirror to a branch of its remote: never forced, atomic, with the source's
 * credentials; a local working repository is cared for as git's {@code updateInstead} does.
 */
final class GitPush {

    /** The local reference the pushed commit is sent from. */
    private static final String OUTGOING = "refs/sluice/outgoing";

    private GitPush() {
    }

    /**
     * Pushes {@code sha} to {@code refs/heads/<branch>}, never forced: if the branch moved since the
     * commit's parent was fetched, the remote rejects it as not a fast-forward.
     *
     * @throws GitSourceException AuthenticationFailed or GitOperationFailed (unreachable, timeout)
     */
    static GitMirror.Push push(Repository repo, String url, GitAuth auth, Duration timeout, String sha, String branch)
            throws GitSourceException {
        String remote = "refs/heads/" + branch;
        Optional<Repository> local = checkedOutLocally(url, branch);
        try (Git git = new Git(repo); TransportSetup setup = TransportSetup.of(auth)) {
            if (local.isPresent() && Git.wrap(local.get()).status().call().hasUncommittedChanges()) {
                return new GitMirror.Rejected(branch, "branch '" + branch + "' is checked out in " + local.get().getWorkTree()
                        + " with uncommitted changes; commit or stash them, or use the branch mode");
            }
            RefUpdate u = repo.updateRef(OUTGOING);
            u.setNewObjectId(ObjectId.fromString(sha));
            u.forceUpdate();
            Iterable<PushResult> results = setup.apply(git.push().setRemote(url)
                    .setRefSpecs(new RefSpec(OUTGOING + ":" + remote)).setForce(false).setAtomic(true), timeout).call();
            for (PushResult r : results) {
                RemoteRefUpdate ru = r.getRemoteUpdate(remote);
                if (ru == null) {
                    continue;
                }
                switch (ru.getStatus()) {
                    case OK, UP_TO_DATE -> {
                        if (local.isPresent()) {
                            // git's receive.denyCurrentBranch=updateInstead: the clean working tree follows the branch.
                            Git.wrap(local.get()).reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD)
                                    .setRef(sha).call();
                        }
                        return new GitMirror.Pushed(branch, sha);
                    }
                    case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> {
                        return new GitMirror.Rejected(branch, "the remote branch '" + branch
                                + "' moved on (not a fast-forward); fetch again and retry");
                    }
                    default -> {
                        String m = ru.getMessage() == null ? ru.getStatus().toString() : ru.getMessage();
                        return new GitMirror.Rejected(branch, "the remote refused the update of '" + branch + "': " + m);
                    }
                }
            }
            return new GitMirror.Rejected(branch, "the remote did not report on '" + branch + "'");
        } catch (GitAPIException | IOException e) {
            throw JGitClient.classify("unable to push to '" + branch + "' of '" + url + "'", url, e);
        } finally {
            local.ifPresent(Repository::close);
        }
    }

    /**
     * The repository behind a {@code file://} URL when it has a working tree with {@code branch}
     * checked out: pushing there moves the branch under the user's files, so a push is refused while
     * they have uncommitted changes, and afterwards the working tree is updated (as git does with
     * {@code receive.denyCurrentBranch=updateInstead}; plain git would refuse the push).
     */
    private static Optional<Repository> checkedOutLocally(String url, String branch) {
        if (!url.startsWith("file:")) {
            return Optional.empty();
        }
        try {
            java.io.File dir = java.nio.file.Path.of(java.net.URI.create(url)).toFile();
            if (!new java.io.File(dir, ".git").exists()) {
                return Optional.empty(); // a bare repository (or none): no working tree to care for
            }
            Repository r = new FileRepositoryBuilder().setWorkTree(dir).setMustExist(true).build();
            if (!r.isBare() && ("refs/heads/" + branch).equals(r.getFullBranch())) {
                return Optional.of(r);
            }
            r.close();
        } catch (IOException | IllegalArgumentException e) {
            // Not a local repository we can inspect: the push itself says what is wrong.
        }
        return Optional.empty();
    }
}
