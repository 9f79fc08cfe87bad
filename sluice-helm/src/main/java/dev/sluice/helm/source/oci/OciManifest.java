package dev.sluice.helm.source.oci;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An OCI image manifest: its digest, config and layers. Immutable.
 *
 * @param digest the sha256 digest of the manifest as served
 */
public record OciManifest(String digest, String mediaType, Descriptor config, List<Descriptor> layers) {

    /** Helm's chart layer, and the media type Helm used before 3.8 (still read, as Helm does). */
    public static final String CHART_LAYER = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
    public static final String LEGACY_CHART_LAYER = "application/tar+gzip";
    private static final String INDEX = "application/vnd.oci.image.index.v1+json";

    /** A content descriptor; {@code size} is -1 when the manifest does not say. */
    public record Descriptor(String mediaType, String digest, long size) {
    }

    /**
     * @param where the reference shown in errors ({@code oci://host/charts/podinfo:6.0.3})
     * @throws OciException when it is an index or has no valid layers
     */
    static OciManifest parse(JsonNode m, String digest, String where) throws OciException {
        String mediaType = m.path("mediaType").asText("");
        if (mediaType.equals(INDEX) || m.has("manifests")) {
            throw new OciException(where + " is an image index, not a Helm chart manifest");
        }
        if (!m.path("layers").isArray()) {
            throw new OciException("the manifest of " + where + " has no layers");
        }
        List<Descriptor> layers = new ArrayList<>();
        for (JsonNode l : m.path("layers")) {
            layers.add(descriptor(l, where));
        }
        Descriptor config = m.has("config") ? descriptor(m.path("config"), where) : new Descriptor("", "", -1);
        return new OciManifest(digest, mediaType, config, List.copyOf(layers));
    }

    private static Descriptor descriptor(JsonNode d, String where) throws OciException {
        String digest = d.path("digest").asText("");
        if (!digest.matches("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+")) {
            throw new OciException("the manifest of " + where + " has a descriptor with an invalid digest '" + digest + "'");
        }
        return new Descriptor(d.path("mediaType").asText(""), digest, d.path("size").asLong(-1));
    }

    /** The Helm chart layer, if there is one. */
    public Optional<Descriptor> chartLayer() {
        for (String type : List.of(CHART_LAYER, LEGACY_CHART_LAYER)) {
            for (Descriptor d : layers) {
                if (d.mediaType().equals(type)) {
                    return Optional.of(d);
                }
            }
        }
        return Optional.empty();
    }
}
