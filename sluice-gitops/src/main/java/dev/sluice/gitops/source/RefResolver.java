package dev.sluice.gitops.source;

import dev.sluice.api.semver.SemVersion;
import dev.sluice.api.semver.SemverConstraint;
import dev.sluice.api.source.GitRepositoryRef.Selected;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides, from the advertised references alone, which reference to fetch and (when the remote
 * tells) which commit it is. Pure.
 */
public final class RefResolver {

    private RefResolver() {
    }

    /**
     * What to fetch for a reference.
     *
     * @param fetchRef the full reference to fetch; for a commit, the branch to fetch it from
     *                 ({@code HEAD} when no branch is given)
     * @param commit   the commit, known from the advertisement or fixed by {@code ref.commit}; may be
     *                 abbreviated for {@code ref.commit} until fetched
     * @param shallow  whether a depth-1 fetch is enough (not for a commit below a branch tip)
     * @param revisionRef the reference that names the revision ("" for {@code sha1:<hex>} only)
     */
    public record Resolution(String fetchRef, String commit, boolean shallow, String revisionRef) {

        /** The revision string, when the commit is fully known. */
        public String revision() {
            return GitRevision.of(revisionRef, commit);
        }

        public boolean commitKnown() {
            return commit.length() == 40;
        }
    }

    /** @throws GitSourceException (GitOperationFailed) when the reference does not exist or no tag matches */
    public static Resolution resolve(Selected ref, RemoteRefs remote) throws GitSourceException {
        return switch (ref) {
            case Selected.Branch b -> exact("refs/heads/" + b.branch(), remote, "refs/heads/" + b.branch());
            case Selected.Tag t -> exact("refs/tags/" + t.tag(), remote, "refs/tags/" + t.tag());
            case Selected.Name n -> exact(n.ref(), remote, "");
            case Selected.Semver s -> semver(s.range(), remote);
            case Selected.Commit c -> {
                String branch = c.branch().isEmpty() ? "HEAD" : "refs/heads/" + c.branch();
                if (!branch.equals("HEAD") && remote.commit(branch).isEmpty()) {
                    throw notFound(branch);
                }
                String tip = remote.commit(branch).orElse("");
                boolean atTip = c.sha().length() == 40 ? tip.equals(c.sha()) : tip.startsWith(c.sha());
                yield new Resolution(branch, atTip ? tip : c.sha(), atTip,
                        c.branch().isEmpty() ? "" : "refs/heads/" + c.branch());
            }
        };
    }

    private static Resolution exact(String name, RemoteRefs remote, String revisionRef) throws GitSourceException {
        String commit = remote.commit(name).orElseThrow(() -> notFound(name));
        return new Resolution(name, commit, true, revisionRef);
    }

    private static GitSourceException notFound(String name) {
        return new GitSourceException(GitSourceException.GIT_OPERATION_FAILED, "couldn't find remote ref \"" + name + "\"");
    }

    private static Resolution semver(String range, RemoteRefs remote) throws GitSourceException {
        SemverConstraint constraint;
        try {
            constraint = SemverConstraint.parse(range);
        } catch (IllegalArgumentException e) {
            throw new GitSourceException(GitSourceException.GIT_OPERATION_FAILED, "semver parse error: " + e.getMessage());
        }
        List<SemVersion> tags = new ArrayList<>();
        for (String name : remote.refs().keySet()) {
            if (name.startsWith("refs/tags/")) {
                SemVersion.parse(name.substring("refs/tags/".length())).ifPresent(tags::add);
            }
        }
        SemVersion best = constraint.highest(tags).orElseThrow(() -> new GitSourceException(
                GitSourceException.GIT_OPERATION_FAILED, "no match found for semver: " + range));
        return exact("refs/tags/" + best.original(), remote, "refs/tags/" + best.original());
    }
}
