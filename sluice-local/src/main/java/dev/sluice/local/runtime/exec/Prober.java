package dev.sluice.local.runtime.exec;

import dev.sluice.local.runtime.spec.ProbeSpec;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Runs readiness probes. Thread-safe; never blocks the caller. */
public interface Prober {

    /** Completes with true on success, false on failure or timeout; never exceptionally. */
    CompletableFuture<Boolean> probe(ProbeSpec.Action action, ProbeTarget target, Duration timeout);
}
