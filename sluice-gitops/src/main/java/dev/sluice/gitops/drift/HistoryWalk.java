package dev.sluice.gitops.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the commit that introduced a failed spec into Git. Pure: the builds come through
 * {@link Builds}, which the caller backs with the kustomize engine.
 *
 * <h2>Algorithm</h2>
 * The tracked branch's first-parent chain is walked from the failed revision (the Kustomization's
 * {@code lastAppliedRevision}) towards older commits, at most {@code limit} commits:
 * <ol>
 *   <li>The failed revision must build the failed spec (the live target); if not, Git and the
 *       cluster disagree for another reason and nothing is reported ({@link HeadDiffers}).</li>
 *   <li>Going back while each commit still builds the failed spec finds the oldest such commit in
 *       an unbroken run: the <em>introducing</em> commit. Later commits did not change the spec.</li>
 *   <li>Going further back finds the newest commit that builds the promoted spec (the primary): the
 *       <em>last good</em> commit. The commits after it up to the introducing one are the
 *       <em>range</em> whose changes made the failed spec (usually one commit).</li>
 * </ol>
 * A build that fails or lacks the target counts as "neither spec". The walk is linear, not a
 * bisection, because "builds the failed spec" is not monotonic in history (a change can be made,
 * reverted and made again); it stops at the last good commit, so it usually builds two or three
 * commits. Commits with the same tree as an already built one are not built again (the
 * {@link Builds} implementation memoizes by tree id).
 */
public final class HistoryWalk {

    /** The declared spec of the target at one commit. */
    @FunctionalInterface
    public interface Builds {
        /** The target as the commit builds it, or empty when the build fails or has no such target. */
        Optional<WorkloadSpec> at(CommitInfo commit);
    }

    /** The outcome of a walk. */
    public sealed interface Result {
    }

    /**
     * @param introducing the oldest commit of the run that builds the failed spec
     * @param range       commits from the introducing one back to (excluding) the last good one, newest
     *                    first; just the introducing commit when no good one was found
     * @param lastGood    the newest older commit building the promoted spec, if within the limit
     */
    public record Found(CommitInfo introducing, List<CommitInfo> range, Optional<CommitInfo> lastGood)
            implements Result {
        public Found {
            range = List.copyOf(range);
        }

        /** True when one non-merge commit turned the promoted spec into the failed one. */
        public boolean singleCommit() {
            return lastGood.isPresent() && range.size() == 1 && !introducing.isMerge();
        }
    }

    /** The failed revision does not build the failed spec. */
    public record HeadDiffers(String reason) implements Result {
    }

    /** Every commit within the limit builds the failed spec: where it came from is further back. */
    public record TooDeep(String reason) implements Result {
    }

    private HistoryWalk() {
    }

    /**
     * @param chain   the first-parent chain, newest (the failed revision) first; at most {@code limit} long
     * @param failed  the live target's spec
     * @param promoted the primary's spec
     */
    public static Result walk(List<CommitInfo> chain, Builds builds, WorkloadSpec failed, WorkloadSpec promoted) {
        if (chain.isEmpty()) {
            return new HeadDiffers("the failed revision is not in the repository's history");
        }
        Optional<WorkloadSpec> head = builds.at(chain.get(0));
        if (head.isEmpty()) {
            return new HeadDiffers("commit " + chain.get(0).shortSha() + " does not build the target");
        }
        if (!head.get().coveredBy(failed)) {
            return new HeadDiffers("commit " + chain.get(0).shortSha() + " does not build the spec the target runs");
        }
        int k = 0;
        while (k + 1 < chain.size() && builds.at(chain.get(k + 1)).map(s -> s.coveredBy(failed)).orElse(false)) {
            k++;
        }
        if (k == chain.size() - 1 && !chain.get(k).parents().isEmpty()) {
            return new TooDeep("all of the last " + chain.size() + " commits build the failed spec; it was introduced"
                    + " before " + chain.get(k).shortSha());
        }
        List<CommitInfo> range = new ArrayList<>();
        range.add(chain.get(k));
        for (int j = k + 1; j < chain.size(); j++) {
            CommitInfo c = chain.get(j);
            if (builds.at(c).map(s -> s.coveredBy(promoted)).orElse(false)) {
                return new Found(chain.get(k), range, Optional.of(c));
            }
            range.add(c);
        }
        return new Found(chain.get(k), List.of(chain.get(k)), Optional.empty());
    }
}
