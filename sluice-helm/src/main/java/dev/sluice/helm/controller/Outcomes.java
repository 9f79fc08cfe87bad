package dev.sluice.helm.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Condition;
import dev.sluice.cluster.EventRecord;
import dev.sluice.cluster.reconcile.Result;
import dev.sluice.helm.release.Release;
import dev.sluice.helm.release.ReleaseStorage;
import java.time.Duration;
import java.util.List;

/**
 * How a release action ends: the pending revision deployed (older deployed ones superseded, the
 * history trimmed to {@code maxHistory}) or failed, with helm-controller's conditions, counters,
 * messages and events.
 */
final class Outcomes {

    private final ReleaseStorage storage;
    private final Effects effects;

    Outcomes(ReleaseStorage storage, Effects effects) {
        this.storage = storage;
        this.effects = effects;
    }

    Result finishSuccess(Ctx ctx, Release pending, String action) {
        String description = switch (action) {
            case "install" -> "Install complete";
            case "upgrade" -> "Upgrade complete";
            default -> pending.description();
        };
        Release deployed = pending.withStatus(Release.DEPLOYED, description);
        storage.update(deployed, ctx.storageNamespace());
        HrStatus st = ctx.status;
        List<ObjectNode> history = st.history();
        for (Release older : storage.history(ctx.storageNamespace(), ctx.release())) {
            if (older.version() != deployed.version() && older.status().equals(Release.DEPLOYED)) {
                Release superseded = older.withStatus(Release.SUPERSEDED, "Superseded by version " + deployed.version());
                storage.update(superseded, ctx.storageNamespace());
                if (history.stream().anyMatch(s -> s.path("version").asInt() == older.version())) {
                    history = Snapshots.put(history, Snapshots.of(superseded, ""));
                }
            }
        }
        storage.trim(ctx.storageNamespace(), ctx.release(), ctx.hr.spec().effectiveMaxHistory());
        ObjectNode snap = Snapshots.of(deployed, action.equals("rollback") ? "" : action);
        st.history(Snapshots.put(history, snap));
        String full = deployed.fullName();
        String chart = deployed.versionedChart();
        if (action.equals("rollback")) {
            String target = ctx.release() + ".v" + pending.description().replace("Rollback to ", "");
            String msg = String.format(Messages.ROLLBACK_SUCCESS, ctx.releaseNamespace() + "/" + target, chart);
            st.set(HrStatus.REMEDIATED, Condition.TRUE, "RollbackSucceeded", msg);
            effects.event(ctx, EventRecord.NORMAL, "RollbackSucceeded", msg, deployed.chartVersion(), ctx.configDigest,
                    deployed.appVersion());
        } else {
            boolean install = action.equals("install");
            String msg = String.format(install ? Messages.INSTALL_SUCCESS : Messages.UPGRADE_SUCCESS, full, chart);
            String reason = install ? "InstallSucceeded" : "UpgradeSucceeded";
            st.set(HrStatus.RELEASED, Condition.TRUE, reason, msg);
            if (Planner.activeRetry(ctx.hr, action).isPresent()) {
                st.clearFailures(); // with RetryOnFailure, failures only count while the release is failed
            }
            if (ctx.testEnabled()) {
                st.set(HrStatus.TEST_SUCCESS, Condition.UNKNOWN, "AwaitingTests", String.format(Messages.TEST_PENDING, full, chart));
            }
            effects.event(ctx, EventRecord.NORMAL, reason, msg, deployed.chartVersion(), snap.path("configDigest").asText(),
                    deployed.appVersion());
        }
        st.remove(HrStatus.RECONCILING).summarize(ctx.testEnabled(), ctx.ignoreTestFailures()).observed();
        effects.write(ctx);
        return Result.afterExactly(Duration.ZERO); // the next step (tests, remediation or in-sync) right away
    }

    Result finishFailure(Ctx ctx, Release pending, String action, String why) {
        Release failed = pending.withStatus(Release.FAILED, (action.equals("rollback") ? "Rollback" : "Release")
                + " \"" + pending.name() + "\" failed: " + why);
        storage.update(failed, ctx.storageNamespace());
        ctx.status.history(Snapshots.put(ctx.status.history(), Snapshots.of(failed, "")));
        if (action.equals("rollback")) {
            String target = ctx.release() + ".v" + pending.description().replace("Rollback to ", "");
            String msg = String.format(Messages.ROLLBACK_FAILURE, ctx.releaseNamespace() + "/" + target,
                    failed.versionedChart(), why);
            ctx.status.increment("failures").set(HrStatus.REMEDIATED, Condition.FALSE, "RollbackFailed", msg);
            effects.event(ctx, EventRecord.WARNING, "RollbackFailed", msg, failed.chartVersion(), ctx.configDigest,
                    failed.appVersion());
        } else {
            actionFailed(ctx, action, ctx.release(), why, true);
        }
        ctx.status.remove(HrStatus.RECONCILING).summarize(ctx.testEnabled(), ctx.ignoreTestFailures()).observed();
        effects.write(ctx);
        return Result.afterExactly(Duration.ZERO);
    }

    /** Released=False with helm-controller's failure message; counts the failure. */
    void actionFailed(Ctx ctx, String action, String release, String why, boolean revisionMade) {
        boolean install = action.equals("install");
        String msg = String.format(install ? Messages.INSTALL_FAILURE : Messages.UPGRADE_FAILURE,
                ctx.releaseNamespace() + "/" + release, ctx.meta.versioned(), why.strip());
        String reason = install ? "InstallFailed" : "UpgradeFailed";
        ctx.status.increment("failures").set(HrStatus.RELEASED, Condition.FALSE, reason, msg);
        if (revisionMade) {
            ctx.status.increment(install ? "installFailures" : "upgradeFailures");
        }
        ctx.status.summarize(ctx.testEnabled(), ctx.ignoreTestFailures());
        effects.event(ctx, EventRecord.WARNING, reason, msg, ctx.meta.version(), ctx.configDigest, ctx.meta.appVersion());
    }
}
