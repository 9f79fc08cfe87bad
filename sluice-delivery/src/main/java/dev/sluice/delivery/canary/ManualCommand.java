package dev.sluice.delivery.canary;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A manual request recorded in the Canary's {@code sluice.dev/requested-action} annotation, e.g.
 * {@code promote@2026-01-01T10:00:00Z}. The whole value identifies the request: it is handled once,
 * then acknowledged in {@code status.lastHandledAction}; the same value seen again (a GitOps
 * re-apply, a restart) does nothing. A new request needs a new value, which the CLI makes unique
 * with the time after the {@code @}.
 */
public record ManualCommand(String value) {

    /** What a user can ask for. */
    public enum Action {
        /** Promote the revision under analysis now, skipping the remaining checks and gates. */
        PROMOTE,
        /** Roll the analysis back now. */
        ABORT,
        /** Run the analysis of a Failed revision again, without a change in Git. */
        RETRY,
        /** Hold the analysis where it is: no checks, no traffic change, no failed checks counted. */
        PAUSE,
        /** Continue a paused analysis. */
        RESUME;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ManualCommand {
        value = value == null ? "" : value.strip();
    }

    /** The request value for {@code action} at {@code at}: {@code promote@2026-01-01T10:00:00Z}. */
    public static String request(Action action, Instant at) {
        return action.wireName() + "@" + at;
    }

    /** The action before the {@code @}; empty when it is not one of the five. */
    public Optional<Action> action() {
        int at = value.indexOf('@');
        String name = (at < 0 ? value : value.substring(0, at)).strip().toLowerCase(Locale.ROOT);
        for (Action a : Action.values()) {
            if (a.wireName().equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    public boolean is(Action a) {
        return action().filter(a::equals).isPresent();
    }
}
