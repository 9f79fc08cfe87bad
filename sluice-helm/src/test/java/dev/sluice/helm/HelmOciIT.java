package dev.sluice.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.gitops.source.Artifact;
import dev.sluice.helm.chart.ChartArchive;
import dev.sluice.testkit.oci.TestRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HelmRepositories of type oci: HelmCharts pulled from an OCI registry served by the test on 127.0.0.1. */
class HelmOciIT {

    private static final ObjectKey REPO = ObjectKey.of("source.toolkit.fluxcd.io", "HelmRepository", "flux-system", "podinfo");
    private static final ObjectKey CHART = ObjectKey.of("source.toolkit.fluxcd.io", "HelmChart", "flux-system", "podinfo");

    @TempDir
    Path dir;
    HelmHarness h;
    TestRegistry registry;
    final Map<String, byte[]> tgzs = new HashMap<>();
    final Map<String, String> layers = new HashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        h = new HelmHarness(dir);
        registry = new TestRegistry();
        for (String v : new String[] {"6.0.3", "6.1.0", "6.1.1", "7.0.0", "7.1.0-rc.1", "6.2.0+build.7"}) {
            byte[] tgz = TestCharts.pack("podinfo", TestCharts.podinfo("podinfo", v));
            registry.push("charts/podinfo", v.replace('+', '_'), tgz);
            tgzs.put(v, tgz);
            layers.put(v, TestRegistry.sha256(tgz));
        }
        h.namespace("flux-system");
        h.namespace("faces");
    }

    @AfterEach
    void tearDown() {
        registry.close();
        h.close();
    }

    private void repository(String extraSpec) {
        h.apply("""
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: HelmRepository
                metadata: {name: podinfo, namespace: flux-system}
                spec:
                  type: oci
                  url: oci://%s/charts
                  insecure: true
                  interval: 10m
                """.formatted(registry.host()) + extraSpec);
    }

    private KubeObject chart(String name, String version) {
        h.apply("""
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: HelmChart
                metadata: {name: podinfo, namespace: flux-system}
                spec:
                  chart: %s
                  version: "%s"
                  interval: 10m
                  sourceRef: {kind: HelmRepository, name: podinfo}
                """.formatted(name, version));
        h.settle();
        return h.get(CHART);
    }

    private void secret(String name, String yaml) {
        h.apply("apiVersion: v1\nkind: Secret\nmetadata: {name: " + name + ", namespace: flux-system}\n" + yaml);
    }

    private static String revision(KubeObject o) {
        return o.status().path("artifact").path("revision").asText();
    }

    @Test
    void theRepositoryIsStaticWithNoArtifactAndAnEmptyStatus() {
        repository("");
        KubeObject stale = h.get(REPO);
        h.cluster.updateStatus(stale.withStatus(HelmHarness.json("{\"conditions\":[{\"type\":\"Ready\",\"status\":\"False\","
                + "\"reason\":\"OCINotSupported\",\"message\":\"old\"}]}")));
        h.settle();
        assertThat(h.get(REPO).status().isEmpty()).as(h.get(REPO).status().toString()).isTrue();
        assertThat(registry.requests).isEmpty();
    }

    @Test
    void anExactVersionIsPulledByItsTagWithoutListingTags() throws Exception {
        repository("");
        KubeObject c = chart("podinfo", "6.1.0");
        assertThat(revision(c)).isEqualTo("6.1.0");
        assertThat(c.status().path("artifact").path("path").asText()).isEqualTo("helmchart/flux-system/podinfo/podinfo-6.1.0.tgz");
        assertThat(HelmHarness.condition(c, "Ready").reason()).isEqualTo("ChartPullSucceeded");
        assertThat(HelmHarness.condition(c, "Ready").message()).isEqualTo("pulled 'podinfo' chart with version '6.1.0'");
        assertThat(c.status().has("observedSourceArtifactRevision")).isFalse();
        assertThat(registry.count("/tags/list")).isZero();
        assertThat(registry.requests).contains("GET /v2/charts/podinfo/manifests/6.1.0", "GET /storage/" + layers.get("6.1.0"));
        ChartArchive a = ChartArchive.read(h.controllers.charts().read(Artifact.fromStatus(c.status()).orElseThrow()), "x");
        assertThat(a.metadata().version()).isEqualTo("6.1.0");
        assertThat(h.events(CHART)).contains("Normal ChartPullSucceeded: pulled 'podinfo' chart with version '6.1.0'");
    }

    @Test
    void aRangePicksTheHighestMatchingTagAndAnUnchangedVersionIsNotPulledAgain() {
        repository("");
        registry.pageSize(2); // the tag list comes in pages linked by Link: rel="next"
        assertThat(revision(chart("podinfo", ">=6.0.0 <7.0.0"))).isEqualTo("6.2.0+build.7");
        assertThat(registry.requests).contains("GET /v2/charts/podinfo/manifests/6.2.0_build.7");
        assertThat(registry.count("/tags/list")).isGreaterThanOrEqualTo(3);
        assertThat(revision(chart("podinfo", "~6.1"))).isEqualTo("6.1.1");
        assertThat(revision(chart("podinfo", "*"))).isEqualTo("7.0.0"); // never the 7.1.0-rc.1 pre-release

        long blobs = registry.count("/storage/");
        h.request(CHART, "now", false, false);
        h.settle();
        assertThat(registry.count("/storage/")).isEqualTo(blobs);

        KubeObject none = chart("podinfo", "8.x");
        assertThat(HelmHarness.condition(none, "Ready").isFalse()).isTrue();
        assertThat(HelmHarness.condition(none, "Ready").reason()).isEqualTo("ChartPullError");
        assertThat(HelmHarness.condition(none, "FetchFailed").isTrue()).isTrue();
        assertThat(HelmHarness.condition(none, "Ready").message()).isEqualTo("no 'podinfo' chart with version matching '8.x' found in oci://"
                + registry.host() + "/charts/podinfo; versions seen: 7.1.0-rc.1, 7.0.0, 6.2.0+build.7, 6.1.1, 6.1.0, 6.0.3 (spec.version)");
        assertThat(revision(none)).isEqualTo("7.0.0"); // the last good artifact stays
    }

    @Test
    void anUnknownChartNamesTheFieldToCheck() {
        repository("");
        KubeObject exact = chart("nope", "1.0.0");
        assertThat(HelmHarness.condition(exact, "Ready").reason()).isEqualTo("ChartPullError");
        assertThat(HelmHarness.condition(exact, "Ready").message()).startsWith("HelmRepository 'flux-system/podinfo' (spec.url 'oci://"
                        + registry.host() + "/charts'): cannot get the manifest of oci://" + registry.host() + "/charts/nope:1.0.0: "
                        + "404 NAME_UNKNOWN: repository name not known to registry")
                .endsWith("(check spec.chart 'nope' and the version '1.0.0')");
        KubeObject range = chart("nope", "1.x");
        assertThat(HelmHarness.condition(range, "Ready").message()).contains("cannot list the tags of oci://" + registry.host()
                + "/charts/nope: 404 NAME_UNKNOWN").endsWith("(check spec.chart 'nope')");
    }

    @Test
    void aRegistryThatDemandsATokenGetsOneWithTheSecretsCredentials() {
        registry.requireToken("bot", "s3cret");
        secret("creds", "stringData: {username: bot, password: s3cret}\n");
        repository("  secretRef: {name: creds}\n");
        KubeObject c = chart("podinfo", "6.x");
        assertThat(HelmHarness.condition(c, "Ready").message()).isEqualTo("pulled 'podinfo' chart with version '6.2.0+build.7'");
        // The first request is challenged, the token endpoint checks the basic credentials, the token is used from then on.
        assertThat(registry.requests).startsWith("GET /v2/charts/podinfo/tags/list", "GET /token [Basic]",
                "GET /v2/charts/podinfo/tags/list [Bearer]");
        // Within a pull the token is reused: the manifest is never asked for without it.
        assertThat(registry.requests).contains("GET /v2/charts/podinfo/manifests/6.2.0_build.7 [Bearer]")
                .doesNotContain("GET /v2/charts/podinfo/manifests/6.2.0_build.7");
    }

    @Test
    void aDockerConfigJsonSecretGivesTheCredentialsOfTheRegistrysHost() {
        registry.requireBasic("bot", "s3cret");
        String config = "{\"auths\":{\"other.example\":{\"auth\":\"" + b64("x:y") + "\"},\"http://" + registry.host()
                + "/v1/\":{\"auth\":\"" + b64("bot:s3cret") + "\"}}}";
        secret("regcred", "type: kubernetes.io/dockerconfigjson\ndata: {.dockerconfigjson: " + b64(config) + "}\n");
        repository("  secretRef: {name: regcred}\n");
        assertThat(revision(chart("podinfo", "6.0.3"))).isEqualTo("6.0.3");

        secret("regcred", "type: kubernetes.io/dockerconfigjson\ndata: {.dockerconfigjson: "
                + b64("{\"auths\":{\"other.example\":{\"auth\":\"" + b64("x:y") + "\"}}}") + "}\n");
        KubeObject c = chart("podinfo", "6.1.0");
        assertThat(HelmHarness.condition(c, "Ready").reason()).isEqualTo("AuthenticationFailed");
        assertThat(HelmHarness.condition(c, "Ready").message())
                .isEqualTo("no auth config for '" + registry.host() + "' in the docker-registry Secret 'regcred'");
    }

    @Test
    void wrongOrMissingCredentialsFailWithAuthenticationFailed() {
        registry.requireToken("bot", "s3cret");
        secret("creds", "stringData: {username: bot, password: wrong}\n");
        repository("  secretRef: {name: creds}\n");
        KubeObject wrong = chart("podinfo", "6.0.3");
        assertThat(HelmHarness.condition(wrong, "Ready").reason()).isEqualTo("AuthenticationFailed");
        assertThat(HelmHarness.condition(wrong, "Ready").message()).isEqualTo("failed to authenticate with the Helm repository: "
                + "HelmRepository 'flux-system/podinfo' (spec.url 'oci://" + registry.host() + "/charts'): the token endpoint http://"
                + registry.host() + "/token refused the credentials of user 'bot': 401 UNAUTHORIZED: invalid username or password "
                + "(GET http://" + registry.host() + "/token?service=test-registry&scope=repository%3Acharts%2Fpodinfo%3Apull)"
                + " (check the credentials in the Secret 'creds' of spec.secretRef)");
        assertThat(wrong.status().has("artifact")).isFalse();

        repository("");
        KubeObject anonymous = chart("podinfo", "6.0.3");
        assertThat(HelmHarness.condition(anonymous, "Ready").reason()).isEqualTo("AuthenticationFailed");
        assertThat(HelmHarness.condition(anonymous, "Ready").message()).contains("refused an anonymous request")
                .endsWith("(the registry wants credentials: set spec.secretRef)");
    }

    @Test
    void aLayerThatDoesNotMatchItsDigestIsRefused() {
        repository("");
        String digest = layers.get("6.0.3");
        byte[] tampered = tgzs.get("6.0.3").clone();
        tampered[tampered.length / 2] ^= 1; // same size, other content
        registry.corrupt(digest, tampered);
        KubeObject c = chart("podinfo", "6.0.3");
        assertThat(HelmHarness.condition(c, "Ready").reason()).isEqualTo("ChartPullError");
        assertThat(HelmHarness.condition(c, "Ready").message()).contains("layer oci://" + registry.host() + "/charts/podinfo@" + digest)
                .contains("does not match its digest: the content is " + TestRegistry.sha256(tampered) + "; refused");
        assertThat(c.status().has("artifact")).isFalse();
    }

    @Test
    void aHelmReleaseOfAnOciChartInstalls() {
        repository("");
        h.apply("""
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata: {name: podinfo, namespace: faces}
                spec:
                  interval: 5m
                  chart:
                    spec:
                      chart: podinfo
                      version: "6.1.x"
                      sourceRef: {kind: HelmRepository, name: podinfo, namespace: flux-system}
                  values: {replicaCount: 2}
                """);
        h.settle();
        h.kubelet.rollOut("faces");
        h.advance(Duration.ofSeconds(2));
        h.settle();
        KubeObject hr = h.hr("faces", "podinfo");
        assertThat(HelmHarness.condition(hr, "Ready").message())
                .isEqualTo("Helm install succeeded for release faces/podinfo.v1 with chart podinfo@6.1.1");
        assertThat(hr.status().path("history").get(0).path("chartVersion").asText()).isEqualTo("6.1.1");
        assertThat(h.get(new ObjectKey(HelmHarness.deployment(), "faces", "podinfo")).spec().path("replicas").asInt()).isEqualTo(2);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
