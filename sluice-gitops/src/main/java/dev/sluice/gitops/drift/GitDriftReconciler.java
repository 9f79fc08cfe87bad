package dev.sluice.gitops.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KubeObject;
import dev.sluice.api.LabelSelector;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.flagger.CanaryKindModel;
import dev.sluice.api.source.GitRepository;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.EventRecord;
import dev.sluice.cluster.reconcile.Fingerprint;
import dev.sluice.cluster.reconcile.Reconciler;
import dev.sluice.cluster.reconcile.Result;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The Git drift controller: a second reconciler of Canaries, beside the canary controller, that
 * owns only {@code status.gitDrift} and the {@code GitDrift} condition. When a Canary is Failed it
 * analyses once per failed spec (and again every {@link DriftSettings#retryInterval()} while it stays
 * Failed), writes the revert back if the Canary or its GitRepository opted in, records both, and
 * emits events; when the Canary leaves Failed it clears them. Status is its only memory.
 *
 * <p>Wiring, in the composition root (its own name, so it runs beside the canary controller):
 * <pre>{@code
 * Controller drift = scheduler.register(GitDriftReconciler.NAME, new GitDriftReconciler(cluster, gitDrift, clock,
 *         DriftSettings.DEFAULTS), 1);
 * closeables.add(WatchWiring.of(cluster, drift).primaryChanges(GitDriftReconciler.CHANGES)
 *         .related(GitRepository.KIND, GitDriftReconciler.SOURCE_CHANGES, GitDriftReconciler.driftingFrom(cluster)).start());
 * }</pre>
 * The second watch re-checks a drifted Canary as soon as its GitRepository has a new revision (Git
 * fixed by hand, a revert branch merged), instead of at the next recheck.
 * Git I/O happens in {@link #reconcile}, on the scheduler's (virtual) thread; one at a time is enough.
 */
public final class GitDriftReconciler implements Reconciler {

    public static final String NAME = "git-drift";
    /** The reporting controller of its events. */
    public static final String CONTROLLER = "sluice-git-drift";
    /** What wakes it: phase, the failed spec, the opt-in annotation, deletion (not every status write). */
    public static final Fingerprint CHANGES = o -> List.of(o.status().path("phase").asText(""),
            o.status().path("lastAppliedSpec").asText(""), o.annotation(RevertMode.ANNOTATION).orElse(""), o.isDeleting());
    /** What counts in a GitRepository: a new artifact revision. */
    public static final Fingerprint SOURCE_CHANGES = o -> o.status().path("artifact").path("revision").asText("");
    private static final int WRITE_ATTEMPTS = 5;

    private final Cluster cluster;
    private final GitDrift drift;
    private final Clock clock;
    private final DriftSettings settings;

    public GitDriftReconciler(Cluster cluster, GitDrift drift, Clock clock, DriftSettings settings) {
        this.cluster = cluster;
        this.drift = drift;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public GroupKind kind() {
        return CanaryKindModel.KIND;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Optional<KubeObject> found = cluster.get(key);
        if (found.isEmpty() || found.get().isDeleting()) {
            return Result.done();
        }
        KubeObject canary = found.get();
        JsonNode status = canary.status();
        Instant now = clock.instant();
        if (!"Failed".equals(status.path("phase").asText())) {
            if (GitDriftStatus.of(status).isPresent() || GitDriftStatus.condition(status).isPresent()) {
                write(key, GitDriftStatus::clear, s -> true);
            }
            return Result.done();
        }
        String sourceRevision = sourceRevision(status);
        boolean newSource = GitDriftStatus.of(status).map(g -> !g.path("sourceRevision").asText("").equals(sourceRevision))
                .orElse(false);
        if (!newSource && !GitDriftStatus.needsAnalysis(status, now, settings.retryInterval())) {
            Instant checked = Instant.parse(GitDriftStatus.of(status).orElseThrow().path("checkedAt").asText());
            Duration recheck = GitDriftStatus.UNKNOWN.equals(GitDriftStatus.of(status).orElseThrow().path("state").asText())
                    ? GitDriftStatus.INCOMPLETE_RECHECK : settings.retryInterval();
            return Result.afterExactly(maxOf(Duration.between(now, checked.plus(recheck)), Duration.ofSeconds(1)));
        }
        String spec = status.path("lastAppliedSpec").asText("");
        Analysis analysis = drift.analyzer().analyze(canary);
        ObjectNode preview = status.isObject() ? status.deepCopy() : dev.sluice.api.Json.object();
        GitDriftStatus.record(preview, analysis, now);
        Optional<RevertResult> revert = Optional.empty();
        if (analysis instanceof Analysis.Drifted && GitDriftStatus.shouldWriteBack(preview, now, settings.retryInterval())) {
            revert = writeBack(canary, now);
        }
        boolean newDrift = analysis instanceof Analysis.Drifted d && !GitDriftStatus.of(status)
                .map(g -> GitDriftStatus.DRIFTED.equals(g.path("state").asText())
                        && g.path("commit").asText().equals(d.report().commit().sha())).orElse(false);
        Optional<RevertResult> result = revert;
        String observed = sourceRevision(preview);
        boolean stored = write(key, s -> {
            GitDriftStatus.record(s, analysis, now);
            result.ifPresent(r -> GitDriftStatus.recordRevert(s, r, now));
            if (s.path(GitDriftStatus.FIELD) instanceof ObjectNode g && !observed.isEmpty()) {
                g.put("sourceRevision", observed);
            }
        }, s -> "Failed".equals(s.path("phase").asText()) && spec.equals(s.path("lastAppliedSpec").asText("")));
        if (!stored) {
            return Result.afterExactly(Duration.ZERO); // the Canary moved on meanwhile: decide again on what is stored
        }
        events(key, analysis, newDrift, revert, now);
        return analysis instanceof Analysis.Incomplete && settings.retryInterval().compareTo(GitDriftStatus.INCOMPLETE_RECHECK) > 0
                ? Result.after(GitDriftStatus.INCOMPLETE_RECHECK) : Result.after(settings.retryInterval());
    }

    /** The artifact revision of the GitRepository a drift record names, "" when unknown. */
    private String sourceRevision(JsonNode status) {
        String[] ref = GitDriftStatus.of(status).map(g -> g.path("source").asText("")).orElse("").split("/");
        if (ref.length != 3) {
            return "";
        }
        return cluster.get(new ObjectKey(GitRepository.KIND, ref[1], ref[2]))
                .map(o -> o.status().path("artifact").path("revision").asText("")).orElse("");
    }

    /** Maps a GitRepository to the Canaries whose drift record names it. */
    public static Function<KubeObject, List<ObjectKey>> driftingFrom(Cluster cluster) {
        return source -> {
            String ref = "GitRepository/" + source.namespace() + "/" + source.name();
            return cluster.list(CanaryKindModel.KIND, "", LabelSelector.everything()).stream()
                    .filter(c -> GitDriftStatus.of(c.status()).map(g -> ref.equals(g.path("source").asText())).orElse(false))
                    .map(KubeObject::key).toList();
        };
    }

    private Optional<RevertResult> writeBack(KubeObject canary, Instant now) {
        RevertMode mode;
        try {
            mode = drift.writeBack().modeFor(canary);
        } catch (InvalidInputException e) {
            cluster.recordEvent(EventRecord.warning(canary.key(), "GitRevertFailed", e.getMessage(), CONTROLLER, now));
            return Optional.empty();
        }
        return mode == RevertMode.OFF ? Optional.empty() : Optional.of(drift.writeBack().revert(canary, mode, false));
    }

    private void events(ObjectKey key, Analysis analysis, boolean newDrift, Optional<RevertResult> revert, Instant now) {
        if (analysis instanceof Analysis.Drifted d && newDrift) {
            cluster.recordEvent(EventRecord.warning(key, "GitDrift", d.report().message(), CONTROLLER, now));
        }
        revert.ifPresent(r -> cluster.recordEvent(switch (r) {
            case RevertResult.Pushed p -> EventRecord.normal(key, "GitReverted", r.message(), CONTROLLER, now);
            case RevertResult.AlreadyReverted a -> EventRecord.normal(key, "GitReverted", r.message(), CONTROLLER, now);
            case RevertResult.NothingToRevert n -> EventRecord.normal(key, "GitRevertSkipped", r.message(), CONTROLLER, now);
            default -> EventRecord.warning(key, "GitRevertFailed", r.message(), CONTROLLER, now);
        }));
    }

    /**
     * Read-modify-write of the status with optimistic locking, retried on conflicts.
     *
     * @param still the stored status must still satisfy this (else nothing is written)
     * @return false when {@code still} no longer held
     */
    private boolean write(ObjectKey key, Consumer<ObjectNode> change, java.util.function.Predicate<JsonNode> still) {
        for (int i = 0; i < WRITE_ATTEMPTS; i++) {
            Optional<KubeObject> current = cluster.get(key);
            if (current.isEmpty() || !still.test(current.get().status())) {
                return false;
            }
            ObjectNode s = current.get().status().isObject() ? current.get().status().deepCopy()
                    : dev.sluice.api.Json.object();
            change.accept(s);
            if (s.equals(current.get().status())) {
                return true;
            }
            try {
                cluster.updateStatus(current.get().withStatus(s));
                return true;
            } catch (ClusterException e) {
                if (!e.is(ClusterException.Reason.CONFLICT)) {
                    throw e;
                }
            }
        }
        throw new ClusterException(ClusterException.Reason.CONFLICT, key, "status of " + key + " kept changing; "
                + WRITE_ATTEMPTS + " attempts lost");
    }

    private static Duration maxOf(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
