package dev.sluice.helm.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RepositoryIndexTest {

    private static final RepositoryIndex INDEX = RepositoryIndex.parse("""
            apiVersion: v1
            entries:
              app:
                - {name: app, version: 1.9.0, urls: [app-1.9.0.tgz], digest: aa}
                - {name: app, version: 1.10, urls: [app-1.10.tgz]}
                - {name: app, version: 2.0.0-beta.1, urls: [app-2.0.0-beta.1.tgz]}
                - {name: app, version: not-a-version, urls: [x.tgz]}
            """.getBytes(StandardCharsets.UTF_8));

    @Test
    void versionsAreReadAsWrittenAndCompareAsSemver() {
        assertThat(INDEX.select("app", "*").version()).isEqualTo("1.10");
        assertThat(INDEX.select("app", "<1.10").version()).isEqualTo("1.9.0");
        assertThat(INDEX.select("app", ">=2.0.0-0").version()).isEqualTo("2.0.0-beta.1");
        assertThat(INDEX.select("app", "1.9.0").digest()).isEqualTo("aa");
    }

    @Test
    void explainsWhatIsMissing() {
        assertThatThrownBy(() -> INDEX.select("app", "3.x")).hasMessage("no 'app' chart with version matching '3.x' found");
        assertThatThrownBy(() -> INDEX.select("web", "*")).hasMessageContaining("chart 'web' is not in the repository index");
        assertThatThrownBy(() -> RepositoryIndex.parse("entries: [".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("invalid index.yaml");
    }
}
