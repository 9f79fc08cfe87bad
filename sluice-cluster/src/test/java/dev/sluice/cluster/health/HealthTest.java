package dev.sluice.cluster.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.Yaml;
import dev.sluice.api.YamlDocument;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Table-driven: every document in {@code src/test/resources/health/*.yaml} is one case with
 * {@code case} (its name), {@code expect} (kstatus' status word), {@code message}, an optional
 * {@code now} and the {@code object}.
 */
class HealthTest {

    record Case(String file, String name, String expect, String message, Instant now, KubeObject object) {
    }

    @TestFactory
    Stream<DynamicTest> everyFixtureGetsItsVerdict() throws Exception {
        return fixtures().stream().map(c -> DynamicTest.dynamicTest(c.file() + ": " + c.name(), () -> {
            HealthResult result = c.now() == null ? Health.of(c.object()) : Health.of(c.object(), c.now());
            assertThat(result.status().word()).as("status").isEqualTo(c.expect());
            assertThat(result.message()).as("message").isEqualTo(c.message());
        }));
    }

    @Test
    void everyKindWithARuleHasFixtures() throws Exception {
        Set<GroupKind> covered = new HashSet<>();
        fixtures().forEach(c -> covered.add(c.object().groupKind()));
        Set<GroupKind> required = new HashSet<>(Health.kindsWithRules());
        required.removeIf(gk -> gk.group().equals("extensions")); // the same rule as apps
        assertThat(covered).containsAll(required);
    }

    @Test
    void absentObjectIsNotFound() {
        HealthResult r = Health.absent(ObjectKey.of("apps", "Deployment", "apps", "web"));
        assertThat(r.status()).isEqualTo(HealthResult.Status.NOT_FOUND);
        assertThat(r).hasToString("NotFound: Resource not found");
    }

    @Test
    void extensionsGroupUsesTheAppsRules() {
        KubeObject legacy = KubeObject.parse("""
                apiVersion: extensions/v1beta1
                kind: Deployment
                metadata: {name: web}
                spec: {replicas: 2}
                status: {replicas: 2, updatedReplicas: 1}
                """);
        assertThat(Health.of(legacy).message()).isEqualTo("Updated: 1/2");
    }

    private static List<Case> fixtures() throws IOException, URISyntaxException {
        Path dir = Path.of(HealthTest.class.getResource("/health").toURI());
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (YamlDocument doc : Yaml.readAll(file)) {
                    JsonNode n = doc.content();
                    Instant now = n.hasNonNull("now") ? Instant.parse(n.get("now").asText()) : null;
                    cases.add(new Case(file.getFileName().toString(), n.path("case").asText("line " + doc.line()),
                            n.path("expect").asText(), n.path("message").asText(), now, KubeObject.of(n.get("object"))));
                }
            }
        }
        assertThat(cases).as("fixtures found").hasSizeGreaterThan(50);
        return cases;
    }
}
