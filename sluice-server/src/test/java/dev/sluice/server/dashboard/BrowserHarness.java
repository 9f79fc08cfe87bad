package dev.sluice.server.dashboard;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the browser scripts under {@code src/test/browser} with node, Debian's chromium and
 * playwright-core. When one of them is missing the test is skipped with the reason, unless
 * {@code SLUICE_REQUIRE_TOOLS=1} (CI), where it fails.
 */
final class BrowserHarness {

    static final Path DIR = Path.of("src/test/browser");
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    private BrowserHarness() {
    }

    /** Skips (or fails in CI) when node, chromium or the npm packages are missing. */
    static void requireTools() {
        String missing = null;
        if (!Files.isExecutable(CHROMIUM)) {
            missing = "chromium is not installed at " + CHROMIUM + " (apt-get install chromium)";
        } else if (!nodeWorks()) {
            missing = "node is not on the PATH (apt-get install nodejs npm)";
        } else if (!Files.isDirectory(DIR.resolve("node_modules/playwright-core"))) {
            missing = "playwright-core is not installed (cd " + DIR + " && npm ci)";
        }
        if (missing != null) {
            if ("1".equals(System.getenv("SLUICE_REQUIRE_TOOLS"))) {
                fail("SLUICE_REQUIRE_TOOLS=1 but " + missing);
            }
            abort("browser test skipped: " + missing);
        }
    }

    private static boolean nodeWorks() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs {@code node <script>} with {@code env}, handing every stdout line to {@code onLine} as it
     * comes; kills it after {@code timeoutSeconds}.
     *
     * @return the exit status and every line printed
     */
    static Run run(String script, Map<String, String> env, long timeoutSeconds, Consumer<String> onLine)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("node", script).directory(DIR.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                    onLine.accept(line);
                }
            } catch (IOException e) {
                lines.add("READ-ERROR " + e.getMessage());
            }
        });
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            reader.join(5_000);
            fail("browser script " + script + " did not finish within " + timeoutSeconds + " s; output: " + lines);
        }
        reader.join(5_000);
        return new Run(p.exitValue(), List.copyOf(lines));
    }

    record Run(int exitCode, List<String> lines) {
    }
}
