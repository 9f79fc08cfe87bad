package dev.sluice.server.timeline;

import static dev.sluice.server.dashboard.Fixtures.REV_A;
import static dev.sluice.server.dashboard.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.dashboard.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelineTextTest {

    @Test
    void readsLikeALogOneRevisionAfterAnother() {
        var source = Fixtures.gitRepository();
        var ks = Fixtures.kustomizations().get(1);
        var in = new TimelineInputs(Fixtures.canary("face", "Failed", 0, 2), ks, source, List.of(),
                List.of(Fixtures.event(ks.key(), "Normal", "Progressing", "Deployment/faces/face configured\nCanary/faces/face unchanged",
                        T0.plusSeconds(5), Map.of(GitHistory.KUSTOMIZE_REVISION, REV_A))),
                List.of(Fixtures.event(source.key(), "Normal", "NewArtifact", "stored artifact for commit 'Break it'", T0,
                        Map.of(GitHistory.SOURCE_REVISION, REV_A))),
                List.of(Fixtures.tick("face", T0.plusSeconds(20), "hash-a", "Progressing", 5, 1, 25, 800, List.of()),
                        Fixtures.tick("face", T0.plusSeconds(30), "hash-a", "Failed", 0, 2, 25, 800,
                                List.of("Rolling back face.faces failed checks threshold reached 2"))));

        String text = TimelineText.render(TimelineBuilder.build(in, T0.plusSeconds(60)));

        assertThat(text).startsWith("""
                Canary faces/face (Deployment faces/face), phase Failed
                Kustomization faces/faces, GitRepository faces/faces

                main@sha1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa "Break it": RolledBack
                  Rolling back face.faces failed checks threshold reached 2; last failed check: request-success-rate: success rate 25.0% < 70%
                  2026-01-01
                  00:00:00  commit   commit aaaaaaaa (Break it)
                  00:00:00  artifact artifact stored (revision main@sha1:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa)
                  00:00:05  applied  Progressing (Deployment/faces/face configured; Canary/faces/face unchanged)
                  00:00:20  step     Progressing: canary weight 5%
                                     Progressing, canary 5%, failed checks 1 | request-success-rate 25 (>= 70) FAIL | request-duration 800 (<= 500) FAIL | load-test passed
                """);
        assertThat(text).contains("  00:00:30  outcome  rolled back (Rolling back face.faces");
        assertThat(text).contains("Notes:\n  - commit author: not shown");
    }
}
