package dev.sluice.server.crash;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What one harness run saw; {@link #summary()} is what BENCHMARKS.md records. */
record CrashReport(CrashHarness.Options options, int kills, Map<CrashHarness.Trigger, Integer> killsBy,
                   List<Duration> restarts, Duration initialized, List<Round> rounds, Duration total,
                   MeshLoad.Counts load, List<String> violations, Map<String, FleetObserver.Seen> last,
                   int maxFailedChecksOfPromoted, StoreCheck.Result store) {

    record Round(int revision, int kills, Duration took) {
    }

    String summary() {
        Duration slowest = restarts.stream().max(Duration::compareTo).orElse(Duration.ZERO);
        double mean = restarts.stream().mapToLong(Duration::toMillis).average().orElse(0);
        Map<String, Long> outcomes = new TreeMap<>();
        last.values().forEach(s -> outcomes.merge(s.phase(), 1L, Long::sum));
        StringBuilder b = new StringBuilder();
        b.append("crash harness: ").append(options.canaries()).append(" canaries, seed ").append(options.seed())
                .append(", ").append(kills).append(" SIGKILLs ").append(killsBy)
                .append(String.format(", restart to ready mean %.0f ms, max %d ms", mean, slowest.toMillis()))
                .append("\n  initialized in ").append(initialized.toSeconds()).append(" s; rounds ").append(rounds)
                .append("; total ").append(total.toSeconds()).append(" s")
                .append("\n  final phases ").append(outcomes)
                .append("; most failed checks on a canary that must promote ").append(maxFailedChecksOfPromoted)
                .append(" (threshold ").append(CrashFleet.THRESHOLD).append(")")
                .append("; 'Promotion completed!' events ").append(store.promotionEvents())
                .append(" (").append(store.lostPromotionEvents()).append(" lost to kills)")
                .append(", rollback events ").append(store.rollbackEvents())
                .append("; store: ").append(store.objects()).append(" objects, ").append(store.events()).append(" events")
                .append("\n  mesh load: ").append(load.sent()).append(" requests, ").append(load.served()).append(" served, ")
                .append(load.appErrors()).append(" app 5xx, ").append(load.refused()).append(" refused while down, ")
                .append(load.startupRouting()).append(" 503 before a host's first answer after a start, ")
                .append(load.routingFailures()).append(" failed by routing ").append(load.examples())
                .append("\n  violations ").append(violations).append("\n  store problems ").append(store.problems());
        return b.toString();
    }
}
