package dev.sluice.helm.controller;

/** A HelmRelease step failed; its status already says why. Thrown so the scheduler backs off. */
public final class ReleaseFailure extends Exception {

    public ReleaseFailure(String message) {
        super(message);
    }
}
