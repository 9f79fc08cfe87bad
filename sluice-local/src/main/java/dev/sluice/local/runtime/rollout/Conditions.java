package dev.sluice.local.runtime.rollout;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The Deployment controller's condition helpers (deploymentutil), over an immutable list. */
final class Conditions {

    private Conditions() {
    }

    static Optional<DeploymentCondition> find(List<DeploymentCondition> list, String type) {
        return list.stream().filter(c -> c.type().equals(type)).findFirst();
    }

    static DeploymentCondition create(String type, String status, String reason, String message, String now) {
        return new DeploymentCondition(type, status, now, now, reason, message);
    }

    /**
     * {@code SetDeploymentCondition}: nothing changes when status and reason are the same; the
     * transition time is kept when only the reason changes; the condition moves to the end.
     */
    static List<DeploymentCondition> set(List<DeploymentCondition> list, DeploymentCondition next) {
        Optional<DeploymentCondition> current = find(list, next.type());
        if (current.isPresent() && current.get().status().equals(next.status()) && current.get().reason().equals(next.reason())) {
            return list;
        }
        DeploymentCondition put = next;
        if (current.isPresent() && current.get().status().equals(next.status())) {
            put = new DeploymentCondition(next.type(), next.status(), next.lastUpdateTime(),
                    current.get().lastTransitionTime(), next.reason(), next.message());
        }
        List<DeploymentCondition> out = new ArrayList<>(remove(list, next.type()));
        out.add(put);
        return out;
    }

    static List<DeploymentCondition> remove(List<DeploymentCondition> list, String type) {
        return list.stream().filter(c -> !c.type().equals(type)).toList();
    }
}
