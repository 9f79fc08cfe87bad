package dev.sluice.api.flagger;

/**
 * The deployment strategy a Canary's analysis implies, with Flagger's label values
 * ({@code deployment_strategy} of {@code flagger_canary_successes_total}). Mirroring is a variant
 * of blue/green (or of a canary's first step), told by {@link AnalysisSpec#mirror()}.
 */
public enum Strategy {
    /** Progressive traffic increase by stepWeight or stepWeights. */
    CANARY("canary"),
    /** A fixed number of iterations with the canary reachable only through its own Service. */
    BLUE_GREEN("blue-green"),
    /** Iterations with the requests matching {@code analysis.match} sent to the canary. */
    AB_TESTING("ab-testing");

    private final String label;

    Strategy(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Flagger's rule: match and iterations → A/B; iterations → blue/green; otherwise canary. */
    public static Strategy of(boolean hasMatch, int iterations) {
        if (hasMatch && iterations > 0) {
            return AB_TESTING;
        }
        return iterations > 0 ? BLUE_GREEN : CANARY;
    }

    @Override
    public String toString() {
        return label;
    }
}
