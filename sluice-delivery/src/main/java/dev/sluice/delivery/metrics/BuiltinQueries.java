package dev.sluice.delivery.metrics;

import java.util.Locale;

/**
 * The PromQL behind the builtin checks {@code request-success-rate} (percent) and
 * {@code request-duration} (P99, read as milliseconds), per observer, as Flagger's
 * {@code pkg/metrics/observers} has them (whitespace compacted). Templates use the query variables
 * ({@code {{ namespace }} {{ target }} {{ interval }}}...).
 */
public enum BuiltinQueries {

    ISTIO(ratio("istio_requests_total", "reporter=\"destination\",destination_workload_namespace=\"{{ namespace }}\","
                    + "destination_workload=~\"{{ target }}\"", "response_code!~\"5.*\""),
            p99("istio_request_duration_milliseconds_bucket", "reporter=\"destination\","
                    + "destination_workload_namespace=\"{{ namespace }}\",destination_workload=~\"{{ target }}\""), 1),
    LINKERD(ratio("response_total", "namespace=\"{{ namespace }}\",deployment=~\"{{ target }}\"",
            "classification!=\"failure\"", "direction=\"inbound\""),
            p99("response_latency_ms_bucket", "namespace=\"{{ namespace }}\",deployment=~\"{{ target }}\","
                    + "direction=\"inbound\""), 1),
    NGINX(ratio("nginx_ingress_controller_requests", "namespace=\"{{ namespace }}\",ingress=\"{{ ingress }}\","
                    + "canary!=\"\"", "status!~\"5.*\""),
            "sum(rate(nginx_ingress_controller_response_duration_seconds_sum{namespace=\"{{ namespace }}\","
                    + "ingress=\"{{ ingress }}\",canary!=\"\"}[{{ interval }}])) / sum(rate("
                    + "nginx_ingress_controller_response_duration_seconds_count{namespace=\"{{ namespace }}\","
                    + "ingress=\"{{ ingress }}\",canary!=\"\"}[{{ interval }}])) * 1000", 1),
    /** kubernetes and gatewayapi: the app's own {@code http_request_duration_seconds}, in seconds. */
    HTTP(ratio("http_request_duration_seconds_count", "kubernetes_namespace=\"{{ namespace }}\","
                    + "kubernetes_pod_name=~\"{{ target }}-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)\"", "status!~\"5.*\""),
            p99("http_request_duration_seconds_bucket", "kubernetes_namespace=\"{{ namespace }}\","
                    + "kubernetes_pod_name=~\"{{ target }}-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)\""), 1000),
    CONTOUR(envoy("envoy_cluster_name=~\"{{ namespace }}_{{ service }}-canary_[0-9a-zA-Z-]+\""),
            p99Envoy("envoy_cluster_name=~\"{{ namespace }}_{{ service }}-canary_[0-9a-zA-Z-]+\""), 1),
    GLOO(envoy("envoy_cluster_name=~\"{{ namespace }}-{{ target }}-canaryupstream-[0-9a-zA-Z-]+_[0-9a-zA-Z-]+\""),
            p99Envoy("envoy_cluster_name=~\"{{ namespace }}-{{ target }}-canaryupstream-[0-9a-zA-Z-]+_[0-9a-zA-Z-]+\""), 1),
    APPMESH(envoy("kubernetes_namespace=\"{{ namespace }}\",kubernetes_pod_name=~\"{{ target }}-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)\""),
            p99Envoy("kubernetes_namespace=\"{{ namespace }}\",kubernetes_pod_name=~\"{{ target }}-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)\""), 1),
    KUMA(envoy("service=~\"{{ target }}-canary_{{ namespace }}_svc_[0-9a-zA-Z-]+\""),
            p99Envoy("service=~\"{{ target }}-canary_{{ namespace }}_svc_[0-9a-zA-Z-]+\""), 1),
    KNATIVE(envoy("envoy_cluster_name=~\"{{ namespace }}/{{ route }}\""),
            p99Envoy("envoy_cluster_name=~\"{{ namespace }}/{{ route }}\""), 1),
    OSM(ratio("osm_request_total", "destination_namespace=\"{{ namespace }}\",destination_kind=\"Deployment\","
                    + "destination_name=\"{{ target }}\"", "response_code!~\"5.*\""),
            p99("osm_request_duration_ms_bucket", "destination_namespace=\"{{ namespace }}\","
                    + "destination_kind=\"Deployment\",destination_name=\"{{ target }}\""), 1),
    TRAEFIK(ratio("traefik_service_request_duration_seconds_bucket",
                    "service=~\"{{ namespace }}-{{ target }}-canary-[0-9a-zA-Z-]+@kubernetescrd\"", "code!~\"5..\"",
                    "le=\"+Inf\""),
            p99("traefik_service_request_duration_seconds_bucket",
                    "service=~\"{{ namespace }}-{{ target }}-canary-[0-9a-zA-Z-]+@kubernetescrd\"") + " * 1000", 1),
    APISIX(ratio("apisix_http_status", "route=~\"{{ namespace }}_{{ route }}-{{ target }}-canary_.+\"", "code!~\"5..\""),
            p99("apisix_http_latency_bucket", "type=~\"request\",route=~\"{{ namespace }}_{{ route }}-{{ target }}-canary_.+\""), 1),
    /** Names are made regex-safe first (see {@link #variables}). */
    SKIPPER(SkipperRoute.PATTERN + ratio("skipper_response_duration_seconds_bucket", "route=~\"{{ $route }}\"",
            "code!~\"5..\"", "le=\"+Inf\""),
            SkipperRoute.PATTERN + "sum(rate(skipper_serve_route_duration_seconds_sum{route=~\"{{ $route }}\"}[{{ interval }}]))"
                    + " / sum(rate(skipper_serve_route_duration_seconds_count{route=~\"{{ $route }}\"}[{{ interval }}])) * 1000", 1);

    private final String successRate;
    private final String duration;
    private final double toMillis;

    BuiltinQueries(String successRate, String duration, double toMillis) {
        this.successRate = successRate;
        this.duration = duration;
        this.toMillis = toMillis;
    }

    /** The success-rate template (percent). */
    public String successRate() {
        return successRate;
    }

    /** The P99 template; multiply its value by {@link #toMillis()}. */
    public String duration() {
        return duration;
    }

    /** 1 when the duration query answers milliseconds, 1000 when it answers seconds. */
    public double toMillis() {
        return toMillis;
    }

    /** The variables the templates are rendered with (Skipper replaces non-word characters by '_'). */
    public QueryVariables variables(QueryVariables v) {
        return this == SKIPPER ? SkipperRoute.encode(v) : v;
    }

    /**
     * Flagger's observer choice for the builtin checks' provider name ({@code AnalysisPlan.metricsProvider},
     * which may end in {@code :service}): prefix appmesh, linkerd, istio, contour, prefix gloo, nginx,
     * kubernetes or prefix gatewayapi (the http observer), skipper, traefik, osm, kuma, apisix,
     * knative; anything else is istio.
     */
    public static BuiltinQueries forProvider(String metricsProvider) {
        String p = metricsProvider == null ? "" : metricsProvider.toLowerCase(Locale.ROOT);
        if (p.startsWith("appmesh")) {
            return APPMESH;
        }
        if (p.startsWith("gloo")) {
            return GLOO;
        }
        if (p.equals("kubernetes") || p.startsWith("gatewayapi")) {
            return HTTP;
        }
        return switch (p) {
            case "linkerd" -> LINKERD;
            case "contour" -> CONTOUR;
            case "nginx" -> NGINX;
            case "skipper" -> SKIPPER;
            case "traefik" -> TRAEFIK;
            case "osm" -> OSM;
            case "kuma" -> KUMA;
            case "apisix" -> APISIX;
            case "knative" -> KNATIVE;
            default -> ISTIO;
        };
    }

    private static String ratio(String metric, String selector, String... okOnly) {
        String extra = okOnly.length > 1 ? "," + okOnly[1] : "";
        return "sum(rate(" + metric + "{" + selector + "," + okOnly[0] + extra + "}[{{ interval }}])) / sum(rate("
                + metric + "{" + selector + extra + "}[{{ interval }}])) * 100";
    }

    private static String p99(String bucket, String selector) {
        return "histogram_quantile(0.99, sum(rate(" + bucket + "{" + selector + "}[{{ interval }}])) by (le))";
    }

    private static String envoy(String selector) {
        return ratio("envoy_cluster_upstream_rq", selector, "envoy_response_code!~\"5.*\"");
    }

    private static String p99Envoy(String selector) {
        return p99("envoy_cluster_upstream_rq_time_bucket", selector);
    }
}
