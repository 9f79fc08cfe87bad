package dev.sluice.api.flagger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.FieldPath;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Parses {@code spec} of a Canary and checks the rules that span several fields (target kinds,
 * provider requirements, Knative pairing), as Flagger's CRD and its {@code verifyCanary} do.
 */
final class CanaryReader {

    static final Set<String> FIELDS = Set.of("provider", "metricsServer", "targetRef", "autoscalerRef", "ingressRef",
            "routeRef", "upstreamRef", "service", "analysis", "canaryAnalysis", "progressDeadlineSeconds",
            "skipAnalysis", "revertOnDeletion", "suspend");
    static final Set<String> TARGET_KINDS = Set.of("Deployment", "DaemonSet", "Service");

    private CanaryReader() {
    }

    static CanarySpec read(JsonNode spec, FieldPath at, Fields f) {
        if (!spec.isObject()) {
            f.error(at, "required mapping with targetRef, service and analysis, got " + Fields.show(spec));
            spec = dev.sluice.api.Json.object();
        }
        f.known(spec, at, FIELDS);
        String provider = f.string(spec, at, "provider", "");
        if (!provider.isEmpty() && !MeshProviders.isKnown(provider)) {
            f.warn(at.child("provider"), "'" + provider + "' is not a known provider; expected one of "
                    + String.join(", ", MeshProviders.KNOWN) + "; Flagger falls back to istio");
        }
        TargetRef target = targetRef(spec, at, f);
        Optional<AutoscalerRef> autoscaler = optional(spec, at, "autoscalerRef", f)
                .map(n -> AutoscalerRef.read(n, at.child("autoscalerRef"), f));
        Optional<TargetRef> ingressRef = optional(spec, at, "ingressRef", f)
                .map(n -> TargetRef.read(n, at.child("ingressRef"), f));
        Optional<TargetRef> routeRef = optional(spec, at, "routeRef", f)
                .map(n -> TargetRef.read(n, at.child("routeRef"), f));
        Optional<CrossNamespaceRef> upstreamRef = optional(spec, at, "upstreamRef", f)
                .map(n -> CrossNamespaceRef.read(n, at.child("upstreamRef"), f));
        JsonNode serviceNode = f.object(spec, at, "service");
        if (serviceNode.isMissingNode()) {
            f.error(at.child("service"), "required mapping with at least port");
        }
        CanaryService service = CanaryService.read(serviceNode, at.child("service"), f);
        Optional<AnalysisSpec> analysis = analysis(spec, at, f);
        OptionalInt deadline = f.optionalInt(spec, at, "progressDeadlineSeconds");
        if (deadline.isPresent() && deadline.getAsInt() <= 0) {
            f.error(at.child("progressDeadlineSeconds"), deadline.getAsInt() + " must be > 0");
        }
        CanarySpec result = new CanarySpec(provider, f.string(spec, at, "metricsServer", ""), target, autoscaler,
                ingressRef, routeRef, upstreamRef, service, analysis,
                deadline.orElse(CanarySpec.DEFAULT_PROGRESS_DEADLINE_SECONDS), f.bool(spec, at, "skipAnalysis"),
                f.bool(spec, at, "revertOnDeletion"), f.bool(spec, at, "suspend"));
        crossChecks(result, at, f);
        return result;
    }

    private static TargetRef targetRef(JsonNode spec, FieldPath at, Fields f) {
        JsonNode node = f.object(spec, at, "targetRef");
        if (node.isMissingNode()) {
            f.error(at.child("targetRef"), "required: the Deployment, DaemonSet or Service to roll out");
            return new TargetRef("", "", "");
        }
        TargetRef t = TargetRef.read(node, at.child("targetRef"), f);
        if (!TARGET_KINDS.contains(t.kind())) {
            f.error(at.child("targetRef").child("kind"), (t.kind().isEmpty() ? "required" : "'" + t.kind()
                    + "' is not supported") + "; expected Deployment, DaemonSet or Service");
        }
        return t;
    }

    private static Optional<AnalysisSpec> analysis(JsonNode spec, FieldPath at, Fields f) {
        JsonNode analysis = f.object(spec, at, "analysis");
        JsonNode legacy = f.object(spec, at, "canaryAnalysis");
        if (!analysis.isMissingNode()) {
            if (!legacy.isMissingNode()) {
                f.warn(at.child("canaryAnalysis"), "is ignored because analysis is set");
            }
            return Optional.of(AnalysisReader.read(analysis, at.child("analysis"), f));
        }
        if (!legacy.isMissingNode()) {
            f.warn(at.child("canaryAnalysis"), "is deprecated; rename it to analysis");
            return Optional.of(AnalysisReader.read(legacy, at.child("canaryAnalysis"), f));
        }
        f.warn(at.child("analysis"), "not set; every new revision is promoted without analysis (as skipAnalysis)");
        return Optional.empty();
    }

    private static Optional<JsonNode> optional(JsonNode spec, FieldPath at, String field, Fields f) {
        JsonNode n = f.object(spec, at, field);
        return n.isMissingNode() ? Optional.empty() : Optional.of(n);
    }

    private static void crossChecks(CanarySpec s, FieldPath at, Fields f) {
        String family = MeshProviders.family(s.provider());
        boolean knativeTarget = s.targetRef().isKnativeService();
        if (knativeTarget && !family.equals("knative") && !s.provider().isEmpty()) {
            f.error(at.child("provider"), "'" + s.provider() + "' cannot roll out a Knative Service; expected knative");
        } else if (family.equals("knative") && !knativeTarget) {
            f.error(at.child("targetRef"), "'" + s.targetRef().apiVersion() + "/" + s.targetRef().kind()
                    + "' cannot be the target when provider is knative; expected serving.knative.dev/v1 Service");
        }
        if (knativeTarget && s.autoscalerRef().isPresent()) {
            f.error(at.child("autoscalerRef"), "cannot be used with a Knative Service, which scales itself");
        }
        if ((family.equals("nginx") || family.equals("skipper")) && s.ingressRef().isEmpty()) {
            f.error(at.child("ingressRef"), "required by the " + family + " provider: the Ingress to clone for the canary");
        }
        if (family.equals("apisix") && s.routeRef().isEmpty()) {
            f.error(at.child("routeRef"), "required by the apisix provider: the ApisixRoute to clone for the canary");
        }
        if (family.equals("gatewayapi") && s.service().gatewayRefs().isEmpty()) {
            f.error(at.child("service").child("gatewayRefs"), "required by the gatewayapi provider: the Gateways "
                    + "(or, for a mesh, the Service) the HTTPRoute attaches to");
        }
        s.analysis().ifPresent(a -> analysisChecks(s, a, family, at.child("analysis"), f));
    }

    private static void analysisChecks(CanarySpec s, AnalysisSpec a, String family, FieldPath at, Fields f) {
        if (family.equals("kubernetes")) {
            if (!a.match().isEmpty()) {
                f.warn(at.child("match"), "A/B testing is not supported by the kubernetes provider; match is ignored");
            }
            if (a.iterations() < 1) {
                f.warn(at, "progressive traffic is not supported by the kubernetes provider; a blue/green analysis "
                        + "of 10 iterations is run instead");
            }
        }
        boolean routesByCookie = family.equals("istio") || family.equals("gatewayapi");
        if (a.sessionAffinity().isPresent() && !routesByCookie && !s.provider().isEmpty()) {
            f.warn(at.child("sessionAffinity"), "is only honoured by the istio and gatewayapi providers, not by '"
                    + s.provider() + "'");
        }
        if (a.mirror() && !routesByCookie && !s.provider().isEmpty()) {
            f.warn(at.child("mirror"), "traffic mirroring needs the istio or gatewayapi provider; '" + s.provider()
                    + "' shifts traffic without mirroring");
        }
        List<HttpMatch> match = a.match();
        if (!match.isEmpty() && family.equals("linkerd")) {
            f.warn(at.child("match"), "the linkerd provider (SMI TrafficSplit) cannot route by header; use "
                    + "gatewayapi:v1beta1 with the Service as gatewayRef for A/B testing on Linkerd");
        }
    }
}
