package dev.sluice.cluster.health;

import dev.sluice.api.Condition;
import dev.sluice.api.KubeObject;
import java.util.Optional;
import java.util.Set;

/** Rules for CRDs and custom resources (Flux's kinds, Flagger's Canary, anything else). */
final class CustomHealth {

    private static final Set<String> CANARY_DONE = Set.of("Initialized", "Succeeded");

    private CustomHealth() {
    }

    static HealthResult customResourceDefinition(KubeObject o) {
        for (Condition c : Fields.conditions(o)) {
            if (c.type().equals("NamesAccepted") && c.isFalse()) {
                return HealthResult.failed(c.message());
            }
            if (c.type().equals("Established")) {
                if (c.isFalse() && !c.reason().equals("Installing")) {
                    return HealthResult.failed(c.message());
                }
                if (c.isTrue()) {
                    return HealthResult.current("CRD is established");
                }
            }
        }
        return HealthResult.inProgress("Install in progress");
    }

    /**
     * kstatus' fallback for kinds without a rule, which covers Flux's own kinds: {@code Ready=True}
     * is current, {@code Ready=False} or {@code Unknown} is in progress (a failure that will not
     * heal is reported through {@code Stalled=True}, checked before this), and an object without a
     * Ready condition is assumed current.
     */
    static HealthResult readyCondition(KubeObject o) {
        Optional<Condition> ready = Fields.condition(o, "Ready");
        if (ready.isEmpty()) {
            return HealthResult.current("Resource is current");
        }
        return ready.get().isTrue()
                ? HealthResult.current("Resource is Ready")
                : HealthResult.inProgress(ready.get().message());
    }

    /**
     * Flagger's Canary. Flux has no rule for it: a Canary carries no Ready condition and no
     * observedGeneration, so kstatus (and thus a Flux health check) always finds it current, even
     * mid-analysis or failed. Sluice judges it by {@code status.phase} instead, which is what the
     * Canary's own {@code Promoted} condition encodes: Initialized and Succeeded are current, Failed
     * is failed, every other phase (and no phase yet) is in progress.
     */
    static HealthResult canary(KubeObject o) {
        String phase = Fields.text(o, "/status/phase", "");
        if (phase.isEmpty()) {
            return HealthResult.inProgress("Canary is not initialized yet");
        }
        String detail = Fields.condition(o, "Promoted").map(Condition::message).filter(m -> !m.isEmpty())
                .map(m -> ": " + m).orElse("");
        String message = "Canary phase " + phase + detail;
        if (CANARY_DONE.contains(phase)) {
            return HealthResult.current(message);
        }
        return phase.equals("Failed") ? HealthResult.failed(message) : HealthResult.inProgress(message);
    }
}
