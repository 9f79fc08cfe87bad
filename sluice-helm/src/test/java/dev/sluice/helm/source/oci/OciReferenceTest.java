package dev.sluice.helm.source.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OciReferenceTest {

    @Test
    void readsHostAndRepositoryAndBuildsApiUrls() {
        OciReference r = OciReference.parse("oci://ghcr.io/stefanprodan/charts/", false);
        assertThat(r).isEqualTo(new OciReference("ghcr.io", "stefanprodan/charts", false));
        OciReference chart = r.child("podinfo");
        assertThat(chart.url()).isEqualTo("oci://ghcr.io/stefanprodan/charts/podinfo");
        assertThat(chart.api("tags/list").toString()).isEqualTo("https://ghcr.io/v2/stefanprodan/charts/podinfo/tags/list");
        assertThat(chart.pullScope()).isEqualTo("repository:stefanprodan/charts/podinfo:pull");
        OciReference local = OciReference.parse("oci://127.0.0.1:5000", true).child("web");
        assertThat(local.api("manifests/1.0.0").toString()).isEqualTo("http://127.0.0.1:5000/v2/web/manifests/1.0.0");
    }

    @Test
    void refusesWhatIsNotAnOciRepository() {
        assertThatThrownBy(() -> OciReference.parse("https://ghcr.io/charts", false)).hasMessageContaining("is not an OCI URL");
        assertThatThrownBy(() -> OciReference.parse("oci:///charts", false)).hasMessageContaining("no valid registry host");
        assertThatThrownBy(() -> OciReference.parse("oci://ghcr.io/Charts", false))
                .hasMessageContaining("repository path 'Charts' is not a valid OCI repository name");
        assertThatThrownBy(() -> OciReference.parse("oci://ghcr.io/charts", false).child("Pod Info"))
                .hasMessageContaining("'Pod Info' does not make a valid OCI repository name");
    }
}
