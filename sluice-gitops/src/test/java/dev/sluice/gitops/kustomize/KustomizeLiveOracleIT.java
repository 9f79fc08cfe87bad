package dev.sluice.gitops.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the real oracle, {@code kubectl kustomize}, on every corpus case: its output must still be
 * the committed expected.yaml (else the corpus is stale: run regen.sh) and error cases must still
 * fail. Skipped, with the reason, where kubectl is not installed.
 */
class KustomizeLiveOracleIT {

    private static String kubectlVersion;

    @BeforeAll
    static void findKubectl() {
        try {
            Process p = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            boolean done = p.waitFor(30, TimeUnit.SECONDS);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            kubectlVersion = done && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            kubectlVersion = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kubectlVersion = null;
        }
    }

    @TestFactory
    Stream<DynamicTest> oracleStillAgreesWithTheCorpus() {
        assumeTrue(kubectlVersion != null, "kubectl is not on PATH: the live kustomize oracle cannot run");
        assumeTrue(kubectlVersion.contains("Kustomize Version: v5.5"),
                "the corpus was generated with kustomize v5.5; this kubectl has: " + kubectlVersion.strip());
        return ConformanceCase.all().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static void check(ConformanceCase c) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("kubectl", "kustomize", c.buildDir().toString()).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("kubectl kustomize finished").isTrue();
        if (c.expectedError().isPresent()) {
            assertThat(p.exitValue()).as("%s: kustomize must fail too", c.name()).isNotZero();
            return;
        }
        assertThat(p.exitValue()).as("%s: kustomize failed: %s", c.name(), err).isZero();
        String live = new String(out, StandardCharsets.UTF_8);
        String committed = c.expectedYaml().orElseThrow();
        ConformanceCase.firstDifference(committed, live)
                .ifPresent(d -> fail("%s: expected.yaml is stale (run regen.sh): %s", c.name(), d));
        ConformanceCase.firstDifference(live, c.build().yaml())
                .ifPresent(d -> fail("%s: our engine differs from live kustomize: %s", c.name(), d));
    }
}
