package dev.sluice.delivery.reconcile;

import dev.sluice.api.ObjectKey;
import dev.sluice.api.flagger.CanaryPhase;
import dev.sluice.api.flagger.Strategy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what the controller reports as metrics: last phase and weights, analysis values, outcomes. */
final class RecordingMetricsListener implements CanaryMetricsListener {

    record Outcome(Strategy strategy, boolean succeeded, boolean skipped) {
    }

    final Map<ObjectKey, CanaryPhase> status = new ConcurrentHashMap<>();
    final Map<ObjectKey, int[]> weights = new ConcurrentHashMap<>();
    final Map<String, Double> analysis = new ConcurrentHashMap<>();
    final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
    final List<ObjectKey> removed = new CopyOnWriteArrayList<>();
    volatile int ticks;

    @Override
    public void status(ObjectKey canary, CanaryPhase phase) {
        status.put(canary, phase);
    }

    @Override
    public void weight(ObjectKey canary, String targetName, int primaryWeight, int canaryWeight) {
        weights.put(canary, new int[] {primaryWeight, canaryWeight});
    }

    @Override
    public void analysis(ObjectKey canary, String metric, double value) {
        analysis.put(metric, value);
    }

    @Override
    public void outcome(ObjectKey canary, Strategy strategy, boolean succeeded, boolean skipped) {
        outcomes.add(new Outcome(strategy, succeeded, skipped));
    }

    @Override
    public void tick(ObjectKey canary, java.time.Duration duration) {
        ticks++;
    }

    @Override
    public void removed(ObjectKey canary) {
        removed.add(canary);
    }
}
