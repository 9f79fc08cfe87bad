package dev.sluice.local.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageRefTest {

    @Test
    void dockerHubSpellingsNameTheSameRepository() {
        assertThat(ImageRef.parse("dwflynn/faces-service:0.8.0")).isEqualTo(new ImageRef("docker.io/dwflynn/faces-service", "0.8.0"));
        assertThat(ImageRef.parse("docker.io/dwflynn/faces-service").repository()).isEqualTo("docker.io/dwflynn/faces-service");
        assertThat(ImageRef.parse("index.docker.io/dwflynn/faces-service@sha256:abc").repository()).isEqualTo("docker.io/dwflynn/faces-service");
        assertThat(ImageRef.parse("nginx").repository()).isEqualTo("docker.io/library/nginx");
        assertThat(ImageRef.parse("nginx").tagOrLatest()).isEqualTo("latest");
    }

    @Test
    void registriesWithPortsKeepThePortAndCaseIsIgnored() {
        assertThat(ImageRef.parse("localhost:5000/app:1.2")).isEqualTo(new ImageRef("localhost:5000/app", "1.2"));
        assertThat(ImageRef.parse("GHCR.io/BuoyantIO/faces-gui:2.0.0").repository()).isEqualTo("ghcr.io/buoyantio/faces-gui");
    }

    @Test
    void builtinAppsMatchAnyTagOfTheirRepositoriesOnly() {
        try (BuiltinApps apps = BuiltinApps.standard(Clock.systemUTC(), new Random(1))) {
            assertThat(apps.forImage("ghcr.io/buoyantio/faces-service:2.0.0")).isPresent();
            assertThat(apps.forImage("dwflynn/faces-gui:0.8.0")).isPresent();
            assertThat(apps.forImage("ghcr.io/stefanprodan/podinfo:6.5.0")).isPresent();
            assertThat(apps.forImage("docker.io/stefanprodan/podinfo")).isPresent();
            assertThat(apps.forImage("ghcr.io/stefanprodan/podinfo-other:1")).isEmpty();
            assertThat(apps.forImage("nginx:1.27")).isEmpty();
        }
    }
}
