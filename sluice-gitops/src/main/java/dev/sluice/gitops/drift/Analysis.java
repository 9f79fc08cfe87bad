package dev.sluice.gitops.drift;

/** The outcome of a drift analysis of one Canary. */
public sealed interface Analysis {

    /** Git declares the failed spec while the cluster runs the promoted one. */
    record Drifted(DriftReport report) implements Analysis {
    }

    /** Git and the cluster agree (or the Canary is not Failed): any GitDrift condition is cleared. */
    record NoDrift(String reason) implements Analysis {
    }

    /** The target does not come from a Git source through a Kustomization: there is no Git to compare. */
    record NotManaged(String reason) implements Analysis {
    }

    /** The analysis could not finish (fetch, credentials, build); try again later, not in a loop. */
    record Incomplete(String reason) implements Analysis {
    }
}
