package dev.sluice.delivery.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;

/**
 * Golden YAML files under {@code src/test/resources/golden/}: an object must equal its file as a
 * JSON tree (server-set metadata removed). Run with {@code -Dsluice.golden.update=true} to rewrite
 * the files from the current output; then review every change against Flagger by eye.
 */
public final class Golden {

    private Golden() {
    }

    public static void assertMatches(String name, KubeObject actual) {
        assertMatches(name, actual.toNode());
    }

    public static void assertMatches(String name, JsonNode actual) {
        JsonNode clean = strip(actual);
        String resource = "golden/" + name;
        if (Boolean.getBoolean("sluice.golden.update")) {
            write(resource, clean);
            return;
        }
        JsonNode expected;
        try (InputStream in = Golden.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("golden file " + resource + " is missing; actual:\n" + Json.writePretty(clean));
            }
            expected = Yaml.readOne(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource).content();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(Json.writePretty(clean)).as("object vs golden file %s", resource)
                .isEqualTo(Json.writePretty(expected));
    }

    private static JsonNode strip(JsonNode n) {
        ObjectNode copy = (ObjectNode) n.deepCopy();
        if (copy.path("metadata") instanceof ObjectNode meta) {
            meta.remove(List.of("uid", "resourceVersion", "generation", "creationTimestamp", "managedFields"));
            // The store draws uids; golden files name the owner's uid by the owner's name.
            for (JsonNode ref : meta.path("ownerReferences")) {
                ((ObjectNode) ref).put("uid", "uid-" + ref.path("name").asText());
            }
        }
        return copy;
    }

    private static void write(String resource, JsonNode node) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        String yaml = new org.yaml.snakeyaml.Yaml(options).dump(Json.mapper().convertValue(node, Object.class));
        Path file = Path.of("src/test/resources", resource);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
