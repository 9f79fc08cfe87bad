package dev.sluice.api.validation.schemas;

import static dev.sluice.api.validation.Types.*;

import dev.sluice.api.GroupKind;
import dev.sluice.api.ResourceTypes;
import dev.sluice.api.validation.KindSchema;
import dev.sluice.api.validation.PrinterColumn;
import dev.sluice.api.validation.Schema;
import dev.sluice.api.validation.VersionSchema;
import java.util.List;

/** Flagger's Canary ({@code flagger.app/v1beta1}). The record is the delivery engineer's. */
public final class CanarySchema {

    /** Flagger's CRD takes intervals as seconds or minutes only ({@code ^[0-9]+(m|s)}). */
    static final Schema.Duration INTERVAL = duration("^[0-9]+(m|s)", "a whole number of seconds or minutes, e.g. 10s or 1m");

    static final Schema.Obj CROSS_NAMESPACE_REF = object(
            field("apiVersion", string()), field("kind", string()), required("name", string()), field("namespace", string()));

    static final Schema.Obj ANALYSIS = object(
            required("interval", INTERVAL).withDoc("Schedule interval of the analysis; at least 10s."),
            required("threshold", integer().min(0)).withDoc("Failed checks tolerated before rollback."),
            field("iterations", integer().min(0)),
            field("maxWeight", integer().min(0).max(100)),
            field("stepWeight", integer().min(0).max(100)),
            field("stepWeights", listOf(integer().min(0).max(100))),
            field("stepWeightPromotion", integer().min(0).max(100)),
            field("mirror", bool()),
            field("mirrorWeight", integer().min(0).max(100)),
            field("primaryReadyThreshold", integer().min(0).max(100)),
            field("canaryReadyThreshold", integer().min(0).max(100)),
            field("match", listOf(object(
                    field("headers", mapOf(CanaryServiceSchema.STRING_MATCH.with(field("suffix", string())))),
                    field("queryParams", mapOf(object(field("exact", string()), field("prefix", string()), field("regex", string())))),
                    field("sourceLabels", stringMap())))),
            field("sessionAffinity", object(
                    required("cookieName", string()),
                    field("primaryCookieName", string()),
                    field("maxAge", integer()).withDefault(86400),
                    field("domain", string()),
                    field("path", string()),
                    field("httpOnly", bool()),
                    field("secure", bool()),
                    field("partitioned", bool()),
                    field("sameSite", enumOf("Strict", "Lax", "None")))),
            field("metrics", listOf(object(
                    required("name", string()),
                    field("interval", INTERVAL),
                    field("threshold", number()).deprecated("use thresholdRange"),
                    field("thresholdRange", object(field("min", number()), field("max", number()))),
                    field("query", string()).deprecated("use templateRef with a MetricTemplate"),
                    field("templateRef", object(required("name", string()), field("namespace", string()))),
                    field("templateVariables", stringMap())))),
            field("webhooks", listOf(object(
                    required("name", string()),
                    field("type", enumOf("", "confirm-rollout", "pre-rollout", "rollout", "confirm-promotion", "post-rollout",
                            "event", "rollback", "confirm-traffic-increase")),
                    required("url", string().format("url")),
                    field("timeout", INTERVAL),
                    field("retries", integer().min(0)),
                    field("muteAlert", bool()),
                    field("disableTLS", bool()),
                    field("metadata", stringMap())))),
            field("alerts", listOf(object(
                    required("name", string()),
                    field("severity", enumOf("", "info", "warn", "error")),
                    required("providerRef", object(required("name", string()), field("namespace", string())))))))
            .oneOf("iterations", "stepWeight", "stepWeights");

    static final Schema.Obj SPEC = object(
            field("provider", enumOf("apisix", "appmesh", "appmesh:v1beta2", "contour", "gatewayapi:v1", "gatewayapi:v1beta1",
                    "gloo", "istio", "knative", "kubernetes", "kuma", "linkerd", "nginx", "osm", "skipper", "smi:v1alpha1",
                    "smi:v1alpha2", "smi:v1alpha3", "traefik")),
            field("metricsServer", string()),
            required("targetRef", object(
                    required("apiVersion", string()),
                    required("kind", enumOf("DaemonSet", "Deployment", "Service")),
                    required("name", string()))),
            field("autoscalerRef", object(
                    required("apiVersion", string()),
                    required("kind", enumOf("HorizontalPodAutoscaler", "ScaledObject")),
                    required("name", string()),
                    field("primaryScalerQueries", stringMap()),
                    field("primaryScalerReplicas", object(
                            field("minReplicas", integer().min(1)), field("maxReplicas", integer().min(1)))))),
            field("ingressRef", object(required("apiVersion", string()), required("kind", enumOf("Ingress")), required("name", string()))),
            field("routeRef", object(required("apiVersion", string()), required("kind", enumOf("ApisixRoute")), required("name", string()))),
            field("upstreamRef", object(required("apiVersion", string()), required("kind", enumOf("Upstream")),
                    required("name", string()), field("namespace", string()))),
            field("service", CanaryServiceSchema.SERVICE),
            required("analysis", ANALYSIS),
            field("canaryAnalysis", ANALYSIS).deprecated("use analysis"),
            field("progressDeadlineSeconds", integer().min(0)),
            field("skipAnalysis", bool()),
            field("revertOnDeletion", bool()),
            field("suspend", bool()));

    static final Schema.Obj STATUS = object(
            field("phase", enumOf("", "Initializing", "Initialized", "Waiting", "Progressing", "WaitingPromotion", "Promoting",
                    "Finalising", "Succeeded", "Failed", "Terminating", "Terminated")),
            field("failedChecks", integer()),
            field("canaryWeight", integer()),
            field("iterations", integer()),
            field("trackedConfigs", stringMap()),
            field("lastAppliedSpec", string()),
            field("lastPromotedSpec", string()),
            // Sluice's Git drift record (docs/git-rollback.md, GitDriftStatus); Flagger's schema would prune it.
            field("gitDrift", object(
                    field("state", enumOf("Drifted", "Unknown")),
                    field("message", string()),
                    field("spec", string()),
                    field("checkedAt", string().format("date-time")),
                    field("failedRevision", string()),
                    field("commit", string()),
                    field("author", string()),
                    field("subject", string()),
                    field("source", string()),
                    field("branch", string()),
                    field("kustomization", string()),
                    field("path", string()),
                    field("sourceRevision", string()),
                    field("differences", listOf(object(
                            required("field", string()),
                            field("git", string()),
                            field("cluster", string())))),
                    field("revert", anyObject()))),
            field("lastTransitionTime", string().format("date-time")),
            field("sessionAffinityCookie", string()),
            field("previousSessionAffinityCookie", string()),
            field("primarySessionAffinityCookie", string()),
            field("conditions", listOf(object(
                    required("type", string()),
                    required("status", string()),
                    field("lastUpdateTime", string().format("date-time")),
                    field("lastTransitionTime", string().format("date-time")),
                    required("reason", string()),
                    field("message", string())))),
            // Sluice's manual control (docs/canary.md); Flagger's schema would prune them.
            field("lastHandledAction", string()),
            field("paused", bool()));

    static final List<PrinterColumn> COLUMNS = List.of(
            PrinterColumn.of("Status", "string", ".status.phase"),
            PrinterColumn.of("Weight", "string", ".status.canaryWeight"),
            PrinterColumn.wide("Suspended", "boolean", ".spec.suspend"),
            PrinterColumn.wide("FailedChecks", "string", ".status.failedChecks"),
            PrinterColumn.wide("Interval", "string", ".spec.analysis.interval"),
            PrinterColumn.wide("Mirror", "boolean", ".spec.analysis.mirror"),
            PrinterColumn.wide("StepWeight", "string", ".spec.analysis.stepWeight"),
            PrinterColumn.wide("StepWeights", "string", ".spec.analysis.stepWeights"),
            PrinterColumn.wide("MaxWeight", "string", ".spec.analysis.maxWeight"),
            PrinterColumn.of("LastTransitionTime", "string", ".status.lastTransitionTime"));

    private CanarySchema() {
    }

    public static KindSchema get() {
        return new KindSchema(GroupKind.of(ResourceTypes.FLAGGER, "Canary"),
                new KindSchema.Names("canaries", "canary", List.of("canary"), List.of("all")),
                true, true, List.of(new VersionSchema("v1beta1", Common.resource(SPEC, STATUS), null, COLUMNS)));
    }
}
