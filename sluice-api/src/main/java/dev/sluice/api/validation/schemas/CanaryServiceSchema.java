package dev.sluice.api.validation.schemas;

import static dev.sluice.api.validation.Types.*;
import static dev.sluice.api.validation.schemas.Common.*;

import dev.sluice.api.validation.Schema;

/** Flagger's {@code Canary.spec.service}, with the Istio and Gateway API pieces it embeds. */
final class CanaryServiceSchema {

    /** Istio's StringMatch. */
    static final Schema.Obj STRING_MATCH = object(field("exact", string()), field("prefix", string()), field("regex", string()));

    /** Istio's HTTPMatchRequest (also used by Canary.spec.analysis.match). */
    static final Schema.Obj HTTP_MATCH = object(
            field("name", string()),
            field("uri", STRING_MATCH),
            field("scheme", STRING_MATCH),
            field("method", STRING_MATCH),
            field("authority", STRING_MATCH),
            field("headers", mapOf(STRING_MATCH)),
            field("port", integer()),
            field("sourceLabels", stringMap()),
            field("gateways", stringList()),
            field("queryParams", mapOf(STRING_MATCH)),
            field("ignoreUriCase", bool()),
            field("withoutHeaders", mapOf(STRING_MATCH)),
            field("sourceNamespace", string()));

    static final Schema.Obj HEADER_OPS = object(
            field("add", stringMap()), field("set", stringMap()), field("remove", stringList()));

    static final Schema.Obj TRAFFIC_POLICY = object(
            field("connectionPool", object(field("http", object(
                    field("http1MaxPendingRequests", integer().format("int32")),
                    field("http2MaxRequests", integer().format("int32")),
                    field("maxRequestsPerConnection", integer().format("int32")),
                    field("maxRetries", integer().format("int32")),
                    field("idleTimeout", string()),
                    field("h2UpgradePolicy", enumOf("DEFAULT", "DO_NOT_UPGRADE", "UPGRADE")))))),
            field("loadBalancer", object(
                    field("simple", enumOf("ROUND_ROBIN", "LEAST_CONN", "RANDOM", "PASSTHROUGH", "LEAST_REQUEST")),
                    field("consistentHash", object(
                            field("httpHeaderName", string()),
                            field("httpCookie", object(field("name", string()), field("path", string()), field("ttl", string()))),
                            field("useSourceIp", bool()),
                            field("httpQueryParameterName", string()),
                            field("minimumRingSize", integer()))),
                    field("localityLbSetting", object(
                            field("distribute", listOf(object(field("from", string()), field("to", mapOf(integer()))))),
                            field("failover", listOf(object(field("from", string()), field("to", string())))),
                            field("enabled", bool()))),
                    field("warmupDurationSecs", string()))),
            field("outlierDetection", object(
                    field("consecutiveErrors", integer().format("int32")),
                    field("consecutiveGatewayErrors", integer().format("int32")),
                    field("consecutive5xxErrors", integer()),
                    field("consecutiveLocalOriginFailures", integer().format("int32")),
                    field("splitExternalLocalOriginErrors", bool()),
                    field("interval", string()),
                    field("baseEjectionTime", string()),
                    field("maxEjectionPercent", integer().format("int32")),
                    field("minHealthPercent", integer().format("int32")))),
            field("tls", object(
                    field("mode", enumOf("DISABLE", "SIMPLE", "MUTUAL", "ISTIO_MUTUAL")),
                    field("clientCertificate", string()),
                    field("privateKey", string()),
                    field("caCertificates", string()),
                    field("subjectAltNames", stringList()),
                    field("sni", string()))));

    static final String GROUP = "^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    static final String KIND = "^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$";

    static final Schema.Obj PARENT_REF = object(
            field("group", string().length(0, 253).pattern(GROUP, "an API group such as gateway.networking.k8s.io"))
                    .withDefault("gateway.networking.k8s.io"),
            field("kind", string().length(1, 63).pattern(KIND, "a kind such as Gateway")).withDefault("Gateway"),
            field("namespace", NAMESPACE),
            required("name", string().length(1, 253)),
            field("sectionName", string().length(1, 253).pattern(DNS_SUBDOMAIN, "a listener name")),
            field("port", integer().min(1).max(65535).format("int32")));

    static final Schema.Obj SERVICE = object(
            field("name", string()),
            required("port", integer().min(1).max(65535)),
            field("portName", string()),
            field("targetPort", intOrString()),
            field("appProtocol", string()),
            field("trafficDistribution", enumOf("PreferClose", "PreferSameZone", "PreferSameNode")),
            field("portDiscovery", bool()),
            field("headless", bool()),
            field("timeout", string()),
            field("backendTimeout", string()),
            field("gateways", stringList()),
            field("gatewayRefs", listOf(PARENT_REF).size(0, 32)),
            field("hosts", stringList()),
            field("delegation", bool()),
            field("trafficPolicy", TRAFFIC_POLICY),
            field("match", listOf(HTTP_MATCH)),
            field("rewrite", object(field("uri", string()), field("authority", string()), field("type", string()))),
            field("retries", object(field("attempts", integer()), field("perTryTimeout", string()), field("retryOn", string()))),
            field("headers", object(field("request", HEADER_OPS), field("response", HEADER_OPS))),
            field("mirror", listOf(object(required("backendRef", object(
                    field("group", string().length(0, 253).pattern(GROUP, "an API group, '' for core")).withDefault(""),
                    field("kind", string().length(1, 63).pattern(KIND, "a kind such as Service")).withDefault("Service"),
                    required("name", string().length(1, 253)),
                    field("namespace", NAMESPACE),
                    field("port", integer().min(1).max(65535))))))),
            field("corsPolicy", object(
                    field("allowOrigin", stringList()),
                    field("allowOrigins", listOf(STRING_MATCH)),
                    field("allowMethods", stringList()),
                    field("allowHeaders", stringList()),
                    field("exposeHeaders", stringList()),
                    field("maxAge", string()),
                    field("allowCredentials", bool()))),
            field("meshName", string()),
            field("backends", stringList()),
            field("apex", METADATA_OVERRIDES),
            field("primary", METADATA_OVERRIDES),
            field("canary", METADATA_OVERRIDES),
            field("unmanagedMetadata", object(field("annotations", stringList()), field("labels", stringList()))));

    private CanaryServiceSchema() {
    }
}
