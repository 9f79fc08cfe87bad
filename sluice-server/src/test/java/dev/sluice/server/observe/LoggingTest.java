package dev.sluice.server.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LoggingTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @AfterEach
    void restore() {
        Logging.configure(Logging.Format.TEXT, Map.of());
    }

    private List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void jsonFormatWritesOneObjectPerRecord() {
        Logging.configure(Logging.Format.JSON, Map.of(), out);
        Logger log = LoggerFactory.getLogger("dev.sluice.gitops.source.GitRepositoryReconciler");
        log.info("stored artifact for revision '{}'", "main@sha1:abc");
        log.warn("fetch failed", new IllegalStateException("auth"));

        List<JsonNode> records = lines().stream().filter(l -> l.startsWith("{")).map(l -> (JsonNode) Json.parseObject(l)).toList();
        assertThat(records).hasSize(2);
        assertThat(records.get(0).path("level").asText()).isEqualTo("INFO");
        assertThat(records.get(0).path("loggerName").asText()).isEqualTo("dev.sluice.gitops.source.GitRepositoryReconciler");
        assertThat(records.get(0).path("formattedMessage").asText()).isEqualTo("stored artifact for revision 'main@sha1:abc'");
        assertThat(records.get(0).has("timestamp")).isTrue();
        assertThat(records.get(1).path("throwable").path("message").asText()).isEqualTo("auth");
    }

    @Test
    void levelsPerComponent() {
        Logging.configure(Logging.Format.TEXT, Logging.parseLevels("warn,gitops=debug"), out);
        LoggerFactory.getLogger("dev.sluice.gitops.kustomize.Builder").debug("shown");
        LoggerFactory.getLogger("dev.sluice.local.mesh.MeshProxy").info("hidden");
        LoggerFactory.getLogger("dev.sluice.local.mesh.MeshProxy").warn("also shown");

        assertThat(lines()).hasSize(2);
        assertThat(lines().get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z DEBUG dev\\.sluice\\.gitops\\..* - shown");
        assertThat(lines().get(1)).contains("WARN ").endsWith(" - also shown");
    }

    @Test
    void badSettingsNameTheItemAndTheExpectation() {
        assertThat(Logging.parseLevels(" info , mesh=TRACE,io.netty=off")).containsExactly(
                Map.entry("root", Level.INFO), Map.entry("mesh", Level.TRACE), Map.entry("io.netty", Level.OFF));
        assertThatThrownBy(() -> Logging.parseLevels("gitops=loud"))
                .hasMessage("log level 'gitops=loud': 'loud' is not a level; expected one of trace, debug, info, warn, error, off");
        assertThatThrownBy(() -> Logging.parseLevels("=debug"))
                .hasMessage("log level '=debug': expected component=level, e.g. gitops=debug");
        assertThatThrownBy(() -> Logging.parseFormat("yaml")).hasMessage("log format 'yaml': expected text or json");
    }
}
