package dev.sluice.gitops.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Builds every case of the conformance corpus with our engine and compares with the committed
 * output of real kustomize: document by document first (so a failure names the object), then
 * byte for byte.
 */
class KustomizeConformanceTest {

    @Test
    void corpusHasAtLeastFortyCasesWithErrorsAmongThem() {
        List<ConformanceCase> all = ConformanceCase.all();
        assertThat(all).hasSizeGreaterThanOrEqualTo(40);
        assertThat(all.stream().filter(c -> c.expectedError().isPresent()).count()).isGreaterThanOrEqualTo(8);
    }

    @TestFactory
    Stream<DynamicTest> buildsLikeKustomize() {
        return ConformanceCase.all().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static void check(ConformanceCase c) {
        if (c.expectedError().isPresent()) {
            assertThatThrownBy(c::build)
                    .as("case %s must fail", c.name())
                    .isInstanceOf(KustomizeException.class)
                    .hasMessageContaining(c.expectedError().get());
            return;
        }
        String expected = c.expectedYaml().orElseThrow(() -> new AssertionError(c.name() + ": no expected.yaml; run regen.sh"));
        BuildResult result = c.build();
        String actual = result.yaml();
        List<String> want = ConformanceCase.documents(expected);
        List<String> got = ConformanceCase.documents(actual);
        for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
            int doc = i;
            ConformanceCase.firstDifference(want.get(i), got.get(i))
                    .ifPresent(d -> fail("%s: document %d differs (%s)%n%s", c.name(), doc + 1, firstLine(want.get(doc), "name:"), d));
        }
        assertThat(got).as("%s: number of documents", c.name()).hasSameSizeAs(want);
        ConformanceCase.firstDifference(expected, actual).ifPresent(d -> fail("%s: %s", c.name(), d));
        assertThat(result.warnings()).as("%s: warnings", c.name()).containsExactlyElementsOf(c.expectedWarnings());
    }

    private static String firstLine(String doc, String containing) {
        return doc.lines().filter(l -> l.contains(containing)).findFirst().orElse("?").strip();
    }
}
