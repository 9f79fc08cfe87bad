package dev.sluice.server.demo;

import dev.sluice.api.Condition;
import dev.sluice.api.Conditions;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.gitops.drift.RevertMode;
import dev.sluice.gitops.drift.RevertResult;
import dev.sluice.server.drift.DriftService;
import dev.sluice.server.embedded.EmbeddedRuntime;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code sluice demo --write-back}: after the failed release, Sluice writes the revert back to the
 * demo's Git repository (direct mode: a commit on {@code main}), reconciles it like any commit, and
 * the drift clears with no new analysis, because Git again declares the promoted spec.
 */
final class DemoWriteBack {

    /** How long the canaries are watched after the revert is applied (several 1 s analysis intervals). */
    private static final Duration SETTLE = Duration.ofSeconds(5);

    private final DemoRepository repo;
    private final EmbeddedRuntime runtime;
    private final DemoListener listener;
    private final List<DemoResult.Outcome> outcomes;
    private final List<String> notes;

    DemoWriteBack(DemoRepository repo, EmbeddedRuntime runtime, DemoListener listener, List<DemoResult.Outcome> outcomes,
                  List<String> notes) {
        this.repo = repo;
        this.runtime = runtime;
        this.listener = listener;
        this.outcomes = outcomes;
        this.notes = notes;
    }

    /** Writes each canary's revert, waits until Git and the cluster agree again; returns the commits pushed. */
    List<String> run(List<String> canaries) throws IOException, InterruptedException {
        listener.step("writing Sluice's revert back to Git (direct mode: commits on main)");
        Instant t0 = Instant.now();
        List<String> commits = new ArrayList<>();
        for (String name : canaries) {
            RevertResult r;
            try {
                r = runtime.drift().revert(FacesDemo.NS, name, Optional.of(RevertMode.DIRECT), false);
            } catch (DriftService.NoSuchCanary e) {
                throw new IOException(e.getMessage(), e);
            }
            if (r instanceof RevertResult.Pushed p) {
                commits.add(p.commit());
            }
            String line = name + ": " + r.message();
            notes.add("write-back " + line);
            listener.note(line);
        }
        String head = repo.resetToHead();
        Instant until = Instant.now().plus(FacesDemo.STEP_TIMEOUT);
        while (!appliedEverywhere(head) && Instant.now().isBefore(until)) {
            Thread.sleep(250);
        }
        // The reverted spec is applied; watch a few analysis intervals for a new analysis that must not start.
        Instant settle = Instant.now().plus(SETTLE);
        List<String> pending = new ArrayList<>(canaries);
        List<String> restarted = new ArrayList<>();
        while (Instant.now().isBefore(settle) || !pending.isEmpty() && Instant.now().isBefore(until)) {
            for (String name : canaries) {
                String phase = canary(name) == null ? "" : canary(name).status().path("phase").asText();
                if ((phase.equals("Progressing") || phase.equals("Initializing")) && !restarted.contains(name)) {
                    restarted.add(name);
                }
            }
            pending.removeIf(this::agreesWithGit);
            Thread.sleep(250);
        }
        pending.addAll(restarted);
        long seconds = Duration.between(t0, Instant.now()).toSeconds();
        for (String name : canaries) {
            KubeObject c = canary(name);
            String actual = pending.contains(name) ? describe(c) : "Reverted";
            outcomes.add(new DemoResult.Outcome("write-back revert", FacesDemo.NS + "/" + name, "Reverted", actual, seconds,
                    pending.contains(name) ? "Git and the cluster still differ" : "Git declares the promoted spec again; "
                            + "no new analysis"));
        }
        return commits;
    }

    /** Every Kustomization has applied the revert (its objects are in the cluster). */
    private boolean appliedEverywhere(String head) {
        List<KubeObject> ks = runtime.cluster().list(dev.sluice.api.GroupKind.of(ResourceTypes.KUSTOMIZE, "Kustomization"), "",
                dev.sluice.api.LabelSelector.everything());
        return !ks.isEmpty() && ks.stream().allMatch(k -> k.status().path("lastAttemptedRevision").asText().endsWith(head));
    }

    /** The drift is gone and the canary did not start analysing the reverted spec. */
    private boolean agreesWithGit(String name) {
        KubeObject c = canary(name);
        if (c == null) {
            return false;
        }
        boolean drifting = Conditions.find(c.status(), "GitDrift").map(Condition::isTrue).orElse(false);
        String phase = c.status().path("phase").asText();
        return !drifting && !phase.equals("Progressing") && !phase.equals("Initializing");
    }

    private static String describe(KubeObject c) {
        if (c == null) {
            return "missing";
        }
        String drift = Conditions.find(c.status(), "GitDrift").map(x -> x.isTrue() ? "GitDrift" : "").orElse("");
        return c.status().path("phase").asText() + (drift.isEmpty() ? "" : " (" + drift + ")");
    }

    private KubeObject canary(String name) {
        return runtime.cluster().get(ObjectKey.of(ResourceTypes.FLAGGER, "Canary", FacesDemo.NS, name)).orElse(null);
    }
}
