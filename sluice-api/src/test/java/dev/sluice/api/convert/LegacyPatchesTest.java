package dev.sluice.api.convert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Yaml;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LegacyPatchesTest {

    /** Trees whose YAML text must read back as the same tree (the patch text is parsed again at build time). */
    static Stream<String> trees() {
        return Stream.of(
                "{a: '0', b: 'true', c: 'null', d: '1.5', e: 'yes', f: 'on', g: '~', h: ''}",
                "{spec: {replicas: 2, template: {metadata: {annotations: {x: 'a: b'}}}}}",
                "[{op: add, path: /spec/x, value: {name: ERROR_FRACTION, value: '0'}}]",
                "{script: \"#!/bin/sh\\necho ${VAR}\\n\", key: '*', star: '- not a list'}");
    }

    @ParameterizedTest
    @MethodSource("trees")
    void yamlTextReadsBackAsTheSameTree(String flow) {
        JsonNode tree = Yaml.readOne(flow, "t").content();
        assertThat(Yaml.readOne(LegacyPatches.yaml(tree), "t").content()).isEqualTo(tree);
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void leavesInvalidInputAlone(String flow) {
        ObjectNode holder = (ObjectNode) Yaml.readOne(flow, "t").content();
        ObjectNode before = holder.deepCopy();
        assertThat(LegacyPatches.fold(holder)).isFalse();
        assertThat(holder).isEqualTo(before);
    }

    static Stream<String> invalid() {
        return Stream.of("{patches: not-a-list, patchesStrategicMerge: [{a: 1}]}", "{path: ./x}");
    }
}
