package dev.sluice.gitops.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KubeObject;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RevertModeTest {

    private static KubeObject obj(String kind, String annotation) {
        return KubeObject.parse("apiVersion: x/v1\nkind: " + kind + "\nmetadata:\n  name: face\n  namespace: test\n"
                + (annotation == null ? "" : "  annotations: {\"sluice.dev/revert-on-failure\": \"" + annotation + "\"}\n"));
    }

    @Test
    void theCanaryWinsOverItsGitRepositoryAndOffIsTheDefault() {
        assertThat(RevertMode.of(obj("Canary", null), Optional.empty())).isEqualTo(RevertMode.OFF);
        assertThat(RevertMode.of(obj("Canary", null), Optional.of(obj("GitRepository", "direct")))).isEqualTo(RevertMode.DIRECT);
        assertThat(RevertMode.of(obj("Canary", "branch"), Optional.of(obj("GitRepository", "direct")))).isEqualTo(RevertMode.BRANCH);
        assertThat(RevertMode.of(obj("Canary", "off"), Optional.of(obj("GitRepository", "direct")))).isEqualTo(RevertMode.OFF);
        assertThat(RevertMode.of(obj("Canary", " Direct "), Optional.empty())).isEqualTo(RevertMode.DIRECT);
    }

    @Test
    void anUnknownValueNamesTheObjectTheAnnotationAndTheChoices() {
        assertThatThrownBy(() -> RevertMode.of(obj("Canary", "yes"), Optional.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("metadata.annotations[sluice.dev/revert-on-failure]")
                .hasMessageContaining("Canary test/face: 'yes' is not a revert mode; expected branch, direct or off");
    }
}
