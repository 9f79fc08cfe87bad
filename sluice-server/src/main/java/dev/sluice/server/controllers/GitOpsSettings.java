package dev.sluice.server.controllers;

import dev.sluice.api.GroupKind;
import dev.sluice.gitops.kustomization.KustomizationSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How {@link GitOpsControllers} runs in one mode.
 *
 * @param stateDir       where artifacts ({@code artifacts/}) and Git caches ({@code git-cache/}) live
 * @param kustomizations the Kustomization reconciler's settings (field manager, requeue and poll periods)
 * @param workloads      the kinds whose changes wake the Kustomization that applied them (its health
 *                       wait); other kinds are polled every {@link KustomizationSettings#healthPoll()}.
 *                       Kubernetes mode keeps to the kinds its least-privilege role may watch.
 */
public record GitOpsSettings(Path stateDir, KustomizationSettings kustomizations, List<GroupKind> workloads) {

    /** Every workload kind whose health a Kustomization waits for. */
    public static final List<GroupKind> ALL_WORKLOADS = List.of(GroupKind.of("apps", "Deployment"),
            GroupKind.of("apps", "DaemonSet"), GroupKind.of("apps", "StatefulSet"), GroupKind.of("batch", "Job"));

    public GitOpsSettings {
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(kustomizations, "kustomizations");
        workloads = List.copyOf(workloads);
    }

    /** Embedded mode: fast requeues, every workload kind watched. */
    public static GitOpsSettings embedded(Path stateDir) {
        return new GitOpsSettings(stateDir, KustomizationSettings.EMBEDDED, ALL_WORKLOADS);
    }
}
