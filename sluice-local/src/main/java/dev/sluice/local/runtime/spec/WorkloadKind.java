package dev.sluice.local.runtime.spec;

import dev.sluice.api.GroupKind;
import java.util.Optional;

/** The workload kinds the embedded runtime runs. */
public enum WorkloadKind {
    DEPLOYMENT("apps", "Deployment"),
    DAEMON_SET("apps", "DaemonSet"),
    /** A bare Pod (also the Pods a Job creates). */
    POD("", "Pod"),
    JOB("batch", "Job");

    private final GroupKind groupKind;

    WorkloadKind(String group, String kind) {
        this.groupKind = GroupKind.of(group, kind);
    }

    public GroupKind groupKind() {
        return groupKind;
    }

    public String kind() {
        return groupKind.kind();
    }

    public static Optional<WorkloadKind> of(GroupKind gk) {
        for (WorkloadKind k : values()) {
            if (k.groupKind.equals(gk)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
