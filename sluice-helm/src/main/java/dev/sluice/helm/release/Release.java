package dev.sluice.helm.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import java.time.Instant;

/**
 * One Helm release revision, in Helm's own JSON shape (helm.sh/helm/v3 {@code release.Release}),
 * so that {@code helm list}, {@code helm history} and {@code helm get manifest} read what Sluice
 * writes. Immutable: the {@code with*} methods return changed copies.
 *
 * @param status  Helm's status: {@code deployed}, {@code superseded}, {@code failed},
 *                {@code uninstalled}, {@code uninstalling}, {@code pending-install},
 *                {@code pending-upgrade}, {@code pending-rollback}
 * @param chart   Helm's chart JSON ({@code metadata}, {@code templates}, {@code values}, {@code files}, ...)
 * @param config  the user-supplied values of this revision
 * @param hooks   Helm's hook JSON objects, with {@code last_run}
 */
public record Release(String name, String namespace, int version, String status, Instant firstDeployed,
                      Instant lastDeployed, Instant deleted, String description, ObjectNode chart, ObjectNode config,
                      String manifest, ArrayNode hooks) {

    public static final String DEPLOYED = "deployed";
    public static final String SUPERSEDED = "superseded";
    public static final String FAILED = "failed";
    public static final String UNINSTALLED = "uninstalled";
    public static final String UNINSTALLING = "uninstalling";
    public static final String PENDING_INSTALL = "pending-install";
    public static final String PENDING_UPGRADE = "pending-upgrade";
    public static final String PENDING_ROLLBACK = "pending-rollback";

    /** Go's zero time, which Helm writes for "never". */
    static final Instant ZERO = Instant.parse("0001-01-01T00:00:00Z");

    public Release {
        chart = chart.deepCopy();
        config = config.deepCopy();
        hooks = hooks.deepCopy();
        deleted = deleted == null ? ZERO : deleted;
    }

    public boolean isPending() {
        return status.startsWith("pending-");
    }

    public String chartName() {
        return chart.path("metadata").path("name").asText("");
    }

    public String chartVersion() {
        return chart.path("metadata").path("version").asText("");
    }

    public String appVersion() {
        return chart.path("metadata").path("appVersion").asText("");
    }

    /** {@code <namespace>/<name>.v<version>}, as helm-controller names releases in messages. */
    public String fullName() {
        return namespace + "/" + name + ".v" + version;
    }

    /** {@code <chart>@<version>}. */
    public String versionedChart() {
        return chartName() + "@" + chartVersion();
    }

    public Release withStatus(String newStatus, String newDescription) {
        return new Release(name, namespace, version, newStatus, firstDeployed, lastDeployed, deleted, newDescription, chart,
                config, manifest, hooks);
    }

    public Release withDeleted(Instant at, String newDescription) {
        return new Release(name, namespace, version, UNINSTALLED, firstDeployed, lastDeployed, at, newDescription, chart,
                config, manifest, hooks);
    }

    public Release withHooks(ArrayNode newHooks) {
        return new Release(name, namespace, version, status, firstDeployed, lastDeployed, deleted, description, chart,
                config, manifest, newHooks);
    }

    /** Helm's JSON of this release. */
    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("name", name);
        ObjectNode info = n.putObject("info");
        info.put("first_deployed", firstDeployed.toString()).put("last_deployed", lastDeployed.toString())
                .put("deleted", deleted.toString()).put("description", description).put("status", status);
        n.set("chart", chart.deepCopy());
        n.set("config", config.deepCopy());
        n.put("manifest", manifest);
        n.set("hooks", hooks.deepCopy());
        n.put("version", version);
        n.put("namespace", namespace);
        return n;
    }

    /** Reads Helm's JSON of a release (missing parts are empty). */
    public static Release fromJson(JsonNode n) {
        JsonNode info = n.path("info");
        return new Release(n.path("name").asText(""), n.path("namespace").asText(""), n.path("version").asInt(0),
                info.path("status").asText("unknown"), time(info.path("first_deployed")), time(info.path("last_deployed")),
                time(info.path("deleted")), info.path("description").asText(""),
                n.path("chart").isObject() ? (ObjectNode) n.path("chart") : Json.object(),
                n.path("config").isObject() ? (ObjectNode) n.path("config") : Json.object(),
                n.path("manifest").asText(""),
                n.path("hooks").isArray() ? (ArrayNode) n.path("hooks") : Json.nodes().arrayNode());
    }

    private static Instant time(JsonNode t) {
        try {
            return t.isTextual() && !t.asText().isEmpty() ? java.time.OffsetDateTime.parse(t.asText()).toInstant() : ZERO;
        } catch (java.time.format.DateTimeParseException e) {
            return ZERO;
        }
    }
}
