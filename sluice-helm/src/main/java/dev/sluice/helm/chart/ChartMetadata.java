package dev.sluice.helm.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.Yaml;
import java.nio.charset.StandardCharsets;

/**
 * A chart's {@code Chart.yaml}: the fields Sluice reads, and the whole tree (written as the chart
 * metadata of a Helm release, whose JSON keys are the same).
 *
 * @param tree the parsed Chart.yaml (a copy; read only)
 */
public record ChartMetadata(String name, String version, String appVersion, String type, ObjectNode tree) {

    /**
     * Parses a Chart.yaml.
     *
     * @param source the file's name in messages, e.g. {@code podinfo/Chart.yaml}
     * @throws ChartException when it is not YAML, or name or version is missing
     */
    public static ChartMetadata parse(byte[] chartYaml, String source) throws ChartException {
        JsonNode n;
        try {
            n = Yaml.readOne(new String(chartYaml, StandardCharsets.UTF_8), source).content();
        } catch (InvalidInputException e) {
            throw new ChartException(e.getMessage(), e);
        }
        if (!(n instanceof ObjectNode o)) {
            throw new ChartException(source + ": expected a mapping with apiVersion, name and version");
        }
        String name = o.path("name").asText("");
        String version = o.path("version").asText("");
        if (name.isEmpty()) {
            throw new ChartException(source + ": field 'name' is required");
        }
        if (version.isEmpty()) {
            throw new ChartException(source + ": field 'version' is required");
        }
        if (o.has("apiVersion") && !o.path("apiVersion").asText().matches("v[12]")) {
            throw new ChartException(source + ": apiVersion '" + o.path("apiVersion").asText() + "' is not v1 or v2");
        }
        return new ChartMetadata(name, version, o.path("appVersion").asText(""), o.path("type").asText(""), o.deepCopy());
    }

    /** {@code name@version}, as helm-controller names charts in messages. */
    public String versioned() {
        return name + "@" + version;
    }

    /** This metadata with another version (Chart.yaml rewritten the same way). */
    public ChartMetadata withVersion(String newVersion) {
        ObjectNode t = tree.deepCopy();
        t.put("version", newVersion);
        return new ChartMetadata(name, newVersion, appVersion, type, t);
    }
}
