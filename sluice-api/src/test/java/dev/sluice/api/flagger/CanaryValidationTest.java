package dev.sluice.api.flagger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.api.Diagnostic;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KubeObject;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every semantic rule, with the message a user gets: field path, value, expectation. */
class CanaryValidationTest {

    static final String BASE = """
            apiVersion: flagger.app/v1beta1
            kind: Canary
            metadata: {name: podinfo, namespace: test}
            spec:
              PROVIDER
              targetRef: {apiVersion: apps/v1, kind: Deployment, name: podinfo}
              service: {port: 9898}
              analysis:
                interval: 1m
                threshold: 1
            """;

    static String canary(String analysisExtra) {
        return canary("", analysisExtra);
    }

    static String canary(String specExtra, String analysisExtra) {
        return BASE.replace("  PROVIDER\n", specExtra.isEmpty() ? "" : specExtra.indent(2)) + analysisExtra.indent(4);
    }

    static List<String> errors(String yaml) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> new CanaryKindModel().parse(KubeObject.parse(yaml)));
        assertThat(e).as("expected the Canary to be refused").isNotNull();
        return e.diagnostics().stream().map(Diagnostic::toString).toList();
    }

    static List<String> warnings(String yaml) {
        return new CanaryKindModel().parse(KubeObject.parse(yaml)).warnings().stream().map(Diagnostic::toString)
                .toList();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "stepWeight: 70\\nmaxWeight: 50 | spec.analysis.stepWeight: 70 must be <= maxWeight (50)",
            "maxWeight: 50 | spec.analysis: one of iterations, stepWeight or stepWeights is required",
            "iterations: 10\\nstepWeight: 5 | spec.analysis: set exactly one of iterations, stepWeight or stepWeights; "
                    + "found iterations (10) and stepWeight (5)",
            "stepWeight: 0 | spec.analysis.stepWeight: 0 must be between 1 and 100",
            "stepWeight: 120 | spec.analysis.stepWeight: 120 must be between 1 and 100",
            "iterations: 0 | spec.analysis.iterations: 0 must be >= 1",
            "stepWeights: [10, 5] | spec.analysis.stepWeights[1]: 5 must be greater than the previous step (10)",
            "stepWeights: [0, 5] | spec.analysis.stepWeights[0]: 0 must be > 0",
            "stepWeight: 10\\nstepWeightPromotion: 150 | spec.analysis.stepWeightPromotion: 150 must be between 0 and 100",
            "stepWeight: 10\\nmirrorWeight: -1 | spec.analysis.mirrorWeight: -1 must be between 0 and 100",
            "stepWeight: 10\\nprimaryReadyThreshold: 101 | spec.analysis.primaryReadyThreshold: 101 must be between 0 and 100",
            "stepWeight: five | spec.analysis.stepWeight: must be an integer, got 'five'",
            "stepWeight: 10\\nsessionAffinity: {cookieName: c, primaryCookieName: c} | "
                    + "spec.analysis.sessionAffinity.primaryCookieName: 'c' must differ from cookieName ('c'): each "
                    + "backend needs its own cookie",
            "stepWeight: 10\\nsessionAffinity: {cookieName: c, sameSite: Loose} | "
                    + "spec.analysis.sessionAffinity.sameSite: 'Loose' must be one of Strict, Lax or None",
            "stepWeight: 10\\nmetrics: [{name: latency}] | spec.analysis.metrics[0]: metric 'latency' needs a "
                    + "templateRef (or the deprecated query): only request-success-rate and request-duration are builtin",
            "stepWeight: 10\\nmetrics: [{name: r, templateRef: {name: t}, thresholdRange: {min: 5, max: 1}}] | "
                    + "spec.analysis.metrics[0].thresholdRange.min: 5 must be <= max (1)",
            "stepWeight: 10\\nmetrics: [{name: r, templateRef: {name: t}, interval: soon}] | "
                    + "spec.analysis.metrics[0].interval: 'soon' is not a duration; expected e.g. 30s, 5m or 1h30m",
            "stepWeight: 10\\nwebhooks: [{name: h, type: pre-flight, url: 'http://t/'}] | "
                    + "spec.analysis.webhooks[0].type: 'pre-flight' is not a webhook type; expected one of "
                    + "confirm-rollout, pre-rollout, rollout, confirm-traffic-increase, confirm-promotion, post-rollout, "
                    + "rollback, event",
            "stepWeight: 10\\nwebhooks: [{name: h, url: 'loadtester/'}] | "
                    + "spec.analysis.webhooks[0].url: 'loadtester/' must be an absolute http or https URL",
            "stepWeight: 10\\nwebhooks: [{name: h, url: 'http://t/', retries: -2}] | "
                    + "spec.analysis.webhooks[0].retries: -2 must be >= 0",
            "stepWeight: 10\\nalerts: [{name: a, severity: critical, providerRef: {name: s}}] | "
                    + "spec.analysis.alerts[0].severity: 'critical' is not a severity; expected info, warn or error",
            "stepWeight: 10\\nalerts: [{name: a}] | spec.analysis.alerts[0].providerRef: required: the AlertProvider "
                    + "that sends this alert",
            "stepWeight: 10\\nmatch: [{headers: {x: {exact: a, regex: b}}}] | "
                    + "spec.analysis.match[0].headers.x: set exactly one of exact, prefix, suffix or regex; found "
                    + "exact and regex",
            "stepWeight: 10\\nmatch: [{headers: {x: {regex: '(unclosed'}}}] | "
                    + "spec.analysis.match[0].headers.x.regex: '(unclosed' is not a valid regular expression: "
                    + "Unclosed group"})
    void analysisRules(String analysis, String message) {
        assertThat(errors(canary(analysis.replace("\\n", "\n")))).contains(message);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "provider: nginx | spec.ingressRef: required by the nginx provider: the Ingress to clone for the canary",
            "provider: apisix | spec.routeRef: required by the apisix provider: the ApisixRoute to clone for the canary",
            "provider: gatewayapi:v1 | spec.service.gatewayRefs: required by the gatewayapi provider: the Gateways "
                    + "(or, for a mesh, the Service) the HTTPRoute attaches to",
            "provider: knative | spec.targetRef: 'apps/v1/Deployment' cannot be the target when provider is knative; "
                    + "expected serving.knative.dev/v1 Service",
            "progressDeadlineSeconds: 0 | spec.progressDeadlineSeconds: 0 must be > 0"})
    void specRules(String spec, String message) {
        assertThat(errors(canary(spec, "stepWeight: 10"))).contains(message);
    }

    @Test
    void targetKindAndPort() {
        String yaml = """
                apiVersion: flagger.app/v1beta1
                kind: Canary
                metadata: {name: db}
                spec:
                  targetRef: {kind: StatefulSet, name: db}
                  service: {port: 70000}
                  analysis: {interval: 1m, threshold: 1, stepWeight: 10}
                """;
        assertThat(errors(yaml)).containsExactly(
                "spec.targetRef.kind: 'StatefulSet' is not supported; expected Deployment, DaemonSet or Service",
                "spec.service.port: 70000 must be a port number between 1 and 65535");
    }

    @Test
    void everyErrorIsReportedAtOnce() {
        assertThat(errors(canary("stepWeight: 70\nmaxWeight: 50\nthresholdRange: 3\nwebhooks: [{name: h}]")))
                .hasSize(2).contains("spec.analysis.webhooks[0].url: required non-empty string, got nothing");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "interval: 5s | spec.analysis.interval: '5s' is below the minimum of 10s; 10s is used",
            "maxWeight: 50\\nstepWeights: [10, 20] | spec.analysis.maxWeight: 50 is ignored when stepWeights is set; "
                    + "the last step (20) is the maximum",
            "stepWeights: [10, 150] | spec.analysis.stepWeights[1]: 150 is above 100; the canary weight stops at 100",
            "stepweight: 10\\nstepWeight: 10 | spec.analysis.stepweight: unknown field 'stepweight' is ignored; did "
                    + "you mean 'stepWeight'?",
            "stepWeight: 10\\nmetrics: [{name: request-success-rate, threshold: 99}] | "
                    + "spec.analysis.metrics[0].threshold: is deprecated; use thresholdRange.min instead",
            "stepWeight: 10\\nmatch: [{headers: {x: {exact: y}}}] | spec.analysis.match: is only used for A/B "
                    + "testing, which needs iterations; this Canary shifts traffic by weight to everyone"})
    void warningsKeepTheCanary(String analysis, String message) {
        String yaml = canary(analysis.replace("\\n", "\n"));
        if (analysis.startsWith("interval")) {
            yaml = yaml.replace("    interval: 1m\n", "").replace("    interval: 5s", "    interval: 5s\n    stepWeight: 10");
        }
        assertThat(warnings(yaml)).contains(message);
    }

    @Test
    void kubernetesProviderWarnings() {
        assertThat(warnings(canary("provider: kubernetes", "stepWeight: 10"))).contains("spec.analysis: progressive "
                + "traffic is not supported by the kubernetes provider; a blue/green analysis of 10 iterations is run "
                + "instead");
    }

    @Test
    void theSeedsCanariesAreValidWithoutWarnings() {
        assertThat(warnings(CanaryKindModelTest.FACE)).isEmpty();
    }

    @Test
    void onlyV1beta1IsRead() {
        KubeObject old = KubeObject.parse(canary("stepWeight: 10").replace("v1beta1", "v1alpha3"));
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> new CanaryKindModel().toLatest(old));
        assertThat(e.getMessage()).isEqualTo("apiVersion: 'flagger.app/v1alpha3' is not supported; expected "
                + "flagger.app/v1beta1");
    }
}
