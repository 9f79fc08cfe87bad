package dev.sluice.server.demo;

import java.util.List;

/** What the demo reports while it runs, for a live view. Called from the demo's thread. */
public interface DemoListener {

    /** A canary as the live view shows it. */
    record CanaryView(String name, String phase, int canaryWeight, int failedChecks, int threshold, int iterations) {
    }

    /** A new step of the workshop begins (e.g. "commit: face, smiley, color: ERROR_FRACTION=75"). */
    void step(String message);

    /** The canaries now, and the newest events; about twice a second. */
    void progress(List<CanaryView> canaries, List<String> recentEvents);

    /** A finding worth saying plainly (e.g. that Git and the cluster now differ). */
    void note(String message);
}
