package dev.sluice.api.flagger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.KubeObject;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The defaults Flagger's getters apply, one row per rule. */
class CanaryDefaultsTest {

    static Canary canary(String analysis, String specExtra) {
        String yaml = """
                apiVersion: flagger.app/v1beta1
                kind: Canary
                metadata: {name: podinfo, namespace: test}
                spec:
                  targetRef: {apiVersion: apps/v1, kind: Deployment, name: podinfo}
                  service: {port: 9898}
                """ + specExtra.indent(2) + (analysis == null ? "" : "  analysis:\n" + analysis.indent(4));
        return new CanaryKindModel().parse(KubeObject.parse(yaml)).value();
    }

    static AnalysisSpec analysis(String a) {
        return canary(a, "").spec().analysis().orElseThrow();
    }

    static List<Arguments> defaults() {
        return List.of(
                row("interval 60s when unset", "threshold: 1\nstepWeight: 10", a -> a.interval(), Duration.ofSeconds(60)),
                row("interval at least 10s", "interval: 5s\nthreshold: 1\nstepWeight: 10", a -> a.interval(),
                        Duration.ofSeconds(10)),
                row("threshold 1 when unset", "interval: 1m\nstepWeight: 10", a -> a.threshold(), 1),
                row("threshold 0 means 1", "interval: 1m\nthreshold: 0\nstepWeight: 10", a -> a.threshold(), 1),
                row("maxWeight 100", "interval: 1m\nthreshold: 1\nstepWeight: 10", a -> a.maxWeight(), 100),
                row("stepWeights give maxWeight", "interval: 1m\nthreshold: 1\nstepWeights: [1, 20, 60]",
                        a -> a.maxWeight(), 60),
                row("stepWeights above 100 cap maxWeight", "interval: 1m\nthreshold: 1\nstepWeights: [10, 200]",
                        a -> a.maxWeight(), 100),
                row("ready thresholds 100%", "interval: 1m\nthreshold: 1\nstepWeight: 10",
                        a -> a.primaryReadyThreshold() + a.canaryReadyThreshold(), 200),
                row("metric interval 1m", "interval: 1m\nthreshold: 1\nstepWeight: 10\nmetrics: [{name: "
                        + "request-success-rate, thresholdRange: {min: 99}}]", a -> a.metrics().get(0).interval(), "1m"),
                row("webhook timeout 10s", "interval: 1m\nthreshold: 1\nstepWeight: 10\nwebhooks: [{name: t, url: "
                        + "'http://t/'}]", a -> a.webhooks().get(0).timeout(), Duration.ofSeconds(10)),
                row("webhook type empty is rollout", "interval: 1m\nthreshold: 1\nstepWeight: 10\nwebhooks: [{name: t,"
                        + " url: 'http://t/'}]", a -> a.webhooks().get(0).type(), HookType.ROLLOUT),
                row("alert severity info", "interval: 1m\nthreshold: 1\nstepWeight: 10\nalerts: [{name: a, "
                        + "providerRef: {name: slack}}]", a -> a.alerts().get(0).severity(), AlertSeverity.INFO),
                row("cookie max age a day", "interval: 1m\nthreshold: 1\nstepWeight: 10\nsessionAffinity: "
                        + "{cookieName: c}", a -> a.sessionAffinity().orElseThrow().maxAge(), 86_400),
                row("canary strategy", "interval: 1m\nthreshold: 1\nstepWeight: 10", AnalysisSpec::strategy,
                        Strategy.CANARY),
                row("blue-green strategy", "interval: 1m\nthreshold: 1\niterations: 5", AnalysisSpec::strategy,
                        Strategy.BLUE_GREEN),
                row("A/B strategy", "interval: 1m\nthreshold: 1\niterations: 5\nmatch: [{headers: {x: {exact: y}}}]",
                        AnalysisSpec::strategy, Strategy.AB_TESTING));
    }

    static Arguments row(String name, String analysis, Function<AnalysisSpec, Object> get, Object expected) {
        return Arguments.of(name, analysis, get, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defaults")
    void analysisDefaults(String name, String analysis, Function<AnalysisSpec, Object> get, Object expected) {
        assertThat(get.apply(analysis(analysis))).isEqualTo(expected);
    }

    @Test
    void specDefaults() {
        Canary c = canary("interval: 1m\nthreshold: 1\nstepWeight: 10", "");
        assertThat(c.spec().progressDeadlineSeconds()).isEqualTo(600);
        assertThat(c.spec().service().portName()).isEqualTo("http");
        assertThat(c.spec().service().targetPort()).isEqualTo(IntOrString.of(9898));
        assertThat(c.apexName()).isEqualTo("podinfo");
        assertThat(c.primaryServiceName()).isEqualTo("podinfo-primary");
        assertThat(c.canaryServiceName()).isEqualTo("podinfo-canary");
        assertThat(c.spec().analysisSkipped()).isFalse();
        assertThat(c.status()).isEqualTo(CanaryStatus.EMPTY);
    }

    @Test
    void noAnalysisMeansSkipAnalysis() {
        Canary c = canary(null, "");
        assertThat(c.spec().analysis()).isEmpty();
        assertThat(c.spec().analysisSkipped()).isTrue();
        assertThat(c.spec().strategy()).isEqualTo(Strategy.CANARY);
    }

    @Test
    void deprecatedCanaryAnalysisIsRead() {
        Canary c = canary(null, "canaryAnalysis:\n  interval: 30s\n  threshold: 2\n  iterations: 3\n");
        assertThat(c.spec().analysis().orElseThrow().iterations()).isEqualTo(3);
        assertThat(c.spec().strategy()).isEqualTo(Strategy.BLUE_GREEN);
    }

    @Test
    void deprecatedMetricFieldsAreRead() {
        AnalysisSpec a = analysis("interval: 1m\nthreshold: 1\nstepWeight: 10\nmetrics:\n"
                + "  - {name: custom, threshold: 5, query: 'sum(rate(x[1m]))'}");
        assertThat(a.metrics().get(0).threshold()).isEqualTo(5);
        assertThat(a.metrics().get(0).query()).isEqualTo("sum(rate(x[1m]))");
        assertThat(a.metrics().get(0).thresholdRange()).isEmpty();
    }

    @Test
    void sessionAffinityCookieIsBuiltInFlaggersOrder() {
        SessionAffinity s = new SessionAffinity("c", "p", 60, "example.com", true, true, "/", "Lax", true);
        assertThat(s.buildCookie("c=abc", 60))
                .isEqualTo("c=abc; Max-Age=60; Domain=example.com; HttpOnly; Partitioned; Path=/; SameSite=Lax; Secure");
    }

    @Test
    void providers() {
        assertThat(MeshProviders.effective("", "linkerd")).isEqualTo("linkerd");
        assertThat(MeshProviders.effective("gatewayapi:v1", "istio")).isEqualTo("gatewayapi:v1");
        assertThat(MeshProviders.effective("made-up", "linkerd")).isEqualTo("istio");
    }

    @Test
    void goFormatting() {
        assertThat(GoFormat.number(70)).isEqualTo("70");
        assertThat(GoFormat.number(99.5)).isEqualTo("99.5");
        assertThat(GoFormat.number(0.00001)).isEqualTo("1e-05");
        assertThat(GoFormat.number(1e21)).isEqualTo("1e+21");
        assertThat(GoFormat.fixed2(98.6912)).isEqualTo("98.69");
        assertThat(GoFormat.fixed2(25)).isEqualTo("25.00");
    }
}
