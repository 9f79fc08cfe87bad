package dev.sluice.local.runtime;

import dev.sluice.local.runtime.exec.ProbeTarget;
import dev.sluice.local.runtime.exec.Prober;
import dev.sluice.local.runtime.spec.ProbeSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Answers probes at once: by port when told, else with {@link #byDefault}. Records each probe. */
final class FakeProber implements Prober {

    final Map<Integer, Boolean> byPort = new ConcurrentHashMap<>();
    final List<Integer> probed = new CopyOnWriteArrayList<>();
    volatile boolean byDefault = true;

    @Override
    public CompletableFuture<Boolean> probe(ProbeSpec.Action action, ProbeTarget target, Duration timeout) {
        probed.add(target.port());
        return CompletableFuture.completedFuture(byPort.getOrDefault(target.port(), byDefault));
    }
}
