package dev.sluice.gitops.source;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The port to Git remotes. Implementations are thread-safe for different cache directories; calls
 * for the same cache directory must not overlap (the reconciler runs one key at a time).
 */
public interface GitClient {

    /**
     * Lists the remote's references without fetching objects ({@code git ls-remote}).
     *
     * @throws GitSourceException AuthenticationFailed when the server refuses the credentials,
     *                            GitOperationFailed for anything else (unreachable, not a repository, timeout)
     */
    RemoteRefs lsRemote(String url, GitAuth auth, Duration timeout) throws GitSourceException;

    /**
     * Fetches one reference into the bare cache repository {@code cacheDir} (created if missing)
     * and returns the commit it resolves to. Incremental: objects already in the cache are not
     * fetched again.
     *
     * @param ref      a full reference ({@code refs/heads/main}) or {@code HEAD}
     * @param shallow  fetch only the tip commit (depth 1)
     * @param expected the commit wanted (possibly abbreviated), or "" for the reference's tip
     * @throws GitSourceException as {@link #lsRemote}; GitOperationFailed also when {@code expected}
     *                            is not in the fetched history
     */
    FetchedCommit fetch(String url, GitAuth auth, Duration timeout, Path cacheDir, String ref, boolean shallow,
                        String expected) throws GitSourceException;

    /**
     * The commit {@code id} (40 hex) if the cache already holds it, so a rebuild with other
     * settings (ignore rules, includes) needs no network. Never throws: an unreadable cache is empty.
     */
    java.util.Optional<FetchedCommit> cached(Path cacheDir, String id);

    /** A fetched commit. */
    record FetchedCommit(String id, String subject) {

        /** The subject as Flux puts it in events: at most 50 characters, then "...". */
        public String shortMessage() {
            return subject.codePointCount(0, subject.length()) > 50
                    ? subject.substring(0, subject.offsetByCodePoints(0, 50)) + "..." : subject;
        }
    }
}
