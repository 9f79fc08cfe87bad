package dev.sluice.helm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Charts made by the tests: a podinfo-like chart (Deployment, Service, a test hook Pod) and a tiny packager. */
public final class TestCharts {

    private TestCharts() {
    }

    /** The files of a chart named {@code name} at {@code version}, by path relative to the chart root. */
    public static Map<String, String> podinfo(String name, String version) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("Chart.yaml", "apiVersion: v2\nname: " + name + "\nversion: " + version + "\nappVersion: \"" + version + "\"\n");
        f.put("values.yaml", """
                replicaCount: 1
                image:
                  repository: ghcr.io/stefanprodan/podinfo
                  tag: 6.0.3
                service:
                  port: 9898
                message: hello
                """);
        f.put("templates/deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: {{ .Release.Name }}
                  labels:
                    app: {{ .Release.Name }}
                spec:
                  replicas: {{ .Values.replicaCount }}
                  selector:
                    matchLabels:
                      app: {{ .Release.Name }}
                  template:
                    metadata:
                      labels:
                        app: {{ .Release.Name }}
                    spec:
                      containers:
                        - name: podinfo
                          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
                          env:
                            - name: PODINFO_UI_MESSAGE
                              value: {{ .Values.message | quote }}
                """);
        f.put("templates/service.yaml", """
                apiVersion: v1
                kind: Service
                metadata:
                  name: {{ .Release.Name }}
                spec:
                  selector:
                    app: {{ .Release.Name }}
                  ports:
                    - port: {{ .Values.service.port }}
                """);
        f.put("templates/tests/grpc.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: {{ .Release.Name }}-grpc-test
                  annotations:
                    "helm.sh/hook": test
                spec:
                  restartPolicy: Never
                  containers:
                    - name: grpc
                      image: ghcr.io/stefanprodan/podinfo:6.0.3
                      command: ["grpc_health_probe", "-addr={{ .Release.Name }}:9999"]
                """);
        return f;
    }

    /** {@code <name>-<version>.tgz}: the files under a top directory named after the chart. */
    public static byte[] pack(String dir, Map<String, String> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            for (Map.Entry<String, String> e : files.entrySet()) {
                byte[] content = e.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(dir + "/" + e.getKey());
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
