package dev.sluice.local.runtime;

import dev.sluice.local.runtime.exec.ContainerLauncher;
import dev.sluice.local.runtime.exec.LaunchException;
import dev.sluice.local.runtime.exec.LaunchRequest;
import dev.sluice.local.runtime.exec.RunningContainer;
import dev.sluice.local.runtime.spec.ContainerSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Containers that run only in memory: images {@code fake/...} are "built in", a command makes a "process". */
final class FakeLauncher implements ContainerLauncher {

    final List<FakeContainer> started = new CopyOnWriteArrayList<>();
    volatile String failWith;
    /** The most containers that ran at the same time. */
    volatile int maxRunning;
    /** Runs when a container is told to stop, before it does. */
    volatile java.util.function.Consumer<FakeContainer> onStop = c -> { };

    static final class FakeContainer implements RunningContainer {
        final LaunchRequest request;
        final FakeLauncher owner;
        final CompletableFuture<Integer> exited = new CompletableFuture<>();
        volatile boolean stopped;

        FakeContainer(LaunchRequest request, FakeLauncher owner) {
            this.request = request;
            this.owner = owner;
        }

        @Override
        public CompletableFuture<Integer> exited() {
            return exited;
        }

        @Override
        public void stop(Duration grace) {
            owner.onStop.accept(this);
            stopped = true;
            exited.complete(143);
        }

        void crash(int code) {
            exited.complete(code);
        }

        boolean running() {
            return !exited.isDone();
        }

        String pod() {
            return request.pod();
        }

        String env(String name) {
            return request.env().get(name);
        }
    }

    @Override
    public Optional<String> whyNotRunnable(ContainerSpec c) {
        return builtin(c) || !c.command().isEmpty() ? Optional.empty()
                : Optional.of("image " + c.image() + " is not runnable in embedded mode; give the container a command or use a built-in image");
    }

    @Override
    public boolean builtin(ContainerSpec c) {
        return c.image().startsWith("fake/");
    }

    @Override
    public RunningContainer launch(LaunchRequest request) throws LaunchException {
        if (failWith != null) {
            throw new LaunchException(failWith, null);
        }
        FakeContainer c = new FakeContainer(request, this);
        started.add(c);
        maxRunning = Math.max(maxRunning, running().size());
        return c;
    }

    List<FakeContainer> running() {
        return started.stream().filter(FakeContainer::running).toList();
    }

    List<FakeContainer> running(String podPrefix) {
        return running().stream().filter(c -> c.pod().startsWith(podPrefix)).toList();
    }
}
