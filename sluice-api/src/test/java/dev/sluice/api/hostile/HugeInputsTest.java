package dev.sluice.api.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Diagnostic;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.Yaml;
import dev.sluice.api.validation.ValidationReport;
import dev.sluice.api.validation.Validator;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents of 10 MiB (generated here, never committed) and a 10,000-deep nesting are refused with a
 * diagnostic naming the file and the limit; no OutOfMemoryError or StackOverflowError, and the JVM
 * still reads ordinary files with its heap intact afterwards.
 */
class HugeInputsTest {

    private static final int TEN_MIB = 10 * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void aTenMebibyteScalarIsRefusedNamingTheLimit() throws IOException {
        Path f = write("big-scalar.yaml", w -> {
            w.write("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  blob: \"");
            repeat(w, "x", TEN_MIB);
            w.write("\"\n");
        });
        ValidationReport r = Validator.builtIn().validate(List.of(f));
        assertThat(r.errors()).singleElement().satisfies(d -> {
            assertThat(d.source()).isEqualTo(f.toString());
            assertThat(d.message()).contains("invalid YAML").contains(String.valueOf(Yaml.MAX_DOCUMENT_BYTES));
        });
    }

    @Test
    void tenMebibytesOfSmallEntriesAreRefusedToo() throws IOException {
        Path f = write("big-map.yaml", w -> {
            w.write("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n");
            for (int i = 0; i < TEN_MIB / 24; i++) {
                w.write("  key" + i + ": value-value\n");
            }
        });
        assertThatThrownBy(() -> Yaml.readAll(f)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("invalid YAML");
    }

    @Test
    void aTenMebibyteKeyAndATenMebibyteLineWithoutBreaks() throws IOException {
        Path key = write("big-key.yaml", w -> {
            repeat(w, "k", TEN_MIB);
            w.write(": 1\n");
        });
        Path flow = write("big-flow.yaml", w -> {
            w.write("[");
            repeat(w, "1,", TEN_MIB / 2);
            w.write("1]");
        });
        ValidationReport r = Validator.builtIn().validate(List.of(key, flow));
        assertThat(r.errors()).hasSize(2).allSatisfy(d -> assertThat(d.message()).startsWith("invalid YAML"));
        assertThat(r.errors()).extracting(Diagnostic::source).containsExactly(key.toString(), flow.toString());
    }

    @Test
    void nestingTenThousandDeepInEveryStyle() {
        for (String deep : List.of("[".repeat(10_000) + "]".repeat(10_000), "{a: ".repeat(10_000) + "1" + "}".repeat(10_000),
                "- ".repeat(10_000) + "x", nestedBlockMappings(10_000))) {
            assertThatThrownBy(() -> Yaml.readAll(deep, "deep.yaml")).isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("deep.yaml[0] invalid YAML");
        }
    }

    @Test
    void aValidFileBesideTheHugeOnesIsStillReadInFull() throws IOException {
        Path huge = write("huge.yaml", w -> {
            w.write("a: \"");
            repeat(w, "y", TEN_MIB);
            w.write("\"\n");
        });
        Path good = dir.resolve("good.yaml");
        Files.writeString(good, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: good, namespace: default}\ndata: {a: b}\n");
        ValidationReport r = Validator.builtIn().validate(List.of(dir));
        assertThat(r.files()).isEqualTo(2);
        assertThat(r.objects()).as("the good file's object is checked").isEqualTo(1);
        assertThat(r.errors()).singleElement().satisfies(d -> assertThat(d.source()).isEqualTo(huge.toString()));
    }

    /** The JVM is fine afterwards: most of the heap is free again once garbage is collected. */
    @AfterAll
    static void heapHasHeadroom() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long used = rt.totalMemory() - rt.freeMemory();
        assertThat(used).as("heap in use after the huge inputs").isLessThan(rt.maxMemory() / 2);
        assertThat(Yaml.readOne("a: 1\n", "after.yaml").content().path("a").asInt()).isEqualTo(1);
    }

    private static String nestedBlockMappings(int depth) {
        // one level per line, one space deeper each time: 50 MB of indentation would be silly
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            b.append(" ".repeat(Math.min(i, 200))).append("k:\n");
        }
        return b.toString();
    }

    private interface Body {
        void write(Writer w) throws IOException;
    }

    private Path write(String name, Body body) throws IOException {
        Path f = dir.resolve(name);
        try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            body.write(w);
        }
        return f;
    }

    private static void repeat(Writer w, String s, int times) throws IOException {
        String chunk = s.repeat(4096);
        for (int i = 0; i < times / 4096; i++) {
            w.write(chunk);
        }
        w.write(s.repeat(times % 4096));
    }
}
