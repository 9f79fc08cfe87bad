package dev.sluice.delivery.metrics;

import dev.sluice.api.flagger.Canary;
import dev.sluice.api.flagger.MetricSpec;
import java.util.Map;

/**
 * The values a metric query template is rendered with (Flagger's MetricTemplateModel):
 * {@code {{ name }} {{ namespace }} {{ target }} {{ service }} {{ ingress }} {{ route }}
 * {{ interval }} {{ variables.key }}}.
 *
 * @param name      the Canary's name
 * @param target    the target workload's name
 * @param service   the apex Service ({@code service.name}, else the target)
 * @param ingress   {@code ingressRef.name}, else the target
 * @param route     {@code routeRef.name}, else the target (Knative: the latest revision)
 * @param interval  the metric's window, e.g. {@code 1m}
 * @param variables the metric's {@code templateVariables}
 */
public record QueryVariables(String name, String namespace, String target, String service, String ingress,
                             String route, String interval, Map<String, String> variables) {

    public QueryVariables {
        variables = Map.copyOf(variables);
    }

    /** The variables of one metric of a Canary, as Flagger's {@code toMetricModel}. */
    public static QueryVariables of(Canary canary, MetricSpec metric) {
        String target = canary.targetName();
        return new QueryVariables(canary.name(), canary.namespace(), target, canary.apexName(),
                canary.spec().ingressRef().map(r -> r.name()).orElse(target),
                canary.spec().routeRef().map(r -> r.name()).orElse(target), metric.interval(),
                metric.templateVariables());
    }
}
