package dev.sluice.local.runtime.spec;

/**
 * What a batch/v1 Job asks for, parsed.
 *
 * @param completions           successful pods needed
 * @param parallelism           the most pods running at once
 * @param backoffLimit          failures (failed pods plus restarts) tolerated before the Job fails
 * @param activeDeadlineSeconds 0 when the Job has no deadline
 */
public record JobSpec(int completions, int parallelism, int backoffLimit, long activeDeadlineSeconds, PodTemplate template) {

    public boolean hasDeadline() {
        return activeDeadlineSeconds > 0;
    }
}
