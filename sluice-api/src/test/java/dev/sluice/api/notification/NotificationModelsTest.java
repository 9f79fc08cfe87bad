package dev.sluice.api.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Diagnostic;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KubeObject;
import dev.sluice.api.Yaml;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NotificationModelsTest {

    private final ReceiverModel receivers = new ReceiverModel();
    private final ProviderModel providers = new ProviderModel();
    private final AlertModel alerts = new AlertModel();

    private static KubeObject obj(String kind, String version, String spec) {
        return KubeObject.parse("""
                apiVersion: notification.toolkit.fluxcd.io/%s
                kind: %s
                metadata: {name: flux-webhook, namespace: flux-system}
                spec:
                %s""".formatted(version, kind, spec.indent(2)));
    }

    private static final String RECEIVER = """
            type: github
            events: [ping, push]
            secretRef: {name: webhook-token}
            resources:
              - {kind: GitRepository, name: flux-system}
              - {kind: Kustomization, name: '*', matchLabels: {app: faces}}
            """;

    @Test
    void receiverV1beta2ConvertsAndMovesStatusUrl() {
        KubeObject old = obj("Receiver", "v1beta2", RECEIVER).withStatus(Yaml.readOne("url: /hook/abc\n", "s").content());
        KubeObject latest = receivers.toLatest(old);
        assertThat(latest.apiVersion()).isEqualTo("notification.toolkit.fluxcd.io/v1");
        assertThat(latest.spec()).isEqualTo(old.spec());
        assertThat(latest.status().path("webhookPath").asText()).isEqualTo("/hook/abc");
        assertThat(latest.status().has("url")).isFalse();
        Receiver r = receivers.parse(latest).value();
        assertThat(r.spec().effectiveInterval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(r.spec().resources().get(1).isWildcard()).isTrue();
        assertThat(r.status().webhookPath()).isEqualTo("/hook/abc");
    }

    @Test
    void webhookPathIsSha256OfTokenNameAndNamespace() {
        Receiver r = receivers.parse(obj("Receiver", "v1", RECEIVER)).value();
        assertThat(r.webhookPath("secret-token"))
                .isEqualTo("/hook/95660714240bdbdb8a3ea7f812f1d6c99b6e6ccb4a2640dbcf2a21bc88e88d7f");
    }

    static Stream<Arguments> receiverErrors() {
        return Stream.of(
                Arguments.of("type: github\nresources: [{kind: GitRepository, name: a}]\n",
                        "spec.secretRef: required field is missing; type 'github' needs a Secret with a token"),
                Arguments.of("type: generic-oidc\nresources: [{kind: GitRepository, name: a}]\n",
                        "spec.oidcProviders: required field is missing; type generic-oidc needs at least one provider"),
                Arguments.of("type: githb\nsecretRef: {name: t}\nresources: [{kind: GitRepository, name: a}]\n",
                        "spec.type: 'githb' is not one of generic, generic-hmac, generic-oidc, github, gitlab, bitbucket, harbor, dockerhub, quay, gcr, nexus, acr or cdevents; did you mean github?"),
                Arguments.of("type: github\nsecretRef: {name: t}\nresources: [{kind: Deployment, name: a}]\n",
                        "spec.resources[0].kind: 'Deployment' is not one of Bucket, GitRepository, Kustomization, HelmRelease, HelmChart, HelmRepository, ImageRepository, ImagePolicy, ImageUpdateAutomation, OCIRepository, ArtifactGenerator or ExternalArtifact"));
    }

    @ParameterizedTest
    @MethodSource("receiverErrors")
    void receiverErrors(String spec, String expected) {
        assertThatThrownBy(() -> receivers.parse(obj("Receiver", "v1", spec)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.diagnostics()).extracting(Diagnostic::toString).containsExactly(expected));
    }

    @Test
    void matchLabelsWithoutWildcardIsAWarning() {
        var parsed = receivers.parse(obj("Receiver", "v1",
                "type: generic\nsecretRef: {name: t}\nresources: [{kind: GitRepository, name: a, matchLabels: {x: y}}]\n"));
        assertThat(parsed.warnings()).extracting(Diagnostic::toString)
                .containsExactly("spec.resources[0].matchLabels: ignored because name is 'a'; matchLabels only applies with name '*'");
    }

    @Test
    void providerAndAlertV1beta2LoseOnlyTheirStatus() {
        KubeObject provider = obj("Provider", "v1beta2", "type: slack\nchannel: general\nsecretRef: {name: slack-url}\n")
                .withStatus(Yaml.readOne("observedGeneration: 1\n", "s").content());
        KubeObject p = providers.toLatest(provider);
        assertThat(p.apiVersion()).isEqualTo("notification.toolkit.fluxcd.io/v1beta3");
        assertThat(p.spec()).isEqualTo(provider.spec());
        assertThat(p.status().isMissingNode()).isTrue();
        assertThat(providers.parse(p).value().spec().effectiveTimeout()).isEqualTo(Duration.ofSeconds(15));

        KubeObject alert = obj("Alert", "v1beta2", """
                providerRef: {name: slack}
                eventSeverity: error
                eventSources: [{kind: Kustomization, name: '*'}]
                summary: prod cluster
                """).withStatus(Yaml.readOne("observedGeneration: 1\n", "s").content());
        KubeObject a = alerts.toLatest(alert);
        assertThat(a.spec()).isEqualTo(alert.spec());
        assertThat(a.status().isMissingNode()).isTrue();
        var parsed = alerts.parse(a);
        assertThat(parsed.value().spec().summary()).isEqualTo("prod cluster");
        assertThat(parsed.warnings()).extracting(Diagnostic::toString).containsExactly("spec.summary: deprecated: use eventMetadata");
    }

    @Test
    void alertDefaultsAndRegexChecks() {
        Alert a = alerts.parse(obj("Alert", "v1beta3", "providerRef: {name: slack}\neventSources: [{kind: HelmRelease, name: podinfo}]\n")).value();
        assertThat(a.spec().eventSeverity()).isEqualTo("info");
        assertThatThrownBy(() -> alerts.parse(obj("Alert", "v1beta3",
                "providerRef: {name: slack}\neventSources: [{kind: HelmRelease, name: x}]\nexclusionList: ['(unclosed']\n")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.diagnostics()).extracting(Diagnostic::toString)
                        .singleElement().asString().startsWith("spec.exclusionList[0]: '(unclosed' is not a valid regular expression"));
    }

    @Test
    void commitStatusExprOnlyForGitProviders() {
        assertThatThrownBy(() -> providers.parse(obj("Provider", "v1beta3", "type: slack\ncommitStatusExpr: x\n")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("spec.commitStatusExpr: can only be set for the commit-status providers");
        assertThat(providers.parse(obj("Provider", "v1beta3", "type: github\naddress: https://github.com/o/r\ncommitStatusExpr: x\n"))
                .value().spec().isCommitStatus()).isTrue();
    }

    @Test
    void providerAndAlertHaveNoV1() {
        assertThatThrownBy(() -> alerts.toLatest(obj("Alert", "v1", "providerRef: {name: s}\neventSources: []\n")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("expected notification.toolkit.fluxcd.io/v1beta3 or notification.toolkit.fluxcd.io/v1beta2");
    }
}
