package dev.sluice.gitops.drift;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The message of a revert commit, and the trailers that make write-back idempotent: a later call
 * finds {@code Sluice-Canary} and {@code Sluice-Reverts} in the branch's history (or the revert
 * branch by name) and reports the existing revert instead of making another. Pure.
 */
final class RevertMessage {

    static final String CANARY = "Sluice-Canary";
    static final String FAILED_REVISION = "Sluice-Failed-Revision";
    static final String REVERTS = "Sluice-Reverts";

    private RevertMessage() {
    }

    /**
     * @param kind      revert of one commit, or a restore patch
     * @param undone    the offending commits, newest first
     * @param files     the files changed
     */
    static String of(Subject s, RevertResult.Kind kind, CommitInfo introducing, List<CommitInfo> undone,
                     List<String> files, Verdict verdict) {
        StringBuilder b = new StringBuilder();
        String target = s.target().kind() + " " + s.target().namespace() + "/" + s.target().name();
        if (kind == RevertResult.Kind.REVERT) {
            b.append("Revert \"").append(introducing.subject()).append("\"\n\n");
            b.append("This reverts commit ").append(introducing.sha()).append(".\n\n");
        } else {
            b.append("Restore ").append(target).append(" to its promoted spec\n\n");
            StringBuilder p = new StringBuilder("Undoes the part of ").append(undone.size() == 1 ? "commit " : "commits ");
            for (int i = 0; i < undone.size(); i++) {
                CommitInfo c = undone.get(i);
                p.append(i > 0 ? ", " : "").append(c.shortSha()).append(" (\"").append(c.subject()).append("\")");
            }
            p.append(" that changed the workload, in ").append(String.join(", ", files)).append(". The other changes are kept.");
            b.append(wrap(p.toString())).append("\n\n");
        }
        b.append("Canary ").append(s.canaryRef()).append(" failed its analysis of revision ").append(s.failedRevision())
                .append(":\n").append(verdict.describe()).append("\n\n");
        b.append("The cluster still runs the promoted spec; this makes Git declare it again, so that\n"
                + "Git and the cluster agree (Sluice, sluice.dev/revert-on-failure).\n\n");
        b.append(CANARY).append(": ").append(s.canaryRef()).append('\n');
        b.append(FAILED_REVISION).append(": ").append(s.failedRevision()).append('\n');
        b.append(REVERTS).append(": ").append(introducing.sha()).append('\n');
        return b.toString();
    }

    /** Wraps prose at 72 columns, as commit messages are read. */
    static String wrap(String text) {
        StringBuilder out = new StringBuilder();
        int col = 0;
        for (String word : text.split(" ")) {
            if (col > 0 && col + 1 + word.length() > 72) {
                out.append('\n');
                col = 0;
            } else if (col > 0) {
                out.append(' ');
                col++;
            }
            out.append(word);
            col += word.length();
        }
        return out.toString();
    }

    /** The value of a trailer in a commit message, if present. */
    static Optional<String> trailer(String message, String key) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(key) + ": *(\\S+) *$").matcher(message);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return Optional.ofNullable(last);
    }

    /** {@code sluice/revert/<ns>-<canary>-<shortsha>}. */
    static String branch(Subject s, CommitInfo introducing) {
        return "sluice/revert/" + s.canary().namespace() + "-" + s.canary().name() + "-" + introducing.shortSha();
    }
}
