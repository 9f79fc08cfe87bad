package dev.sluice.server.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, crash recovery: 50 canaries on the built-in apps (30 that must promote, 20 that must
 * roll back) in embedded mode as a child process, killed with SIGKILL at least 50 times at random
 * moments (during apply, weight changes, promotions, status writes, or any time), at most 5 in each
 * release (10 releases), restarted on the same state directory each time. The CI-sized run of {@link CrashHarness};
 * {@code bench/crash/run.sh} runs bigger ones.
 */
class CrashRecoveryE2E {

    @Test
    void fiftyCanariesSurviveFiftySigkillsWithTheOutcomesOfAnUninterruptedRun() throws Exception {
        // Kept under target/ (not a temporary directory): a failing run leaves the repository, the state
        // and every incarnation's log for whoever looks into it.
        Path work = Path.of("target", "crash-e2e");
        if (java.nio.file.Files.exists(work)) {
            try (var files = java.nio.file.Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        long seed = Long.getLong("sluice.crash.seed", 20261122L);
        int canaries = Integer.getInteger("sluice.crash.canaries", 50);
        int kills = Integer.getInteger("sluice.crash.kills", 50);
        CrashReport report = new CrashHarness(new CrashHarness.Options(canaries, kills, 5, 2, seed, Duration.ofMinutes(4)), work).run();
        System.out.println(report.summary());

        assertThat(report.kills()).as("SIGKILLs").isGreaterThanOrEqualTo(kills);
        assertThat(report.violations()).as("guarantees broken while running").isEmpty();
        assertThat(report.store().problems()).as("the store reopened after the last run").isEmpty();
        assertThat(report.load().routingFailures()).as("requests failed by routing: " + report.load().examples()).isZero();
        assertThat(report.load().served()).as("requests the mesh served").isPositive();
        assertThat(report.maxFailedChecksOfPromoted()).as("failed checks restarts cost a healthy canary")
                .isLessThan(CrashFleet.THRESHOLD);
    }
}
