package dev.sluice.gitops.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.gitops.kustomize.KustomizeException;
import dev.sluice.gitops.kustomize.KustomizeOptions;
import dev.sluice.gitops.kustomize.Kustomizer;
import dev.sluice.testkit.hostile.HostileCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kustomize engine on every case of corpus/hostile/kustomize, built as the Kustomization
 * reconciler builds (Flux mode, the artifact as load root): each fails with a KustomizeException
 * whose message names the entry and the rule (path traversal, absolute path, symlink out of the
 * artifact, remote base, cycle, broken file), and nothing from outside the artifact is read into
 * the message.
 */
class KustomizeCorpusTest {

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyHostileTreeFailsWithItsReason() {
        var cases = KustomizeCases.all();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(50);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    @Test
    void aTenMebibyteTokenIsRefusedBeforeParsingAndTenThousandNestedBasesFailCleanly() throws Exception {
        Path artifact = Files.createDirectories(tmp.resolve("big"));
        Path build = Files.createDirectories(artifact.resolve("build"));
        Files.writeString(build.resolve("kustomization.yaml"), "resources:\n- big.yaml\n");
        Files.writeString(build.resolve("big.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  blob: "
                + "x".repeat(10 * 1024 * 1024) + "\n");
        assertThatThrownBy(() -> new Kustomizer().build(build, KustomizeOptions.flux(artifact)))
                .isInstanceOf(KustomizeException.class)
                .hasMessageContaining("big.yaml").hasMessageContaining("without a break");

        Path chain = Files.createDirectories(tmp.resolve("chain"));
        int depth = 10_000;
        for (int i = 0; i < depth; i++) {
            Path d = Files.createDirectories(chain.resolve("b" + i));
            Files.writeString(d.resolve("kustomization.yaml"), i + 1 < depth ? "resources:\n- ../b" + (i + 1) + "\n"
                    : "configMapGenerator:\n- name: leaf\n  literals: [a=b]\n");
        }
        try {
            assertThat(new Kustomizer().build(chain.resolve("b0"), KustomizeOptions.flux(chain)).objects()).hasSize(1);
        } catch (KustomizeException tooDeep) {
            assertThat(tooDeep.getMessage()).contains("nested too deeply");
        }
    }

    private void check(HostileCorpus.Case c) throws Exception {
        Path work = Files.createDirectories(tmp.resolve(c.name().replace('/', '_')));
        Path artifact = KustomizeCases.layOut(c, work);
        assertThatThrownBy(() -> new Kustomizer().build(artifact.resolve("build"), KustomizeOptions.flux(artifact)))
                .as(c.name())
                .isInstanceOf(KustomizeException.class)
                .satisfies(e -> {
                    c.assertOutputNames(e.getMessage());
                    assertThat(e.getMessage()).as("the engine's safety net is for bugs, not for this input")
                            .doesNotStartWith("unexpected input");
                    assertThat(e.getMessage()).doesNotContain(KustomizeCases.PLANTED).doesNotContain("root:x:0:0")
                            .hasSizeLessThan(4_000);
                });
    }
}
