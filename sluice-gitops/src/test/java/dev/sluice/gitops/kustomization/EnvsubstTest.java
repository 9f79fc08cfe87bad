package dev.sluice.gitops.kustomization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.KubeObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvsubstTest {

    private static final Map<String, String> VARS = Map.of("NAME", "podinfo", "EMPTY", "", "REPLICAS", "3",
            "IMAGE", "ghcr.io/stefanprodan/podinfo:6.0.3", "cluster_env", "prod");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "${NAME}|podinfo",
            "app-${NAME}-svc|app-podinfo-svc",
            "${MISSING:=fallback}|fallback",
            "${EMPTY:=fallback}|fallback",
            "${EMPTY:-fallback}|fallback",
            "${EMPTY=fallback}|''",
            "${MISSING-x}|x",
            "${NAME:=fallback}|podinfo",
            "${NAME:0:3}|pod",
            "${NAME:3}|info",
            "${#NAME}|7",
            "${NAME^}|Podinfo",
            "${NAME^^}|PODINFO",
            "${cluster_env/prod/production}|production",
            "${IMAGE//o/0}|ghcr.i0/stefanpr0dan/p0dinf0:6.0.3",
            "${IMAGE#ghcr.io/}|stefanprodan/podinfo:6.0.3",
            "${IMAGE%:6.0.3}|ghcr.io/stefanprodan/podinfo",
            "$NAME stays|$NAME stays",
            "$${NAME} is escaped|${NAME} is escaped",
            "${MISSING:=${NAME}-default}|podinfo-default"})
    void substitutesLikeFlux(String text, String expected) {
        assertThat(Envsubst.eval(text, VARS)).isEqualTo(expected);
    }

    @Test
    void anUndefinedVariableWithoutDefaultIsAnErrorNamingIt() {
        assertThatThrownBy(() -> Envsubst.eval("image: ${TAG}", VARS))
                .isInstanceOf(Envsubst.SubstitutionException.class)
                .hasMessageContaining("'TAG' is not defined");
    }

    @ParameterizedTest
    @CsvSource({"'${NAME:?required}'", "'${NAME:+alt}'", "'${NAME+alt}'"})
    void unsupportedFormsAreRefusedWithTheAlternative(String text) {
        assertThatThrownBy(() -> Envsubst.eval(text, VARS))
                .isInstanceOf(Envsubst.SubstitutionException.class)
                .hasMessageContaining("not supported");
    }

    @Test
    void anUnclosedReferenceIsAnError() {
        assertThatThrownBy(() -> Envsubst.eval("${NAME", VARS)).hasMessageContaining("unclosed");
    }

    @Test
    void postBuildGivesSubstitutedScalarsTheirYamlType() {
        KubeObject d = KubeObject.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: "${NAME}"}
                spec:
                  replicas: ${REPLICAS}
                  paused: "${MISSING:=false}"
                  template:
                    spec:
                      containers:
                      - {name: app, image: "${IMAGE}", args: ["--env=${cluster_env}", "a: ${NAME}"]}
                """);
        KubeObject out = PostBuild.substitute(List.of(d), VARS).get(0);
        assertThat(out.name()).isEqualTo("podinfo");
        assertThat(out.at("/spec/replicas").isInt()).isTrue();
        assertThat(out.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(out.at("/spec/paused").isBoolean()).isTrue();
        assertThat(out.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("ghcr.io/stefanprodan/podinfo:6.0.3");
        assertThat(out.at("/spec/template/spec/containers/0/args/1").asText()).isEqualTo("a: podinfo");
    }

    @Test
    void objectsThatOptOutAreLeftAlone() {
        KubeObject cm = KubeObject.parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: script
                  annotations: {kustomize.toolkit.fluxcd.io/substitute: disabled}
                data: {run.sh: "echo ${HOME}"}
                """);
        assertThat(PostBuild.substitute(cm, VARS)).isEqualTo(cm);
    }

    @Test
    void errorsNameTheObject() {
        KubeObject cm = KubeObject.parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: apps}\ndata: {a: '${NOPE}'}\n");
        assertThatThrownBy(() -> PostBuild.substitute(cm, VARS))
                .hasMessageContaining("ConfigMap/apps/c")
                .hasMessageContaining("'NOPE'");
    }
}
