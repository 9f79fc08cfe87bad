package dev.sluice.gitops.notification.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.KubeObject;
import dev.sluice.api.notification.Alert;
import dev.sluice.gitops.notification.FluxEvent;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AlertFilterTest {

    private static FluxEvent event(String kind, String ns, String name, String severity, String message) {
        return new FluxEvent(new FluxEvent.InvolvedObject(kind, ns, name, "", "kustomize.toolkit.fluxcd.io/v1", ""), severity,
                Instant.EPOCH, message, "r", new TreeMap<>(), "kustomize-controller", "");
    }

    private static Alert alert(String spec) {
        KubeObject o = KubeObject.parse("""
                apiVersion: notification.toolkit.fluxcd.io/v1beta3
                kind: Alert
                metadata: {name: a, namespace: flux-system}
                spec:
                  providerRef: {name: p}
                """ + spec.indent(2));
        return new Alert(o, Alert.Spec.from(o.spec()));
    }

    private static boolean matches(FluxEvent e, Alert a) {
        return AlertFilter.decide(e, a, () -> Optional.of(Map.of("team", "web"))).matched();
    }

    private static final FluxEvent APPS_INFO = event("Kustomization", "flux-system", "apps", FluxEvent.INFO, "Applied revision: main@sha1:1");
    private static final FluxEvent APPS_ERROR = event("Kustomization", "flux-system", "apps", FluxEvent.ERROR, "health check failed");

    @Test
    void sourcesMatchByKindNamespaceAndNameOrWildcard() {
        assertThat(matches(APPS_INFO, alert("eventSources: [{kind: Kustomization, name: apps}]"))).isTrue();
        assertThat(matches(APPS_INFO, alert("eventSources: [{kind: Kustomization, name: '*'}]"))).isTrue();
        assertThat(matches(APPS_INFO, alert("eventSources: [{kind: Kustomization, name: infra}]"))).isFalse();
        assertThat(matches(APPS_INFO, alert("eventSources: [{kind: GitRepository, name: '*'}]"))).isFalse();
        assertThat(matches(APPS_INFO, alert("eventSources: [{kind: Kustomization, name: '*', namespace: other}]"))).isFalse();
        assertThat(matches(event("Kustomization", "other", "apps", FluxEvent.INFO, "x"),
                alert("eventSources: [{kind: Kustomization, name: '*', namespace: other}]"))).isTrue();
        assertThat(matches(APPS_INFO, alert("eventSources: [{kind: GitRepository, name: '*'}, {kind: Kustomization, name: apps}]")))
                .as("any source may match").isTrue();
    }

    @Test
    void severityErrorTakesOnlyErrorsAndInfoTakesAll() {
        Alert errors = alert("eventSeverity: error\neventSources: [{kind: Kustomization, name: '*'}]");
        assertThat(matches(APPS_INFO, errors)).isFalse();
        assertThat(matches(APPS_ERROR, errors)).isTrue();
        Alert all = alert("eventSources: [{kind: Kustomization, name: '*'}]");
        assertThat(matches(APPS_ERROR, all)).isTrue();
    }

    @Test
    void matchLabelsNeedTheObjectsLabelsAndAreReadOnlyWhenNeeded() {
        AtomicInteger reads = new AtomicInteger();
        Alert plain = alert("eventSources: [{kind: Kustomization, name: '*'}]");
        AlertFilter.decide(APPS_INFO, plain, () -> {
            reads.incrementAndGet();
            return Optional.empty();
        });
        assertThat(reads).hasValue(0);
        assertThat(matches(APPS_INFO, alert("eventSources: [{kind: Kustomization, name: '*', matchLabels: {team: web}}]"))).isTrue();
        assertThat(matches(APPS_INFO, alert("eventSources: [{kind: Kustomization, name: '*', matchLabels: {team: db}}]"))).isFalse();
        var gone = AlertFilter.decide(APPS_INFO, alert("eventSources: [{kind: Kustomization, name: '*', matchLabels: {team: web}}]"),
                Optional::empty);
        assertThat(gone.matched()).isFalse();
        assertThat(gone.problems()).containsExactly(new AlertFilter.Problem("SourceFetchFailed",
                "error getting source object Kustomization/flux-system/apps"));
    }

    @Test
    void inclusionAndExclusionListsAreRegexesFoundAnywhere() {
        String sources = "eventSources: [{kind: Kustomization, name: '*'}]\n";
        assertThat(matches(APPS_INFO, alert(sources + "inclusionList: ['main@sha1']"))).isTrue();
        assertThat(matches(APPS_INFO, alert(sources + "inclusionList: ['^health']"))).isFalse();
        assertThat(matches(APPS_ERROR, alert(sources + "inclusionList: ['^health']"))).isTrue();
        assertThat(matches(APPS_INFO, alert(sources + "exclusionList: ['Applied revision']"))).isFalse();
        assertThat(matches(APPS_ERROR, alert(sources + "exclusionList: ['Applied revision']"))).isTrue();
        assertThat(matches(APPS_INFO, alert(sources + "inclusionList: ['revision']\nexclusionList: ['sha1:1$']")))
                .as("exclusion wins").isFalse();
    }

    @Test
    void aBadRegexIsReportedAndDoesNotMatch() {
        var d = AlertFilter.decide(APPS_INFO, alert("eventSources: [{kind: Kustomization, name: '*'}]\ninclusionList: ['(']"),
                Optional::empty);
        assertThat(d.matched()).isFalse();
        assertThat(d.problems()).containsExactly(new AlertFilter.Problem("InvalidConfig", "failed to compile inclusion regex: ("));
    }

    @Test
    void aSuspendedAlertTakesNothing() {
        assertThat(matches(APPS_INFO, alert("suspend: true\neventSources: [{kind: Kustomization, name: '*'}]"))).isFalse();
    }
}
