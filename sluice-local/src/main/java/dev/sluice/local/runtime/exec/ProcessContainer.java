package dev.sluice.local.runtime.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A container run as a local process: its command and args, its resolved environment on top of a
 * few of the runner's own variables (so {@code sh}, {@code python3} or {@code java} are found), its
 * stdout and stderr merged into the container log. Stopping sends SIGTERM to the process and its
 * children, then kills what is left after the grace period.
 */
final class ProcessContainer implements RunningContainer {

    /** The runner's variables a process inherits; everything else comes from the container spec. */
    static final List<String> INHERITED = List.of("PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LC_ALL", "LC_CTYPE",
            "TZ", "TMPDIR", "JAVA_HOME", "PYENV_ROOT", "GOPATH", "GOROOT", "NODE_PATH");

    private final Process process;
    private final CompletableFuture<Integer> exited;
    private final AtomicBoolean stopping = new AtomicBoolean();

    private ProcessContainer(Process process, CompletableFuture<Integer> exited) {
        this.process = process;
        this.exited = exited;
    }

    static ProcessContainer start(LaunchRequest r) throws LaunchException {
        List<String> argv = new ArrayList<>(r.command());
        argv.addAll(r.args());
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).directory(r.workDir().toFile());
        Map<String, String> env = pb.environment();
        Map<String, String> own = System.getenv();
        env.clear();
        INHERITED.forEach(k -> {
            if (own.containsKey(k)) {
                env.put(k, own.get(k));
            }
        });
        env.putAll(r.env());
        try {
            Files.createDirectories(r.workDir());
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<Void> drained = new CompletableFuture<>();
            Thread.ofVirtual().name("log-" + r.pod() + "-" + r.container().name()).start(() -> {
                try (var in = p.getInputStream()) {
                    r.log().pump(in);
                } catch (IOException e) {
                    // the process went away; its exit is reported below
                } finally {
                    drained.complete(null);
                }
            });
            // Report the exit once the output is read, so the log holds the last words of a crash.
            CompletableFuture<Integer> exited = p.onExit().thenCompose(done -> drained
                    .completeOnTimeout(null, 2, TimeUnit.SECONDS).thenApply(x -> done.exitValue()));
            return new ProcessContainer(p, exited);
        } catch (IOException e) {
            throw new LaunchException("cannot run " + argv.getFirst() + ": " + reason(e), e);
        }
    }

    private static String reason(IOException e) {
        String m = String.valueOf(e.getMessage());
        int i = m.indexOf("error=");
        return i >= 0 ? m.substring(i) : m;
    }

    @Override
    public CompletableFuture<Integer> exited() {
        return exited;
    }

    @Override
    public void stop(Duration grace) {
        if (!stopping.compareAndSet(false, true) || !process.isAlive()) {
            return;
        }
        Thread.ofVirtual().name("stop-" + process.pid()).start(() -> {
            List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
            tree.forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            // Children that ignored SIGTERM would keep the port; they go too.
            tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        });
    }
}
