package dev.sluice.helm.chart;

import dev.sluice.api.KubeObject;
import java.util.List;

/**
 * A chart rendered for one release: the manifest Helm stores (every non-hook document as
 * {@code ---\n# Source: <path>\n<yaml>}), its objects, and the hooks, as Helm splits them.
 *
 * @param manifest  the release manifest text, as Helm writes it in the release
 * @param resources the manifest's objects, in manifest order (namespaces not yet defaulted)
 * @param hooks     documents annotated {@code helm.sh/hook}, in manifest order
 */
public record RenderedChart(String manifest, List<KubeObject> resources, List<Hook> hooks) {

    public RenderedChart {
        resources = List.copyOf(resources);
        hooks = List.copyOf(hooks);
    }

    /** The hooks that run on {@code event} (e.g. {@code test}), lowest weight first, then by name. */
    public List<Hook> hooksFor(String event) {
        return hooks.stream().filter(h -> h.runsOn(event))
                .sorted(java.util.Comparator.comparingInt(Hook::weight).thenComparing(Hook::name)).toList();
    }
}
