package dev.sluice.helm.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.helm.HelmActions;
import dev.sluice.api.helm.HelmActions.Remediation;
import dev.sluice.api.helm.HelmRelease;
import dev.sluice.helm.release.Release;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * helm-controller's release state machine as pure functions: {@link #state} compares the newest
 * stored release with the history in status and the desired chart and values
 * ({@code DetermineReleaseState}); {@link #next} picks the one action to take
 * ({@code AtomicRelease.actionForState}). Unlike Helm, an install, upgrade, rollback or test is
 * not waited for inside one call: the release stays pending (tests Running) and later calls
 * {@link Step.AwaitRelease}/{@link Step.AwaitTests} until it is ready, failed or out of time.
 */
final class Planner {

    enum State { ABSENT, PENDING, LOCKED, UNMANAGED, FAILED, UNINSTALLING, OUT_OF_SYNC, UNTESTED, TESTING, IN_SYNC }

    /** What the release should look like now. */
    record Desired(String chartName, String chartVersion, String configDigest) {
    }

    /** The one thing to do next. */
    sealed interface Step {
        record Install() implements Step { }
        record Upgrade(String why) implements Step { }
        record Test() implements Step { }
        record AwaitRelease() implements Step { }
        record AwaitTests() implements Step { }
        record Unlock() implements Step { }
        record Rollback(ObjectNode target) implements Step { }
        record UninstallRemediation() implements Step { }
        /** {@code RetryOnFailure}: upgrade the failed release once {@code interval} has passed since the failure. */
        record RetryLater(Duration interval) implements Step { }
        record InSync() implements Step { }
        record Stall(String reason, String message) implements Step { }
    }

    static final String RETRY_ON_FAILURE = "RetryOnFailure";
    static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofMinutes(5);

    private Planner() {
    }

    static State state(Optional<Release> last, List<ObjectNode> history, Desired desired, HelmRelease hr,
                       String lastAction) {
        if (last.isEmpty()) {
            return State.ABSENT;
        }
        Release r = last.get();
        Optional<ObjectNode> latest = Snapshots.latest(history);
        if (r.isPending()) {
            return latest.map(s -> s.path("version").asInt() == r.version()).orElse(false) ? State.PENDING : State.LOCKED;
        }
        if (latest.isEmpty()) {
            return r.status().equals(Release.UNINSTALLED) ? State.ABSENT : State.UNMANAGED;
        }
        if (latest.get().path("version").asInt() != r.version()
                || !latest.get().path("digest").asText().equals(Snapshots.digest(r))) {
            return State.UNMANAGED;
        }
        switch (r.status()) {
            case Release.FAILED:
                return State.FAILED;
            case Release.UNINSTALLED:
                return State.ABSENT;
            case Release.UNINSTALLING:
                return State.UNINSTALLING; // an uninstall remediation waiting for its delete hooks
            case Release.DEPLOYED:
                break;
            default:
                return State.UNMANAGED;
        }
        if (!r.chartName().equals(desired.chartName()) || !r.chartVersion().equals(desired.chartVersion())
                || !latest.get().path("configDigest").asText().equals(desired.configDigest())) {
            return State.OUT_OF_SYNC;
        }
        if (hr.spec().test().enable()) {
            ObjectNode cur = latest.get();
            if (Snapshots.hasTestIn(cur, Snapshots.RUNNING)) {
                return State.TESTING;
            }
            if (!Snapshots.hasBeenTested(cur)) {
                return State.UNTESTED;
            }
            Optional<Remediation> remediation = activeRemediation(hr, lastAction);
            if (remediation.isPresent() && !ignoreTestFailures(hr, remediation.get())
                    && Snapshots.hasTestIn(cur, Snapshots.FAILED)) {
                return State.FAILED;
            }
        }
        return State.IN_SYNC;
    }

    /**
     * @param installFailures {@code status.installFailures}
     * @param upgradeFailures {@code status.upgradeFailures}
     * @param force           an unhandled {@code reconcile.fluxcd.io/forceAt} request
     */
    static Step next(State state, HelmRelease hr, List<ObjectNode> history, String lastAction, long installFailures,
                     long upgradeFailures, boolean force) {
        Remediation install = hr.spec().install().remediation();
        Remediation upgrade = hr.spec().upgrade().remediation();
        return switch (state) {
            case ABSENT -> !install.retriesLeft(installFailures) && !force
                    ? stall(lastAction, installFailures, upgradeFailures) : new Step.Install();
            case PENDING -> new Step.AwaitRelease();
            case LOCKED -> new Step.Unlock();
            case UNMANAGED -> new Step.Upgrade("release not managed by object");
            case OUT_OF_SYNC -> !upgrade.retriesLeft(upgradeFailures) && !force
                    ? stall(lastAction, installFailures, upgradeFailures) : new Step.Upgrade("release out-of-sync");
            case UNTESTED -> new Step.Test();
            case TESTING -> new Step.AwaitTests();
            case IN_SYNC -> force ? new Step.Upgrade("force requested") : new Step.InSync();
            case FAILED -> failed(hr, history, lastAction, installFailures, upgradeFailures, force);
            case UNINSTALLING -> new Step.UninstallRemediation();
        };
    }

    private static Step failed(HelmRelease hr, List<ObjectNode> history, String lastAction, long installFailures,
                               long upgradeFailures, boolean force) {
        boolean isInstall = lastAction.equals("install");
        long count = isInstall ? installFailures : upgradeFailures;
        Optional<Duration> retry = activeRetry(hr, lastAction);
        if (retry.isPresent()) {
            // RetryOnFailure: no remediation and no retry limit, only the upgrade again after retryInterval
            // (at once when the spec, chart or values changed since the failure, or on --force).
            return count <= 0 || force ? new Step.Upgrade("retrying upgrade for failed release") : new Step.RetryLater(retry.get());
        }
        Optional<Remediation> remediation = activeRemediation(hr, lastAction);
        if (remediation.isEmpty()) {
            return new Step.Upgrade("no active remediation strategy");
        }
        if (count <= 0) {
            return new Step.Upgrade("release conditions have changed since last failure");
        }
        if (force) {
            return new Step.Upgrade("force requested");
        }
        Remediation r = remediation.get();
        boolean remediateLast = isInstall ? r.installRemediatesLastFailure() : r.upgradeRemediatesLastFailure();
        if (!r.retriesLeft(count) && !remediateLast) {
            return stall(lastAction, installFailures, upgradeFailures);
        }
        String strategy = isInstall ? "uninstall" : r.upgradeStrategy();
        if (strategy.equals("rollback")) {
            Optional<ObjectNode> prev = Snapshots.previous(history, ignoreTestFailures(hr, r));
            if (prev.isEmpty()) {
                return new Step.Stall("MissingRollbackTarget",
                        "Failed to perform remediation: missing target release for rollback: cannot remediate failed release");
            }
            return new Step.Rollback(prev.get());
        }
        return new Step.UninstallRemediation();
    }

    private static Step stall(String lastAction, long installFailures, long upgradeFailures) {
        long count = lastAction.equals("install") ? installFailures : upgradeFailures;
        return new Step.Stall("RetriesExceeded", String.format(Messages.RETRIES_EXCEEDED,
                lastAction.isEmpty() ? "install" : lastAction, count));
    }

    /** The remediation of the last release action (install or upgrade), as Flux's GetActiveRemediation. */
    static Optional<Remediation> activeRemediation(HelmRelease hr, String lastAction) {
        return switch (lastAction) {
            case "install" -> Optional.of(hr.spec().install().remediation());
            case "upgrade" -> Optional.of(hr.spec().upgrade().remediation());
            default -> Optional.empty();
        };
    }

    /**
     * The retry interval when the strategy of the last release action (install or upgrade) is
     * {@code RetryOnFailure}, as Flux's GetActiveRetry; its default is 5m.
     */
    static Optional<Duration> activeRetry(HelmRelease hr, String lastAction) {
        Optional<HelmActions.Strategy> strategy = switch (lastAction) {
            case "install" -> hr.spec().install().strategy();
            case "upgrade" -> hr.spec().upgrade().strategy();
            default -> Optional.empty();
        };
        return strategy.filter(s -> s.name().equals(RETRY_ON_FAILURE))
                .map(s -> s.retryInterval().filter(d -> !d.isZero()).orElse(DEFAULT_RETRY_INTERVAL));
    }

    static boolean ignoreTestFailures(HelmRelease hr, Remediation r) {
        return r.ignoreTestFailures().orElse(hr.spec().test().ignoreFailures());
    }
}
