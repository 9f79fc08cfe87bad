package dev.sluice.delivery.observe;

/**
 * Receives one record per canary analysis tick: what the rollout looked like and what every check
 * measured against its threshold. The dashboard's live charts and the rollout timeline are built
 * from these records. Implementations must be thread-safe and fast (no blocking I/O): the canary
 * reconciler calls them on its own thread.
 */
@FunctionalInterface
public interface AnalysisRecorder {

    /** Records nothing. */
    AnalysisRecorder NONE = tick -> { };

    void record(AnalysisTick tick);
}
