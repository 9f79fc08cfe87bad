package dev.sluice.api.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.LabelSelector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every selector string of corpus/hostile/selectors is refused with the substrings of its .expect
 * file. (sluice-api cannot use the testkit's HostileCorpus, which depends on it; the format is the same.)
 */
class SelectorCorpusTest {

    @TestFactory
    Stream<DynamicTest> everyBadSelectorIsRefusedSayingWhy() throws IOException {
        Path dir = corpus().resolve("selectors");
        List<Path> inputs;
        try (Stream<Path> s = Files.list(dir)) {
            inputs = s.filter(p -> p.toString().endsWith(".selector")).sorted().toList();
        }
        assertThat(inputs).hasSizeGreaterThanOrEqualTo(20);
        return inputs.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            String selector = Files.readString(p, StandardCharsets.UTF_8).replaceFirst("\n$", "");
            Path expectFile = Path.of(p.toString().replaceFirst("\\.selector$", ".expect"));
            List<String> expected = Files.readAllLines(expectFile).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
            assertThat(expected).as(expectFile + " names the error").isNotEmpty();
            assertThatThrownBy(() -> LabelSelector.parse(selector))
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getMessage()).startsWith("invalid label selector")
                            .contains(expected).hasSizeLessThan(600));
        }));
    }

    static Path corpus() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("corpus/hostile"))) {
                return d.resolve("corpus/hostile");
            }
        }
        throw new IllegalStateException("no corpus/hostile above the working directory");
    }
}
