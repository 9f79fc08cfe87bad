package dev.sluice.helm.chart;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders a chart's templates for a release, as {@code helm install --dry-run} does, without a
 * cluster. Implementations are thread-safe and keep no state between calls.
 */
public interface ChartRenderer {

    /**
     * @param chart     the packaged chart
     * @param release   the release name ({@code .Release.Name})
     * @param namespace the release namespace ({@code .Release.Namespace})
     * @param values    the user-supplied values, coalesced with the chart's own values.yaml
     * @throws ChartException with Helm's message, e.g. naming the template, line and
     *                        {@code <.Values.image.tag>} that failed, or the schema path that was violated
     */
    RenderedChart render(ChartArchive chart, String release, String namespace, ObjectNode values) throws ChartException;
}
