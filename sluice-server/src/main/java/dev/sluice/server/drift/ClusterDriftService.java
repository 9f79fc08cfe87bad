package dev.sluice.server.drift;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import dev.sluice.gitops.drift.Analysis;
import dev.sluice.gitops.drift.DriftAnalyzer;
import dev.sluice.gitops.drift.GitDrift;
import dev.sluice.gitops.drift.GitDriftStatus;
import dev.sluice.gitops.drift.GitWriteBack;
import dev.sluice.gitops.drift.RevertMode;
import dev.sluice.gitops.drift.RevertResult;
import java.time.Clock;
import java.util.Optional;

/**
 * {@link DriftService} on the cluster, the analyzer and the write-back. A revert asked for on
 * demand is also recorded in the Canary's {@code status.gitDrift.revert} when a drift is recorded
 * there (best effort: a concurrent status write wins, the canary reconciler records it next time).
 */
public final class ClusterDriftService implements DriftService {

    private final Cluster cluster;
    private final DriftAnalyzer analyzer;
    private final GitWriteBack writeBack;
    private final Clock clock;

    public ClusterDriftService(Cluster cluster, DriftAnalyzer analyzer, GitWriteBack writeBack, Clock clock) {
        this.cluster = cluster;
        this.analyzer = analyzer;
        this.writeBack = writeBack;
        this.clock = clock;
    }

    /** On the process's shared {@link GitDrift}. */
    public ClusterDriftService(Cluster cluster, GitDrift drift, Clock clock) {
        this(cluster, drift.analyzer(), drift.writeBack(), clock);
    }

    @Override
    public Analysis analyze(String namespace, String name) throws NoSuchCanary {
        return analyzer.analyze(canary(namespace, name));
    }

    @Override
    public RevertResult revert(String namespace, String name, Optional<RevertMode> mode, boolean dryRun) throws NoSuchCanary {
        KubeObject canary = canary(namespace, name);
        RevertMode m = mode.orElseGet(() -> {
            RevertMode annotated = writeBack.modeFor(canary);
            return annotated == RevertMode.OFF ? RevertMode.BRANCH : annotated;
        });
        RevertResult result = writeBack.revert(canary, m, dryRun);
        if (!dryRun) {
            record(canary.key(), result);
        }
        return result;
    }

    private void record(ObjectKey key, RevertResult result) {
        Optional<KubeObject> now = cluster.get(key);
        if (now.isEmpty() || GitDriftStatus.of(now.get().status()).isEmpty()) {
            return;
        }
        ObjectNode status = now.get().status().deepCopy();
        GitDriftStatus.recordRevert(status, result, clock.instant());
        try {
            cluster.updateStatus(now.get().withStatus(status));
        } catch (ClusterException e) {
            // A concurrent status write (the canary reconciler's) wins; Git holds the truth anyway.
        }
    }

    private KubeObject canary(String namespace, String name) throws NoSuchCanary {
        return cluster.get(ObjectKey.of(ResourceTypes.FLAGGER, "Canary", namespace, name))
                .orElseThrow(() -> new NoSuchCanary(namespace, name));
    }
}
