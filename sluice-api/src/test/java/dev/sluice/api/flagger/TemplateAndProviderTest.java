package dev.sluice.api.flagger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Diagnostic;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KubeObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateAndProviderTest {

    @Test
    void metricTemplate() {
        var parsed = new MetricTemplateKindModel().parse(KubeObject.parse("""
                apiVersion: flagger.app/v1beta1
                kind: MetricTemplate
                metadata: {name: error-rate, namespace: faces}
                spec:
                  provider:
                    type: prometheus
                    address: http://prometheus.linkerd-viz:9090
                    secretRef: {name: prom-auth}
                    headers: {X-Scope-OrgID: [tenant-1]}
                  query: |
                    100 - sum(rate(response_total{namespace="{{ namespace }}",deployment="{{ target }}",
                      classification!="failure"}[{{ interval }}])) / sum(rate(response_total{namespace="{{ namespace }}",
                      deployment="{{ target }}"}[{{ interval }}])) * 100
                """));
        MetricTemplate t = parsed.value();
        assertThat(parsed.warnings()).isEmpty();
        assertThat(t.providerType()).isEqualTo("prometheus");
        assertThat(t.secretRef()).contains("prom-auth");
        assertThat(t.headers()).containsEntry("X-Scope-OrgID", List.of("tenant-1"));
        assertThat(t.query()).contains("{{ interval }}");
    }

    @Test
    void metricTemplateRules() {
        assertThatThrownBy(() -> new MetricTemplateKindModel().parse(KubeObject.parse("""
                apiVersion: flagger.app/v1beta1
                kind: MetricTemplate
                metadata: {name: broken}
                spec:
                  provider: {type: prometheus}
                  query: "sum(x{ns=\\"{{ namespace }}\\"}"  # fine
                """))).hasMessage("spec.provider.address: required by the prometheus provider: the URL of its API");
        var warned = new MetricTemplateKindModel().parse(KubeObject.parse("""
                apiVersion: flagger.app/v1beta1
                kind: MetricTemplate
                metadata: {name: t}
                spec:
                  provider: {type: datadog}
                  query: "avg:trace.{{ svc }}.errors"
                """));
        assertThat(warned.warnings()).extracting(Diagnostic::toString).containsExactly("spec.query: unknown template "
                + "function 'svc' in '{{ svc }}'; expected one of ingress, interval, name, namespace, route, service, "
                + "target, variables");
        assertThatThrownBy(() -> new MetricTemplateKindModel().parse(KubeObject.parse("""
                apiVersion: flagger.app/v1beta1
                kind: MetricTemplate
                metadata: {name: t}
                spec:
                  provider: {type: datadog}
                  query: "avg:{{ target"
                """))).hasMessage("spec.query: unbalanced template actions: 1 '{{' and 0 '}}'");
    }

    @Test
    void alertProvider() {
        AlertProvider p = new AlertProviderKindModel().parse(KubeObject.parse("""
                apiVersion: flagger.app/v1beta1
                kind: AlertProvider
                metadata: {name: on-call, namespace: faces}
                spec:
                  type: slack
                  secretRef: {name: slack-url}
                """)).value();
        assertThat(p.channel()).isEqualTo("general");
        assertThat(p.username()).isEqualTo("flagger");
        assertThat(p.secretRef()).contains("slack-url");
        InvalidInputException e = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidInputException.class,
                () -> new AlertProviderKindModel().parse(KubeObject.parse("""
                        apiVersion: flagger.app/v1beta1
                        kind: AlertProvider
                        metadata: {name: x}
                        spec: {type: pagerduty}
                        """)));
        assertThat(e.diagnostics()).extracting(Diagnostic::toString).containsExactly(
                "spec.type: 'pagerduty' is not supported; expected one of slack, msteams, discord, rocket, gchat (for "
                        + "other receivers use an event webhook)",
                "spec.address: required unless secretRef names a Secret with an address key");
    }

    @Test
    void canaryStatusIsReadFromTheObject() {
        Canary c = new CanaryKindModel().parse(KubeObject.parse(CanaryKindModelTest.FACE + """
                status:
                  phase: Progressing
                  canaryWeight: 15
                  failedChecks: 1
                  iterations: 0
                  lastAppliedSpec: 5d8f7b6c4
                  lastPromotedSpec: 7b9c8d5f6
                  trackedConfigs: {configmap/face-env: 1a2b3c4d}
                  lastTransitionTime: "2026-01-01T10:00:00Z"
                  conditions:
                    - type: Promoted
                      status: Unknown
                      lastUpdateTime: "2026-01-01T09:59:00Z"
                      lastTransitionTime: "2026-01-01T09:59:00Z"
                      reason: Progressing
                      message: New revision detected, progressing canary analysis.
                """)).value();
        CanaryStatus s = c.status();
        assertThat(s.phase()).isEqualTo(CanaryPhase.PROGRESSING);
        assertThat(s.canaryWeight()).isEqualTo(15);
        assertThat(s.trackedConfigs()).containsEntry("configmap/face-env", "1a2b3c4d");
        assertThat(s.promoted().orElseThrow().reason()).isEqualTo("Progressing");
        assertThat(CanaryStatus.fromNode(s.toNode())).isEqualTo(s);
    }
}
