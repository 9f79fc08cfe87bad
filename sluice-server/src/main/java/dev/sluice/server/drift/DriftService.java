package dev.sluice.server.drift;

import dev.sluice.gitops.drift.Analysis;
import dev.sluice.gitops.drift.RevertMode;
import dev.sluice.gitops.drift.RevertResult;
import java.util.Optional;

/**
 * What the drift endpoints ask of the server: analyse a Canary's drift, or write its revert back
 * to Git. Implementations are thread-safe; calls do Git I/O and may take seconds.
 */
public interface DriftService {

    /** The Canary does not exist. */
    final class NoSuchCanary extends Exception {
        public NoSuchCanary(String namespace, String name) {
            super("canary " + namespace + "/" + name + " not found");
        }
    }

    /** Analyses {@code namespace/name} now (reads Git; writes nothing). */
    Analysis analyze(String namespace, String name) throws NoSuchCanary;

    /**
     * Writes the revert back to Git.
     *
     * @param mode BRANCH or DIRECT; empty means the Canary's annotation, else BRANCH
     */
    RevertResult revert(String namespace, String name, Optional<RevertMode> mode, boolean dryRun) throws NoSuchCanary;
}
