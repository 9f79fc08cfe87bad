package dev.sluice.helm.source;

import dev.sluice.api.source.HelmChart;
import dev.sluice.api.source.HelmRepository;
import dev.sluice.cluster.Cluster;
import dev.sluice.helm.source.oci.OciException;
import dev.sluice.helm.source.oci.OciManifest;
import dev.sluice.helm.source.oci.OciReference;
import dev.sluice.helm.source.oci.OciRegistryClient;
import dev.sluice.helm.source.oci.OciVersions;
import java.util.Optional;

/**
 * Charts from a HelmRepository of type {@code oci}, as source-controller's OCIChartRepository gets
 * them: the chart lives in the repository {@code <spec.url>/<chart>}; an exact version is pulled
 * by its tag, a range is resolved against the tag list; the chart is the manifest's
 * {@code application/vnd.cncf.helm.chart.content.v1.tar+gzip} layer. Credentials come from the
 * HelmRepository's {@code secretRef}, plain HTTP from {@code insecure: true}, and
 * {@code spec.timeout} bounds each pull. Errors name the HelmRepository, the field and the value.
 * Thread-safe.
 */
final class OciCharts {

    /** The HelmRepository URL is not a valid OCI reference; retrying cannot help. */
    static final class InvalidUrl extends Exception {
        InvalidUrl(String message) {
            super(message);
        }
    }

    private final Cluster cluster;
    private final OciRegistryClient client;

    OciCharts(Cluster cluster, OciRegistryClient client) {
        this.cluster = cluster;
        this.client = client;
    }

    /** A chart version picked in a registry, ready to be downloaded. */
    final class Pull {
        private final OciRegistryClient.Session session;
        private final String version;
        private final String context;
        private final String hint;

        private Pull(OciRegistryClient.Session session, String version, String context, String hint) {
            this.session = session;
            this.version = version;
            this.context = context;
            this.hint = hint;
        }

        /** The chart version (with {@code +}, as in Chart.yaml): the artifact revision. */
        String version() {
            return version;
        }

        /** The chart's {@code .tgz}, at most {@code limit} bytes, its digest checked. */
        byte[] download(long limit) throws OciException, InterruptedException {
            String tag = OciVersions.tag(version);
            try {
                OciManifest m = session.manifest(tag);
                OciManifest.Descriptor layer = m.chartLayer().orElseThrow(() -> new OciException(session.repository().url()
                        + ":" + tag + " is not a Helm chart: its manifest has no layer of media type " + OciManifest.CHART_LAYER
                        + " (layers: " + m.layers().stream().map(OciManifest.Descriptor::mediaType).toList() + ")"));
                return session.blob(layer, limit);
            } catch (OciException e) {
                String check = e.getMessage().contains(" 404") ? " (check spec.chart '" + session.repository().repository()
                        .substring(session.repository().repository().lastIndexOf('/') + 1) + "' and the version '" + version + "')" : "";
                throw wrap(e, context, hint, check);
            }
        }
    }

    /**
     * Picks the version of {@code chart}'s spec in {@code repo}'s registry: no request for an exact
     * version, the tag list for a range.
     */
    Pull resolve(HelmChart chart, HelmRepository repo)
            throws OciException, InvalidUrl, Credentials.SecretException, InterruptedException {
        String context = "HelmRepository '" + repo.namespace() + "/" + repo.name() + "' (spec.url '" + repo.spec().url() + "')";
        OciReference base;
        OciReference chartRepo;
        try {
            base = OciReference.parse(repo.spec().url(), repo.spec().insecure());
            chartRepo = base.child(chart.spec().chart());
        } catch (IllegalArgumentException e) {
            throw new InvalidUrl("invalid Helm repository URL: " + context + ", spec.chart '" + chart.spec().chart() + "': "
                    + e.getMessage());
        }
        String secret = repo.spec().secretName();
        Optional<OciRegistryClient.BasicAuth> auth = Credentials.forRegistry(cluster, repo.namespace(), secret, base.host());
        String hint = auth.isPresent() ? " (check the credentials in the Secret '" + secret + "' of spec.secretRef)"
                : " (the registry wants credentials: set spec.secretRef)";
        OciRegistryClient.Session session = client.session(chartRepo, auth, repo.spec().effectiveTimeout());
        String version = chart.spec().version().strip();
        if (OciVersions.isExact(version)) {
            return new Pull(session, version, context, hint);
        }
        try {
            return new Pull(session, OciVersions.select(session.tags(), version, chart.spec().chart(), chartRepo.url()),
                    context, hint);
        } catch (IllegalArgumentException e) {
            throw new OciException(e.getMessage() + " (spec.version)");
        } catch (OciException e) {
            throw wrap(e, context, hint, e.getMessage().contains(" 404") ? " (check spec.chart '" + chart.spec().chart() + "')" : "");
        }
    }

    private static OciException wrap(OciException e, String context, String authHint, String check) {
        if (e.authentication()) {
            return new OciException("failed to authenticate with the Helm repository: " + context + ": " + e.getMessage()
                    + authHint, true);
        }
        return new OciException(context + ": " + e.getMessage() + check);
    }
}
