package dev.sluice.gitops.drift;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import java.util.List;

/**
 * What a write-back did. Every outcome other than {@link Pushed} left Git untouched.
 * {@link #state()} is the word shown in {@code status.gitDrift.revert.result} and by the CLI.
 */
public sealed interface RevertResult {

    /** One word: Pushed, DryRun, AlreadyReverted, NothingToRevert, NotPushed, Rejected, AuthenticationFailed, Failed. */
    default String state() {
        return getClass().getSimpleName();
    }

    /** One line for people. */
    String message();

    /** How the change was made: a {@code git revert} of one commit, or a patch restoring the promoted values. */
    enum Kind { REVERT, RESTORE }

    /**
     * The change is on the remote.
     *
     * @param branch the branch pushed ({@code sluice/revert/...} or the tracked one)
     * @param commit the new commit
     * @param files  the files changed
     * @param diff   the unified diff of the commit
     */
    record Pushed(RevertMode mode, Kind kind, String branch, String commit, List<String> files, String diff,
                  String commitMessage) implements RevertResult {
        public Pushed {
            files = List.copyOf(files);
        }

        @Override
        public String message() {
            return (kind == Kind.REVERT ? "reverted" : "restored the promoted spec") + " in commit "
                    + commit.substring(0, 7) + " pushed to " + branch + " (" + String.join(", ", files) + ")";
        }
    }

    /** What would be pushed: nothing was written. */
    record DryRun(RevertMode mode, Kind kind, String branch, List<String> files, String diff, String commitMessage)
            implements RevertResult {
        public DryRun {
            files = List.copyOf(files);
        }

        @Override
        public String message() {
            return "would " + (kind == Kind.REVERT ? "revert" : "restore the promoted spec") + " on " + branch
                    + " (" + String.join(", ", files) + ")";
        }
    }

    /** A revert for this canary and offending commit exists already (idempotence); nothing was done. */
    record AlreadyReverted(String branch, String commit, String how) implements RevertResult {
        @Override
        public String message() {
            return "already reverted: " + how;
        }
    }

    /** There is no drift to revert (the reason says why); nothing was done. */
    record NothingToRevert(String reason) implements RevertResult {
        @Override
        public String message() {
            return "nothing to revert: " + reason;
        }
    }

    /** No correct change could be made (the reason says why); nothing was pushed. */
    record NotPushed(String reason) implements RevertResult {
        @Override
        public String message() {
            return "not pushed: " + reason;
        }
    }

    /** The remote refused the push (someone pushed meanwhile, protected branch); Git is untouched. */
    record Rejected(String branch, String reason) implements RevertResult {
        @Override
        public String message() {
            return "rejected: " + reason;
        }
    }

    /** The credentials were missing or refused; not retried until asked again. */
    record AuthenticationFailed(String reason) implements RevertResult {
        @Override
        public String message() {
            return "authentication failed: " + reason;
        }
    }

    /** Git could not be reached or read. */
    record Failed(String reason) implements RevertResult {
        @Override
        public String message() {
            return "failed: " + reason;
        }
    }

    /** {@code {result, message, mode?, kind?, branch?, commit?, files?, diff?, commitMessage?}}. */
    default ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("result", state()).put("message", message());
        switch (this) {
            case Pushed p -> {
                n.put("mode", p.mode().wireName()).put("kind", p.kind().name().toLowerCase()).put("branch", p.branch())
                        .put("commit", p.commit()).put("diff", p.diff()).put("commitMessage", p.commitMessage());
                n.set("files", Json.toTree(p.files()));
            }
            case DryRun d -> {
                n.put("mode", d.mode().wireName()).put("kind", d.kind().name().toLowerCase()).put("branch", d.branch())
                        .put("diff", d.diff()).put("commitMessage", d.commitMessage());
                n.set("files", Json.toTree(d.files()));
            }
            case AlreadyReverted a -> n.put("branch", a.branch()).put("commit", a.commit());
            case Rejected r -> n.put("branch", r.branch());
            default -> {
            }
        }
        return n;
    }
}
