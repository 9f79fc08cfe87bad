package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.validation.ValidationReport;
import dev.sluice.api.validation.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The YAML of the seed articles (examples/seeds): every file parses, validates without errors,
 * converts to the newest versions without losing a field the user wrote, and round-trips.
 */
class SeedsTest {

    static final Path SEEDS = Path.of("../examples/seeds");
    static final Path EXCERPTS = Path.of("../examples/seed-excerpts");
    private static final KindModels MODELS = KindModels.builtIn();
    private static final Validator VALIDATOR = Validator.builtIn();

    /** Fields the conversions replace on purpose, and where their content goes. */
    private static final Map<String, String> CONVERTED = Map.of(
            "/spec/validation", "",
            "/spec/patchesStrategicMerge", "/spec/patches",
            "/spec/patchesJson6902", "/spec/patches",
            "/spec/chart/spec/valuesFile", "/spec/chart/spec/valuesFiles");

    static Stream<Path> seedFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(SEEDS)) {
            return walk.filter(p -> p.toString().endsWith(".yaml")).filter(p -> !p.startsWith(EXCERPTS)).sorted().toList().stream();
        }
    }

    @Test
    void thereAreSeeds() throws IOException {
        assertThat(seedFiles().count()).isGreaterThanOrEqualTo(10);
    }

    @ParameterizedTest
    @MethodSource("seedFiles")
    void validatesWithoutErrors(Path file) {
        ValidationReport report = VALIDATOR.validate(List.of(file));
        assertThat(report.errors()).isEmpty();
        assertThat(report.objects()).isPositive();
    }

    @ParameterizedTest
    @MethodSource("seedFiles")
    void convertsWithoutLosingAUserFieldAndRoundTrips(Path file) {
        for (YamlDocument doc : Yaml.readAll(file)) {
            if (doc.content().path("apiVersion").asText().startsWith("kustomize.config.k8s.io/")) {
                continue; // kustomize's own file format: no object, no conversion
            }
            KubeObject original = KubeObject.of(doc.content());
            KubeObject latest = MODELS.toLatest(original);
            String latestVersion = MODELS.find(original.groupKind()).isPresent()
                    ? latest.apiVersion() : original.apiVersion();
            if (original.apiVersion().equals(latestVersion)) {
                assertThat(latest.toNode()).as("already newest: unchanged").isEqualTo(original.toNode());
            }
            for (String pointer : leaves(original.toNode(), "")) {
                if (pointer.equals("/apiVersion")) {
                    continue;
                }
                String converted = CONVERTED.keySet().stream().filter(pointer::startsWith).findFirst().orElse(null);
                if (converted != null) {
                    assertThat(latest.at(converted).isMissingNode()).as(file + " " + converted + " replaced").isTrue();
                    if (!CONVERTED.get(converted).isEmpty()) {
                        assertThat(latest.at(CONVERTED.get(converted)).isMissingNode()).isFalse();
                    }
                } else {
                    assertThat(latest.at(pointer)).as(file + " keeps " + pointer).isEqualTo(original.at(pointer));
                }
            }
            JsonNode reread = Yaml.readOne(latest.toJson(), "json").content();
            assertThat(reread).isEqualTo(latest.toNode());
            MODELS.parse(latest); // the newest form parses (throws on any error)
        }
    }

    @Test
    void excerptsFailOnlyWhereTheArticlesLeftFieldsOut() {
        ValidationReport report = VALIDATOR.validate(List.of(EXCERPTS));
        assertThat(report.errors()).extracting(d -> EXCERPTS.relativize(Path.of(d.source())) + " " + d.path() + ": " + d.message())
                .containsExactlyInAnyOrder(
                        "apps.yaml spec.prune: required field is missing; expected true or false",
                        "istio-gateway.yaml spec.chart: required field is missing; expected a mapping with spec",
                        "istio-gateway.yaml spec.interval: required field is missing; expected a duration, e.g. 30s, 5m or 1h30m");
    }

    @Test
    void theReadmeNamesEverySeedFile() throws IOException {
        String readme = Files.readString(SEEDS.resolve("README.md"));
        List<String> missing = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(SEEDS)) {
            walk.filter(p -> p.toString().endsWith(".yaml")).map(p -> SEEDS.relativize(p).toString())
                    .filter(p -> !readme.contains(p)).forEach(missing::add);
        }
        assertThat(missing).isEmpty();
    }

    private static List<String> leaves(JsonNode n, String at) {
        List<String> out = new ArrayList<>();
        if (n.isObject() && !n.isEmpty()) {
            n.properties().forEach(e -> out.addAll(leaves(e.getValue(), at + "/" + e.getKey().replace("~", "~0").replace("/", "~1"))));
        } else if (n.isArray() && !n.isEmpty()) {
            for (int i = 0; i < n.size(); i++) {
                out.addAll(leaves(n.get(i), at + "/" + i));
            }
        } else {
            out.add(at);
        }
        return out;
    }

    @Test
    void leavesAreJsonPointers() {
        JsonNode n = Yaml.readOne("a: {b: [1, {c: x}], d/e: y}", "t").content();
        assertThat(leaves(n, "")).isEqualTo(List.of("/a/b/0", "/a/b/1/c", "/a/d~1e"));
        assertThat(Set.copyOf(leaves(n, "")).stream().allMatch(p -> !n.at(p).isMissingNode())).isTrue();
    }
}
