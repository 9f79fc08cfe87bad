package dev.sluice.gitops.drift;

import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KindModels;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.kustomize.Kustomization;
import dev.sluice.cluster.Cluster;
import dev.sluice.gitops.kustomization.ManifestBuilder;
import dev.sluice.gitops.source.GitSourceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Writes a failed canary's revert back to Git: finds the offending commit (as {@link DriftAnalyzer}
 * does), plans the smallest change that makes the branch tip build the promoted spec and proves it
 * with the kustomize engine ({@link RestorePlanner}), commits it as the configured author and
 * pushes it, never forced, to {@code sluice/revert/<ns>-<canary>-<shortsha>} ({@link RevertMode#BRANCH})
 * or to the tracked branch ({@link RevertMode#DIRECT}), with the GitRepository's credentials.
 *
 * <p><b>Idempotent</b> per canary and offending commit: a revert branch of that name, or a commit
 * with the trailers {@code Sluice-Canary}/{@code Sluice-Reverts} in the branch's recent history,
 * is reported as {@link RevertResult.AlreadyReverted} and nothing is done. <b>Safe</b>: a tip that
 * moved on to a spec the canary has not analysed, a change that would touch other objects, a push
 * that is not a fast-forward, all leave Git untouched and say why. Authentication failures are
 * returned, never retried here. Thread-safe (uses of one mirror are serialized).
 */
public final class GitWriteBack {

    private final Cluster cluster;
    private final ManifestBuilder builder;
    private final GitMirrors mirrors;
    private final Clock clock;
    private final DriftSettings settings;
    private final Consumer<String> beforePush;
    private final KindModels models = KindModels.builtIn();

    public GitWriteBack(Cluster cluster, ManifestBuilder builder, GitMirrors mirrors, Clock clock, DriftSettings settings) {
        this(cluster, builder, mirrors, clock, settings, branch -> {
        });
    }

    /** With a hook run just before the push (tests use it to push a competing commit). */
    GitWriteBack(Cluster cluster, ManifestBuilder builder, GitMirrors mirrors, Clock clock, DriftSettings settings,
                 Consumer<String> beforePush) {
        this.cluster = cluster;
        this.builder = builder;
        this.mirrors = mirrors;
        this.clock = clock;
        this.settings = settings;
        this.beforePush = beforePush;
    }

    /**
     * The mode a Canary asks for ({@link RevertMode#of}): its annotation, else its GitRepository's.
     *
     * @throws InvalidInputException when an annotation has an unknown value
     */
    public RevertMode modeFor(KubeObject canaryObject) {
        Subjects.Resolution r = Subjects.resolve(cluster, canaryObject);
        return RevertMode.of(canaryObject, r.subject().map(Subject::sourceObject));
    }

    /**
     * Reverts the failed spec of {@code canaryObject} in Git.
     *
     * @param mode   BRANCH or DIRECT (OFF does nothing)
     * @param dryRun plan and show the diff, write nothing
     */
    public RevertResult revert(KubeObject canaryObject, RevertMode mode, boolean dryRun) {
        if (mode == RevertMode.OFF) {
            return new RevertResult.NothingToRevert("write-back is off (annotation " + RevertMode.ANNOTATION + ")");
        }
        Subjects.Resolution r = Subjects.resolve(cluster, canaryObject);
        if (r.subject().isEmpty()) {
            return switch (r.otherwise()) {
                case Analysis.Incomplete i -> new RevertResult.Failed(i.reason());
                case Analysis.NoDrift n -> new RevertResult.NothingToRevert(n.reason());
                case Analysis.NotManaged n -> new RevertResult.NothingToRevert(n.reason());
                case Analysis.Drifted d -> throw new IllegalStateException("resolution without a subject cannot drift");
            };
        }
        Subject s = r.subject().get();
        try {
            return mirrors.use(s.source(), (mirror, work) -> run(s, mode, dryRun, mirror, work));
        } catch (GitSourceException e) {
            return e.isAuthentication() ? new RevertResult.AuthenticationFailed(e.getMessage())
                    : new RevertResult.Failed(e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            return new RevertResult.Failed("cannot use the Git mirror of " + s.source().namespace() + "/"
                    + s.source().name() + ": " + e.getMessage());
        }
    }

    private RevertResult run(Subject s, RevertMode mode, boolean dryRun, GitMirror mirror, Path work)
            throws IOException, GitSourceException {
        String tipSha = mirror.fetch(s.branch());
        CommitInfo tip = mirror.commit(tipSha).orElseThrow();
        if (s.failed().coveredBy(s.promoted()) && s.promoted().coveredBy(s.failed())) {
            return existing(mirror, s, tipSha, Optional.empty()).orElse(
                    new RevertResult.NothingToRevert("the target runs the promoted spec"));
        }
        if (!mirror.contains(s.failedCommit())) {
            return new RevertResult.Failed("commit " + s.failedCommit() + " of the failed revision is not on branch "
                    + s.branch() + " of " + s.source().spec().url());
        }
        SpecBuilds builds = new SpecBuilds(mirror, work, new KustomizationBuild(cluster, builder, s.kustomization()),
                s.source(), s.targetKey());
        HistoryWalk.Result walk = HistoryWalk.walk(mirror.firstParents(s.failedCommit(), settings.maxCommits()), builds,
                s.failed(), s.promoted());
        if (!(walk instanceof HistoryWalk.Found found)) {
            return new RevertResult.NotPushed(switch (walk) {
                case HistoryWalk.HeadDiffers d -> d.reason();
                case HistoryWalk.TooDeep t -> t.reason();
                case HistoryWalk.Found x -> throw new IllegalStateException();
            });
        }
        Optional<RevertResult> done = existing(mirror, s, tipSha, Optional.of(found.introducing()));
        if (done.isPresent()) {
            return done.get();
        }
        if (!(builds.outcome(tip) instanceof KustomizationBuild.Built tipBuild)) {
            return new RevertResult.NotPushed("the branch tip " + tip.shortSha() + " does not build: "
                    + ((KustomizationBuild.Failed) builds.outcome(tip)).message());
        }
        Optional<WorkloadSpec> atTip = builds.declared(tipBuild);
        if (atTip.map(d -> d.coveredBy(s.promoted())).orElse(false)) {
            return new RevertResult.NothingToRevert("Git at " + tip.shortSha() + " already builds the promoted spec");
        }
        if (!atTip.map(d -> d.coveredBy(s.failed())).orElse(false)) {
            return new RevertResult.NothingToRevert("branch " + s.branch() + " moved on: " + tip.shortSha()
                    + " builds a spec the canary has not analysed yet; left alone");
        }
        RestorePlanner.Plan plan = new RestorePlanner(mirror, builds, others(s), s, tip, tipBuild).plan(found);
        if (plan instanceof RestorePlanner.Impossible i) {
            return new RevertResult.NotPushed(i.reason());
        }
        RestorePlanner.Change change = (RestorePlanner.Change) plan;
        List<String> files = new ArrayList<>(change.files().keySet());
        List<CommitInfo> undone = found.range();
        String message = RevertMessage.of(s, change.kind(), found.introducing(), undone, files,
                Verdict.of(cluster, s.canaryObject(), s.canary()));
        PersonIdent author = new PersonIdent(settings.authorName(), settings.authorEmail(), clock.instant(), ZoneOffset.UTC);
        String sha = mirror.writeCommit(tipSha, change.files(), author, message);
        String diff = mirror.diff(tipSha, sha);
        String branch = mode == RevertMode.BRANCH ? RevertMessage.branch(s, found.introducing()) : s.branch();
        if (dryRun) {
            return new RevertResult.DryRun(mode, change.kind(), branch, files, diff, message);
        }
        beforePush.accept(branch);
        return switch (mirror.push(sha, branch)) {
            case GitMirror.Pushed p -> new RevertResult.Pushed(mode, change.kind(), branch, sha, files, diff, message);
            case GitMirror.Rejected j -> new RevertResult.Rejected(branch, j.reason());
        };
    }

    /** A revert made earlier for this canary (and offending commit, when known), if any. */
    private Optional<RevertResult> existing(GitMirror mirror, Subject s, String tipSha, Optional<CommitInfo> offending)
            throws IOException {
        if (offending.isPresent()) {
            String branch = RevertMessage.branch(s, offending.get());
            Optional<String> head = mirror.ref(GitMirror.REVERT_PREFIX + branch.substring("sluice/revert/".length()));
            if (head.isPresent()) {
                return Optional.of(new RevertResult.AlreadyReverted(branch, head.get(), "branch " + branch
                        + " (commit " + head.get().substring(0, 7) + ") reverts " + offending.get().shortSha()));
            }
        }
        for (CommitInfo c : mirror.recent(tipSha, settings.maxCommits())) {
            boolean canary = RevertMessage.trailer(c.message(), RevertMessage.CANARY).map(s.canaryRef()::equals).orElse(false);
            Optional<String> reverts = RevertMessage.trailer(c.message(), RevertMessage.REVERTS);
            if (canary && reverts.isPresent() && offending.map(o -> o.sha().equals(reverts.get())).orElse(true)) {
                return Optional.of(new RevertResult.AlreadyReverted(s.branch(), c.sha(), "commit " + c.shortSha()
                        + " on " + s.branch() + " reverts " + reverts.get().substring(0, Math.min(7, reverts.get().length()))));
            }
        }
        return Optional.empty();
    }

    /** The other Kustomizations that read the same GitRepository: a change must not alter what they apply. */
    private List<KustomizationBuild> others(Subject s) {
        List<KustomizationBuild> out = new ArrayList<>();
        for (KubeObject o : cluster.list(Subjects.KUSTOMIZATION, "", LabelSelector.everything())) {
            if (o.key().equals(s.kustomizationObject().key())) {
                continue;
            }
            try {
                Kustomization ks = models.get(Subjects.KUSTOMIZATION, Kustomization.class).parse(models.toLatest(o)).value();
                var ref = ks.spec().sourceRef();
                if ("GitRepository".equals(ref.kind()) && ref.name().equals(s.source().name())
                        && ks.sourceNamespace().equals(s.source().namespace())) {
                    out.add(new KustomizationBuild(cluster, builder, ks));
                }
            } catch (InvalidInputException e) {
                // An invalid Kustomization applies nothing, so a change cannot alter what it applies.
            }
        }
        return out;
    }
}
