package dev.sluice.gitops.drift;

import java.time.Duration;

/**
 * Settings of drift analysis and write-back.
 *
 * @param maxCommits    how far back the history walk goes (first-parent commits)
 * @param authorName    the author of revert commits
 * @param authorEmail   its e-mail
 * @param retryInterval how long before a Failed canary is analysed again (Git fixed by hand, an incomplete
 *                      analysis retried) and a Rejected or Failed write-back is tried again
 */
public record DriftSettings(int maxCommits, String authorName, String authorEmail, Duration retryInterval) {

    public static final DriftSettings DEFAULTS = new DriftSettings(50, "Sluice", "sluice@localhost", Duration.ofMinutes(5));

    public DriftSettings {
        if (maxCommits < 2) {
            throw new IllegalArgumentException("maxCommits must be at least 2, got " + maxCommits);
        }
    }

    public DriftSettings withAuthor(String name, String email) {
        return new DriftSettings(maxCommits, name, email, retryInterval);
    }
}
