package dev.sluice.delivery.canary;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@link CanaryStateMachine#next}: either a finished tick ({@link #next} and the
 * {@link #effects} to carry out, in order) or a tick suspended until the reconciler has answered a
 * {@link Probe} ({@link #awaiting} present; then {@code next} is the input state and there are no
 * effects).
 *
 * @param next     the state after all effects have been carried out; equal to the state of the last
 *                 {@link Effect.SaveStatus} (or the input state when there is none)
 */
public record Step(CanaryState next, List<Effect> effects, Optional<Probe> awaiting) {

    public Step {
        effects = List.copyOf(effects);
    }

    static Step awaiting(CanaryState state, Probe probe) {
        return new Step(state, List.of(), Optional.of(probe));
    }

    public boolean isSuspended() {
        return awaiting.isPresent();
    }

    /** The effects of one type, in order (handy in tests and logs). */
    public <E extends Effect> List<E> effects(Class<E> type) {
        return effects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The messages of the events, in order. */
    public List<String> events() {
        return effects(Effect.EmitEvent.class).stream().map(Effect.EmitEvent::message).toList();
    }
}
