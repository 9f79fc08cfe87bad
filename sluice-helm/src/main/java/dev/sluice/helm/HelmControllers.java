package dev.sluice.helm;

import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.reconcile.Controller;
import dev.sluice.cluster.reconcile.Reconciler;
import dev.sluice.cluster.reconcile.Scheduler;
import dev.sluice.cluster.reconcile.WatchWiring;
import dev.sluice.gitops.source.ArtifactStore;
import dev.sluice.helm.chart.ChartRenderer;
import dev.sluice.helm.chart.HelmSdkRenderer;
import dev.sluice.helm.controller.HelmReleaseReconciler;
import dev.sluice.helm.controller.HelmSettings;
import dev.sluice.helm.release.ReleaseStorage;
import dev.sluice.helm.source.ChartStore;
import dev.sluice.helm.source.HelmChartReconciler;
import dev.sluice.helm.source.HelmRepositoryReconciler;
import dev.sluice.helm.source.HttpFetcher;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Helm controllers in one place, for the composition root: the HelmRepository, HelmChart and
 * HelmRelease reconcilers and the watches that feed them (a source's new artifact wakes its
 * HelmCharts, a HelmChart's new artifact or an applied workload's change wakes its HelmRelease, a ConfigMap or Secret named in
 * {@code valuesFrom} wakes the HelmReleases that read it).
 *
 * <pre>{@code
 * HelmControllers helm = HelmControllers.create(cluster, clock, stateDir, Optional.of(gitArtifacts), HelmSettings.EMBEDDED);
 * List<WatchWiring> wirings = helm.register(scheduler, cluster);   // started; close them on shutdown
 * }</pre>
 *
 * @param registrations each reconciler with the related kinds that enqueue it
 */
public record HelmControllers(List<Registration> registrations, ChartStore charts) {

    /** A reconciler and the related kinds whose changes enqueue its objects. */
    public record Registration(Reconciler reconciler, Map<GroupKind, Function<KubeObject, Collection<ObjectKey>>> related) {
    }

    private static final GroupKind GIT = GroupKind.of(ResourceTypes.SOURCE, "GitRepository");
    /** Workloads whose changes wake the HelmRelease waiting for them (sooner than its poll). */
    private static final List<GroupKind> WORKLOADS = List.of(GroupKind.of("apps", "Deployment"),
            GroupKind.of("apps", "DaemonSet"), GroupKind.of("apps", "StatefulSet"));

    /**
     * @param stateDir     artifacts go to {@code <stateDir>/helm-artifacts}, rendering scratch to {@code <stateDir>/helm-render}
     * @param gitArtifacts the Git sources' artifact store (charts from a GitRepository), if any
     */
    public static HelmControllers create(Cluster cluster, Clock clock, Path stateDir, Optional<ArtifactStore> gitArtifacts,
                                         HelmSettings settings) {
        ChartStore charts = new ChartStore(stateDir.resolve("helm-artifacts"),
                "http://source-controller.flux-system.svc.cluster.local.", clock);
        return create(cluster, clock, charts, new HelmSdkRenderer(stateDir.resolve("helm-render")), new HttpFetcher(),
                gitArtifacts, settings);
    }

    /** With every part given (tests pass their own renderer or fetcher). */
    public static HelmControllers create(Cluster cluster, Clock clock, ChartStore charts, ChartRenderer renderer,
                                         HttpFetcher http, Optional<ArtifactStore> gitArtifacts, HelmSettings settings) {
        List<Registration> regs = new ArrayList<>();
        regs.add(new Registration(new HelmRepositoryReconciler(cluster, http, charts, clock), Map.of()));
        regs.add(new Registration(new HelmChartReconciler(cluster, http, charts, gitArtifacts, clock), Map.of(
                HelmRepositoryReconciler.KIND, source -> chartsOf(cluster, source),
                GIT, source -> chartsOf(cluster, source))));
        Map<GroupKind, Function<KubeObject, Collection<ObjectKey>>> hr = new java.util.LinkedHashMap<>();
        hr.put(HelmChartReconciler.KIND, HelmControllers::releaseOf);
        hr.put(GroupKind.of("", "ConfigMap"), o -> readers(cluster, o));
        hr.put(GroupKind.of("", "Secret"), o -> readers(cluster, o));
        WORKLOADS.forEach(w -> hr.put(w, HelmControllers::releaseOf));
        regs.add(new Registration(new HelmReleaseReconciler(cluster, charts, renderer, clock, settings),
                java.util.Collections.unmodifiableMap(hr)));
        return new HelmControllers(List.copyOf(regs), charts);
    }

    /** Registers every reconciler with {@code scheduler} and starts its watches; returns the wirings to close. */
    public List<WatchWiring> register(Scheduler scheduler, Cluster cluster) {
        List<WatchWiring> out = new ArrayList<>();
        for (Registration r : registrations) {
            Controller c = scheduler.register(r.reconciler());
            WatchWiring w = WatchWiring.of(cluster, c);
            r.related().forEach(w::related);
            out.add(w.start());
        }
        return out;
    }

    /** The HelmCharts whose sourceRef is {@code source}. */
    static List<ObjectKey> chartsOf(Cluster cluster, KubeObject source) {
        List<ObjectKey> out = new ArrayList<>();
        for (KubeObject c : cluster.list(HelmChartReconciler.KIND, source.namespace(), dev.sluice.api.LabelSelector.everything())) {
            var ref = c.spec().path("sourceRef");
            if (ref.path("kind").asText().equals(source.kind()) && ref.path("name").asText().equals(source.name())) {
                out.add(c.key());
            }
        }
        return out;
    }

    /** The HelmRelease an object belongs to: a generated HelmChart or an applied workload (their helm-controller labels). */
    static List<ObjectKey> releaseOf(KubeObject chart) {
        String name = chart.labels().get("helm.toolkit.fluxcd.io/name");
        String ns = chart.labels().get("helm.toolkit.fluxcd.io/namespace");
        return name == null || ns == null ? List.of() : List.of(new ObjectKey(HelmReleaseReconciler.KIND, ns, name));
    }

    /** HelmReleases whose valuesFrom names this ConfigMap or Secret (Helm's own release Secrets are skipped). */
    static List<ObjectKey> readers(Cluster cluster, KubeObject o) {
        if (ReleaseStorage.TYPE.equals(o.field("type").asText())) {
            return List.of();
        }
        List<ObjectKey> out = new ArrayList<>();
        for (KubeObject hr : cluster.list(HelmReleaseReconciler.KIND, o.namespace(), dev.sluice.api.LabelSelector.everything())) {
            for (var ref : hr.spec().path("valuesFrom")) {
                if (ref.path("kind").asText().equals(o.kind()) && ref.path("name").asText().equals(o.name())) {
                    out.add(hr.key());
                    break;
                }
            }
        }
        return out;
    }
}
