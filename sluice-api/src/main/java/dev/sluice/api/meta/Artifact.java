package dev.sluice.api.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import java.util.Map;

/**
 * A source artifact as Flux's sources publish it in {@code status.artifact}.
 *
 * @param path           {@code <kind>/<ns>/<name>/<file>}, relative to the storage root
 * @param revision       e.g. {@code main@sha1:<40 hex>} or {@code 6.0.3}
 * @param digest         {@code sha256:<hex>} of the file
 * @param lastUpdateTime RFC 3339
 * @param size           bytes, or 0 when unknown
 */
public record Artifact(String path, String url, String revision, String digest, String lastUpdateTime, long size,
                       Map<String, String> metadata) {

    public Artifact {
        metadata = Map.copyOf(metadata);
    }

    public static Artifact from(JsonNode n) {
        return new Artifact(Nodes.text(n, "path"), Nodes.text(n, "url"), Nodes.text(n, "revision"),
                Nodes.text(n, "digest"), Nodes.text(n, "lastUpdateTime"), Nodes.longValue(n, "size"),
                Nodes.stringMap(n, "metadata"));
    }

    public ObjectNode toNode() {
        ObjectNode n = Json.object();
        n.put("path", path).put("url", url).put("revision", revision).put("digest", digest)
                .put("lastUpdateTime", lastUpdateTime);
        if (size > 0) {
            n.put("size", size);
        }
        if (!metadata.isEmpty()) {
            metadata.forEach(n.putObject("metadata")::put);
        }
        return n;
    }
}
