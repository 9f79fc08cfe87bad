package dev.sluice.api.validation.schemas;

import static dev.sluice.api.validation.Types.*;
import static dev.sluice.api.validation.schemas.Common.*;

import dev.sluice.api.validation.Schema;

/** Flagger's {@code Canary.spec.service}, with the Istio and Gateway API pieces it embeds. */
final class CanaryServiceSchema {

    static final Schema.Obj STRING_MATCH = object(
            field("exact", string()), field("prefix", string()), field("regex", string()), field("suffix", string()));

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
            field("connectionPool", anyObject()),
            field("loadBalancer", anyObject()),
            field("outlierDetection", anyObject()),
            field("tls", object(
                    field("mode", enumOf("DISABLE", "SIMPLE", "MUTUAL", "ISTIO_MUTUAL")),
                    field("clientCertificate", string()),
                    field("privateKey", string()),
                    field("caCertificates", string()),
                    field("subjectAltNames", stringList()),
                    field("sni", string()))));

    static final Schema.Obj PARENT_REF = object(
            field("group", string().length(0, 253)).withDefault("gateway.networking.k8s.io"),
            field("kind", string().length(1, 63)).withDefault("Gateway"),
            field("namespace", NAMESPACE),
            required("name", string().length(1, 253)),
            field("sectionName", string().length(1, 253)),
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
            field("mirror", listOf(object(field("backendRef", object(
                    field("group", string()).withDefault(""),
                    field("kind", string()).withDefault("Service"),
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
