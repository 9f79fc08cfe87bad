package dev.sluice.api.flagger;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A MetricTemplate (flagger.app/v1beta1): a metrics provider and a query template rendered with
 * {@code {{ name }} {{ namespace }} {{ target }} {{ service }} {{ ingress }} {{ route }} {{ interval }}
 * {{ variables.key }}}.
 *
 * @param providerType       prometheus, datadog, cloudwatch, newrelic, graphite, stackdriver, influxdb,
 *                           dynatrace, keptn, splunk or externalmetrics; unknown types are read as prometheus
 * @param headers            extra HTTP headers for the provider's API
 * @param secretRef          name of a Secret in the template's namespace holding credentials, if any
 */
public record MetricTemplate(String name, String namespace, String providerType, String address,
                             Map<String, List<String>> headers, Optional<String> secretRef, String region,
                             boolean insecureSkipVerify, String query) {

    public static final List<String> PROVIDER_TYPES = List.of("prometheus", "datadog", "cloudwatch", "newrelic",
            "graphite", "stackdriver", "influxdb", "dynatrace", "keptn", "splunk", "externalmetrics");

    public MetricTemplate {
        headers = Map.copyOf(headers);
    }
}
