package dev.sluice.delivery.loadtester;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Flagger's blocking {@code bash} task: {@code bash -c <cmd>}, its output collected (capped at
 * 1 MiB), killed after the timeout. Only available when the load tester was started with bash
 * enabled, since it runs anything a Canary's author writes.
 */
final class BashTask {

    /** The outcome: exit code 0 passes; {@code output} is stdout and stderr together. */
    record Result(boolean ok, String output) {
    }

    private static final int OUTPUT_CAP = 1 << 20;

    private BashTask() {
    }

    static Result run(String command, Duration timeout) throws InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(false, "cannot start bash: " + e.getMessage());
        }
        byte[][] out = new byte[1][];
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                out[0] = p.getInputStream().readNBytes(OUTPUT_CAP);
                p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                out[0] = new byte[0];
            }
        });
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            reader.join(1000);
            return new Result(false, "command timed out after " + dev.sluice.api.GoDuration.format(timeout) + ": " + command);
        }
        reader.join(5000);
        String text = out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8);
        return p.exitValue() == 0 ? new Result(true, text)
                : new Result(false, "command " + command + " failed: exit status " + p.exitValue() + ": " + text.strip());
    }
}
