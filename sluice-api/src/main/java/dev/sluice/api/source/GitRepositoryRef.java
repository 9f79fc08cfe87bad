package dev.sluice.api.source;

/**
 * {@code spec.ref} of a GitRepository as written; empty strings mean "not set". {@link #effective()}
 * applies Flux's precedence {@code commit > name > semver > tag > branch}, default branch
 * {@code master}.
 */
public record GitRepositoryRef(String branch, String tag, String semver, String name, String commit) {

    public static final String DEFAULT_BRANCH = "master";

    public GitRepositoryRef {
        branch = nullToEmpty(branch);
        tag = nullToEmpty(tag);
        semver = nullToEmpty(semver);
        name = nullToEmpty(name);
        commit = nullToEmpty(commit);
    }

    public static GitRepositoryRef branch(String branch) {
        return new GitRepositoryRef(branch, "", "", "", "");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s.strip();
    }

    /** The one reference that counts. */
    public Selected effective() {
        if (!commit.isEmpty()) {
            return new Selected.Commit(commit, branch);
        }
        if (!name.isEmpty()) {
            return new Selected.Name(name);
        }
        if (!semver.isEmpty()) {
            return new Selected.Semver(semver);
        }
        if (!tag.isEmpty()) {
            return new Selected.Tag(tag);
        }
        return new Selected.Branch(branch.isEmpty() ? DEFAULT_BRANCH : branch);
    }

    /** The reference a GitRepository follows, after precedence. */
    public sealed interface Selected {

        /** A fixed commit; {@code branch} (may be empty) is fetched to find it and names the revision. */
        record Commit(String sha, String branch) implements Selected {
        }

        /** A full reference name such as {@code refs/pull/1/head}. */
        record Name(String ref) implements Selected {
        }

        /** The highest tag matching a semver range. */
        record Semver(String range) implements Selected {
        }

        record Tag(String tag) implements Selected {
        }

        record Branch(String branch) implements Selected {
        }
    }
}
