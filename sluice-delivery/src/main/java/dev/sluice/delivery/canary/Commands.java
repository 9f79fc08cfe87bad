package dev.sluice.delivery.canary;

import dev.sluice.api.flagger.CanaryPhase;
import java.util.Optional;

/**
 * Manual requests (Sluice, beyond Flagger): {@code pause} and {@code resume} take effect at the start
 * of a tick; {@code promote}, {@code abort} and {@code retry} wait, while applicable, for the point
 * of the tick where Flagger would do the same thing (so a promote waits for a ready canary). A
 * request that does not apply in the current phase is acknowledged with a Warning event, so it can
 * never fire later on another revision.
 */
final class Commands {

    private Commands() {
    }

    /** Handles pause/resume and inapplicable requests; returns the request still to carry out. */
    static Optional<ManualCommand> atStart(Tick t) {
        Optional<ManualCommand> pending = t.obs.command()
                .filter(c -> !c.value().isEmpty() && !c.value().equals(t.state.lastHandledAction()));
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        ManualCommand c = pending.get();
        if (c.action().isEmpty()) {
            ack(t, c);
            t.warning(Messages.requestIgnored(c.value(), "unknown action; expected promote, abort, retry, pause or "
                    + "resume, e.g. promote@2026-01-01T10:00:00Z"));
            return Optional.empty();
        }
        CanaryPhase phase = t.phase();
        switch (c.action().get()) {
            case PAUSE -> {
                ack(t, c);
                t.remember(t.state.toBuilder().paused(true).build());
                t.event(Messages.paused(t.plan.displayName(), c.value()));
                return Optional.empty();
            }
            case RESUME -> {
                ack(t, c);
                if (!t.state.paused()) {
                    t.warning(Messages.requestIgnored(c.value(), "the analysis is not paused"));
                } else {
                    t.remember(t.state.toBuilder().paused(false).build());
                    t.event(Messages.resumed(t.plan.displayName(), c.value()));
                }
                return Optional.empty();
            }
            case PROMOTE -> {
                if (phase.isAnalysing()) {
                    return resume(t, c);
                }
                return ignore(t, c, phase == CanaryPhase.PROMOTING || phase == CanaryPhase.FINALISING
                        ? "the promotion is already under way"
                        : "no analysis is running to promote (phase " + name(phase) + ")");
            }
            case ABORT -> {
                if (phase.isAnalysing() || phase == CanaryPhase.WAITING) {
                    return resume(t, c);
                }
                return ignore(t, c, phase == CanaryPhase.PROMOTING || phase == CanaryPhase.FINALISING
                        ? "the primary already runs the new revision; roll back in Git instead"
                        : "no analysis is running to abort (phase " + name(phase) + ")");
            }
            case RETRY -> {
                if (phase == CanaryPhase.FAILED) {
                    return resume(t, c);
                }
                return ignore(t, c, "only a Failed canary can be retried (phase " + name(phase) + ")");
            }
            default -> throw new IllegalStateException("unhandled action " + c.action().get());
        }
    }

    /** Marks {@code c} handled; persisted with the tick's status write. */
    static void ack(Tick t, ManualCommand c) {
        t.remember(t.state.toBuilder().lastHandledAction(c.value()).build());
    }

    /** A request other than pause resumes a paused analysis, so it can be carried out. */
    private static Optional<ManualCommand> resume(Tick t, ManualCommand c) {
        if (t.state.paused()) {
            t.remember(t.state.toBuilder().paused(false).build());
        }
        return Optional.of(c);
    }

    private static Optional<ManualCommand> ignore(Tick t, ManualCommand c, String why) {
        ack(t, c);
        t.warning(Messages.requestIgnored(c.value(), why));
        return Optional.empty();
    }

    private static String name(CanaryPhase p) {
        return p == CanaryPhase.NONE ? "not initialized" : p.wireName();
    }
}
