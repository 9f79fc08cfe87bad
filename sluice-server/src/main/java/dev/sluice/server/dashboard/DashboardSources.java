package dev.sluice.server.dashboard;

import dev.sluice.server.api.TokenAuth;
import dev.sluice.server.observe.SluiceMetrics;
import dev.sluice.server.observe.TickStore;
import java.time.Clock;
import java.util.Objects;

/**
 * What the dashboard reads besides the Cluster port, bundled for {@link Dashboard#mount}.
 *
 * @param auth      the API token (the same one the resource API checks); actions need it
 * @param clock     for annotation timestamps and the timeline
 * @param ticks     the canary reconciler's AnalysisRecorder (give the same instance to the reconciler)
 * @param workloads golden metrics per workload ({@link WorkloadStats#NONE} when not known)
 * @param gates     opens manual gates ({@link GateApprover#NONE} when no load tester is known)
 * @param metrics   served at {@code /metrics}; null serves none
 */
public record DashboardSources(TokenAuth auth, Clock clock, TickStore ticks, WorkloadStats workloads, GateApprover gates,
                               SluiceMetrics metrics) {

    public DashboardSources {
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ticks, "ticks");
        Objects.requireNonNull(workloads, "workloads");
        Objects.requireNonNull(gates, "gates");
    }

    /** Only the required parts: no workload stats, no gate approver, no /metrics. */
    public static DashboardSources of(TokenAuth auth, Clock clock, TickStore ticks) {
        return new DashboardSources(auth, clock, ticks, WorkloadStats.NONE, GateApprover.NONE, null);
    }

    public DashboardSources withWorkloads(WorkloadStats w) {
        return new DashboardSources(auth, clock, ticks, w, gates, metrics);
    }

    public DashboardSources withGates(GateApprover g) {
        return new DashboardSources(auth, clock, ticks, workloads, g, metrics);
    }

    public DashboardSources withMetrics(SluiceMetrics m) {
        return new DashboardSources(auth, clock, ticks, workloads, gates, m);
    }
}
