package dev.sluice.gitops.drift;

import dev.sluice.api.KubeObject;
import dev.sluice.cluster.Cluster;
import dev.sluice.gitops.kustomization.ManifestBuilder;
import dev.sluice.gitops.source.GitSourceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Drift analysis of failed Canaries: does Git still declare the failed spec, and which commit put
 * it there? Reads the cluster, fetches the GitRepository's branch into a mirror and builds the
 * Kustomization at a few commits (see {@link HistoryWalk} for the algorithm). Writes nothing to the
 * cluster or to Git: the caller (the canary reconciler) records the result with
 * {@link GitDriftStatus}.
 *
 * <p>Thread-safe. One call costs a fetch and typically two or three builds; call it once per failed
 * revision ({@link GitDriftStatus#needsAnalysis}), not on every tick. Never throws for bad input or
 * unreachable Git: those are {@link Analysis.Incomplete} with a message saying what failed.
 */
public final class DriftAnalyzer {

    private final Cluster cluster;
    private final ManifestBuilder builder;
    private final GitMirrors mirrors;
    private final Clock clock;
    private final DriftSettings settings;

    public DriftAnalyzer(Cluster cluster, ManifestBuilder builder, GitMirrors mirrors, Clock clock, DriftSettings settings) {
        this.cluster = cluster;
        this.builder = builder;
        this.mirrors = mirrors;
        this.clock = clock;
        this.settings = settings;
    }

    /** Analyses one Canary (any phase; only a Failed one can drift). */
    public Analysis analyze(KubeObject canaryObject) {
        Subjects.Resolution r = Subjects.resolve(cluster, canaryObject);
        if (r.subject().isEmpty()) {
            return r.otherwise();
        }
        Subject s = r.subject().get();
        if (s.failed().coveredBy(s.promoted()) && s.promoted().coveredBy(s.failed())) {
            return new Analysis.NoDrift("the target runs the promoted spec");
        }
        try {
            Analysis a = mirrors.use(s.source(), (mirror, work) -> walk(s, mirror, work));
            Optional<Subject> applied = s.atAppliedRevision();
            if (a instanceof Analysis.Incomplete && applied.isPresent()) {
                // The attempted revision does not build what runs (its apply failed): try the applied one.
                Analysis b = mirrors.use(s.source(), (mirror, work) -> walk(applied.get(), mirror, work));
                return b instanceof Analysis.Incomplete ? a : b;
            }
            return a;
        } catch (GitSourceException e) {
            return new Analysis.Incomplete(e.reason() + ": " + e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            return new Analysis.Incomplete("cannot read the Git mirror of " + s.source().namespace() + "/"
                    + s.source().name() + ": " + e.getMessage());
        }
    }

    private Analysis walk(Subject s, GitMirror mirror, java.nio.file.Path work) throws IOException, GitSourceException {
        String tip = mirror.fetch(s.branch());
        Optional<CommitInfo> failedCommit = mirror.commit(s.failedCommit());
        if (failedCommit.isEmpty()) {
            return new Analysis.Incomplete("commit " + s.failedCommit() + " of the failed revision is not in "
                    + s.source().spec().url() + " (branch " + s.branch() + " rewritten?)");
        }
        SpecBuilds builds = new SpecBuilds(mirror, work, new KustomizationBuild(cluster, builder, s.kustomization()),
                s.source(), s.targetKey());
        if (!tip.equals(s.failedCommit())) {
            Optional<CommitInfo> head = mirror.commit(tip);
            if (head.isPresent() && builds.at(head.get()).map(d -> d.coveredBy(s.promoted())).orElse(false)) {
                return new Analysis.NoDrift("Git at " + head.get().shortSha()
                        + " builds the promoted spec; the Kustomization has not applied it yet");
            }
        }
        List<CommitInfo> chain = mirror.firstParents(s.failedCommit(), settings.maxCommits());
        HistoryWalk.Result result = HistoryWalk.walk(chain, builds, s.failed(), s.promoted());
        if (result instanceof HistoryWalk.HeadDiffers d) {
            return new Analysis.Incomplete(d.reason() + " (revision " + s.failedRevision() + ")");
        }
        if (result instanceof HistoryWalk.TooDeep t) {
            return new Analysis.Incomplete(t.reason() + " (history walk limit " + settings.maxCommits() + ")");
        }
        HistoryWalk.Found f = (HistoryWalk.Found) result;
        return new Analysis.Drifted(report(s, f));
    }

    private DriftReport report(Subject s, HistoryWalk.Found f) {
        var src = s.source();
        return new DriftReport(s.canary().namespace(), s.canary().name(), s.target().kind() + "/" + s.target().name(),
                s.failedRevision(), new DriftReport.Source(src.namespace(), src.name(), src.spec().url(), s.branch()),
                s.kustomization().namespace() + "/" + s.kustomization().name(), s.kustomization().spec().effectivePath(),
                f.introducing(), f.range(), f.lastGood(), DriftReport.Facets.of(s.failed()),
                DriftReport.Facets.of(s.promoted()), SpecDiff.between(s.failed(), s.promoted()),
                Verdict.of(cluster, s.canaryObject(), s.canary()), clock.instant());
    }
}
