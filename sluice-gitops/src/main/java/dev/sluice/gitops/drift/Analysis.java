package dev.sluice.gitops.drift;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;

/** The outcome of a drift analysis of one Canary. */
public sealed interface Analysis {

    /** Git declares the failed spec while the cluster runs the promoted one. */
    record Drifted(DriftReport report) implements Analysis {
    }

    /** Git and the cluster agree (or the Canary is not Failed): any GitDrift condition is cleared. */
    record NoDrift(String reason) implements Analysis {
    }

    /** The target does not come from a Git source through a Kustomization: there is no Git to compare. */
    record NotManaged(String reason) implements Analysis {
    }

    /** The analysis could not finish (fetch, credentials, build); try again later, not in a loop. */
    record Incomplete(String reason) implements Analysis {
    }

    /** {@code {"analysis": "Drifted", "report": {...}}} or {@code {"analysis": "NoDrift", "reason": "..."}}. */
    default ObjectNode toJson() {
        ObjectNode n = Json.object().put("analysis", getClass().getSimpleName());
        switch (this) {
            case Drifted d -> n.set("report", d.report().toJson());
            case NoDrift x -> n.put("reason", x.reason());
            case NotManaged x -> n.put("reason", x.reason());
            case Incomplete x -> n.put("reason", x.reason());
        }
        return n;
    }
}
