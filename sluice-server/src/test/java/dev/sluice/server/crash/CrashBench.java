package dev.sluice.server.crash;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code bench/crash/run.sh}: the crash harness at any size, keeping its work directory (the Git
 * repository, the state directory and every incarnation's log). Arguments: canaries, kills, releases,
 * seed, work directory. Exits 1 when a guarantee broke.
 */
public final class CrashBench {

    private CrashBench() {
    }

    public static void main(String[] args) throws Exception {
        int canaries = Integer.parseInt(args[0]);
        int kills = Integer.parseInt(args[1]);
        int releases = Integer.parseInt(args[2]);
        long seed = Long.parseLong(args[3]);
        Path work = Files.createDirectories(Path.of(args[4]));
        CrashReport r = new CrashHarness(new CrashHarness.Options(canaries, kills, Integer.getInteger("sluice.crash.killsPerRelease", 5), releases, seed,
                Duration.ofMinutes(10)), work).run();
        System.out.println(r.summary());
        boolean ok = r.kills() >= kills && r.violations().isEmpty() && r.store().problems().isEmpty()
                && r.load().routingFailures() == 0;
        System.out.println(ok ? "PASS" : "FAIL");
        System.exit(ok ? 0 : 1);
    }
}
