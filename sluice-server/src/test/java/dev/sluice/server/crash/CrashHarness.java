package dev.sluice.server.crash;

import dev.sluice.testkit.git.TestRepo;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The crash-recovery harness of issue 10: embedded mode in a child process over a Git repository of
 * {@link CrashFleet} canaries, killed with SIGKILL at random moments and restarted on the same state
 * directory while releases roll out, then left to finish. What it saw is returned as a
 * {@link CrashReport}; the caller asserts. Kill moments come from a seeded generator, so a failing
 * seed can be replayed (timings still vary with the machine).
 */
final class CrashHarness {

    /** What a kill waits for before it strikes (plus a random delay). */
    enum Trigger { APPLY, WEIGHT_CHANGE, PROMOTION, STATUS_WRITE, RANDOM }

    record Options(int canaries, int kills, int killsPerRelease, int releases, long seed, Duration roundTimeout) {
    }

    private final Options options;
    private final Path work;
    private final RandomGenerator random;
    private final Map<Trigger, Integer> killsBy = new EnumMap<>(Trigger.class);
    private final List<Duration> restarts = new ArrayList<>();

    CrashHarness(Options options, Path work) {
        this.options = options;
        this.work = work;
        this.random = java.util.random.RandomGeneratorFactory.of("L64X128MixRandom").create(options.seed());
    }

    CrashReport run() throws Exception {
        Instant t0 = Instant.now();
        CrashFleet fleet = new CrashFleet(options.canaries());
        int apiPort = freePort();
        int meshPort = freePort();
        Path state = work.resolve("state");
        List<CrashReport.Round> rounds = new ArrayList<>();
        try (TestRepo repo = TestRepo.init(work.resolve("repo"));
             ChildProcess child = new ChildProcess(state, work.resolve("logs"), repo.dir().toString(), apiPort, meshPort)) {
            commit(repo, fleet, 1);
            FleetObserver observer = new FleetObserver("http://127.0.0.1:" + apiPort, fleet.rollouts());
            child.start(Duration.ofMinutes(2));
            Instant init = Instant.now();
            until("every canary Initialized", Duration.ofMinutes(4), () -> observer.poll() >= 0 && observer.allIn("Initialized"));
            Duration initialized = Duration.between(init, Instant.now());
            List<String> hosts = fleet.rollouts().stream().map(r -> r.name() + "." + CrashFleet.NS).toList();
            int kills = 0;
            try (MeshLoad load = new MeshLoad(meshPort, hosts, 4, 40)) {
                // Releases follow each other until the kills are done, at most killsPerRelease kills in each,
                // so a healthy canary never loses more checks to restarts than its threshold allows.
                int round = 1;
                while (kills < options.kills() || round < options.releases() + 1) {
                    round++;
                    Instant start = Instant.now();
                    int target = Math.min(options.kills(), kills + options.killsPerRelease());
                    observer.round(round);
                    commit(repo, fleet, round);
                    int before = kills;
                    while (kills < target && !observer.roundDone(round)) {
                        Trigger t = kills == before ? Trigger.APPLY : Trigger.values()[1 + random.nextInt(Trigger.values().length - 1)];
                        if (!strike(t, observer)) {
                            t = Trigger.RANDOM; // its moment did not come within 5 s (rollouts are past it): kill anyway
                        }
                        child.kill();
                        kills++;
                        killsBy.merge(t, 1, Integer::sum);
                        load.restarted();
                        restarts.add(child.start(Duration.ofMinutes(2)));
                        // Let it work a while before the next kill can be armed, so that rollouts advance.
                        pause(Duration.ofMillis(300 + random.nextInt(1700)), observer);
                    }
                    int r = round;
                    until("release " + r + " finished", options.roundTimeout(), () -> observer.poll() >= 0 && observer.roundDone(r));
                    rounds.add(new CrashReport.Round(round, kills - before, Duration.between(start, Instant.now())));
                }
                int lastRevision = round;
                MeshLoad.Counts counts = load.counts();
                List<String> violations = observer.violations();
                Map<String, FleetObserver.Seen> last = observer.last();
                child.stop();
                StoreCheck.Result store = StoreCheck.verify(state.resolve("store"), fleet, lastRevision);
                return new CrashReport(options, kills, Map.copyOf(killsBy), List.copyOf(restarts), initialized, rounds,
                        Duration.between(t0, Instant.now()), counts, violations, last, observer.maxFailedChecksOfPromoted(), store);
            }
        }
    }

    /** Waits for the trigger's moment (at most 5 s), then a random delay; false when the moment did not come. */
    private boolean strike(Trigger t, FleetObserver observer) {
        Duration jitter = Duration.ofMillis(random.nextInt(t == Trigger.RANDOM ? 3000 : 300));
        Instant giveUp = Instant.now().plusSeconds(5);
        Map<String, FleetObserver.Seen> before = observer.last();
        boolean hit = switch (t) {
            case APPLY -> true; // the Git watch sees the commit at once; the jitter lands the kill in the apply
            case RANDOM -> true;
            case WEIGHT_CHANGE -> waitFor(giveUp, observer, () -> observer.last().entrySet().stream()
                    .anyMatch(e -> before.containsKey(e.getKey()) && before.get(e.getKey()).weight() != e.getValue().weight()));
            case PROMOTION -> waitFor(giveUp, observer, () -> observer.last().values().stream()
                    .anyMatch(s -> s.phase().equals("Promoting") || s.phase().equals("Finalising")));
            case STATUS_WRITE -> waitFor(giveUp, observer, () -> observer.poll() > 0);
        };
        if (!hit) {
            return false;
        }
        pause(jitter, observer);
        return true;
    }

    private static boolean waitFor(Instant giveUp, FleetObserver observer, BooleanSupplier moment) {
        try {
            Awaitility.await().atMost(Duration.between(Instant.now(), giveUp).plusMillis(1)).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        observer.poll();
                        return moment.getAsBoolean();
                    });
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /** Lets real time pass while observing (the child runs on the wall clock). */
    private static void pause(Duration d, FleetObserver observer) {
        Instant end = Instant.now().plus(d);
        Awaitility.await().atMost(d.plusSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> {
            observer.poll();
            return !Instant.now().isBefore(end);
        });
    }

    private static void until(String what, Duration timeout, java.util.concurrent.Callable<Boolean> condition) {
        Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(250)).until(condition);
    }

    private static void commit(TestRepo repo, CrashFleet fleet, int revision) {
        for (String[] f : fleet.files(revision)) {
            repo.write(f[0], f[1]);
        }
        repo.commit("release " + revision);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
