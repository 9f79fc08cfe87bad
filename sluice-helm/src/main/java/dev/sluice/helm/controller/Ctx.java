package dev.sluice.helm.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.KubeObject;
import dev.sluice.api.helm.HelmRelease;
import dev.sluice.helm.chart.ChartArchive;
import dev.sluice.helm.chart.ChartException;
import dev.sluice.helm.chart.ChartMetadata;
import dev.sluice.helm.chart.ChartRenderer;
import dev.sluice.helm.chart.PostRenderers;
import dev.sluice.helm.chart.RenderedChart;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One reconciliation of one HelmRelease: the object, its parsed spec, the status being built, the
 * chart and values, and the rendering (done once, only when an action needs it). Not thread-safe.
 */
final class Ctx {

    private static final PostRenderers POST_RENDERERS = new PostRenderers();

    final KubeObject obj;
    final HelmRelease hr;
    final HrStatus status;
    final Instant now;
    final ChartArchive chart;
    final ChartMetadata meta;
    final ObjectNode values;
    final String configDigest;
    final ReleaseObjects.Owner owner;
    private final ChartRenderer renderer;
    private RenderedChart rendered;

    Ctx(KubeObject obj, HelmRelease hr, HrStatus status, Instant now, ChartArchive chart, ChartMetadata meta,
        ObjectNode values, String configDigest, ChartRenderer renderer) {
        this.obj = obj;
        this.hr = hr;
        this.status = status;
        this.now = now;
        this.chart = chart;
        this.meta = meta;
        this.values = values;
        this.configDigest = configDigest;
        this.renderer = renderer;
        this.owner = new ReleaseObjects.Owner(hr.releaseName(), hr.releaseNamespace(), hr.name(), hr.namespace(),
                hr.spec().commonMetadata());
    }

    RenderedChart rendered() throws ChartException {
        if (rendered == null) {
            rendered = POST_RENDERERS.apply(renderer.render(chart, hr.releaseName(), hr.releaseNamespace(), values),
                    hr.object().spec().path("postRenderers"));
        }
        return rendered;
    }

    String release() {
        return hr.releaseName();
    }

    String releaseNamespace() {
        return hr.releaseNamespace();
    }

    String storageNamespace() {
        return hr.storageNamespace();
    }

    Duration timeout(String action) {
        var spec = hr.spec();
        Optional<Duration> specific = switch (action) {
            case "install" -> spec.install().timeout();
            case "upgrade" -> spec.upgrade().timeout();
            case "test" -> spec.test().timeout();
            case "rollback" -> spec.rollback().timeout();
            case "uninstall" -> spec.uninstall().timeout();
            default -> Optional.empty();
        };
        return specific.orElse(spec.effectiveTimeout());
    }

    boolean testEnabled() {
        return hr.spec().test().enable();
    }

    /** Whether test failures count, for the summary of Ready (Flux: the active remediation's setting). */
    boolean ignoreTestFailures() {
        return Planner.activeRemediation(hr, status.text("lastAttemptedReleaseAction"))
                .map(r -> Planner.ignoreTestFailures(hr, r)).orElse(hr.spec().test().ignoreFailures());
    }
}
