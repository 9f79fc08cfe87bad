package dev.sluice.gitops.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import java.util.Optional;

/**
 * A source artifact as Flux reports it in {@code status.artifact}: an immutable snapshot of one
 * revision with its ignore rules applied.
 *
 * @param revision       {@code main@sha1:<40 hex>}, {@code v1.2.3@sha1:<hex>} or {@code sha1:<hex>}
 * @param digest         {@code sha256:<hex>} of the tar.gz
 * @param path           {@code gitrepository/<ns>/<name>/<sha>.tar.gz}, relative to the storage root
 * @param url            where the tar.gz is served
 * @param size           bytes of the tar.gz
 * @param lastUpdateTime RFC 3339
 */
public record Artifact(String revision, String digest, String path, String url, long size, String lastUpdateTime) {

    /** The artifact in a status node ({@code status.artifact}), if there is a complete one. */
    public static Optional<Artifact> fromStatus(JsonNode status) {
        JsonNode a = status.path("artifact");
        if (!a.isObject() || a.path("revision").asText("").isEmpty() || a.path("digest").asText("").isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Artifact(a.path("revision").asText(), a.path("digest").asText(), a.path("path").asText(""),
                a.path("url").asText(""), a.path("size").asLong(0), a.path("lastUpdateTime").asText("")));
    }

    public ObjectNode toNode() {
        ObjectNode n = Json.object();
        n.put("digest", digest).put("lastUpdateTime", lastUpdateTime).put("path", path).put("revision", revision)
                .put("size", size).put("url", url);
        return n;
    }

    /** The commit id in {@link #revision}. */
    public String commit() {
        return GitRevision.commitOf(revision);
    }

    /** The hex part of {@link #digest}. */
    public String digestHex() {
        int colon = digest.indexOf(':');
        return colon < 0 ? digest : digest.substring(colon + 1);
    }
}
