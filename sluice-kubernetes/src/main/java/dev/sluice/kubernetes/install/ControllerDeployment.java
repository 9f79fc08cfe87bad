package dev.sluice.kubernetes.install;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The controller Deployment: flags, probes, hardened security context, scratch volumes. Pure. */
final class ControllerDeployment {

    private ControllerDeployment() {
    }

    /** The container's arguments, in the order {@code sluice controller --help} lists them. */
    static List<String> args(InstallOptions o) {
        List<String> a = new ArrayList<>();
        a.add("controller");
        if (o.leaderElect()) {
            a.add("--leader-elect");
        }
        a.add("--concurrent=" + o.concurrent());
        a.add("--log-format=" + o.logFormat());
        if (!o.watchLabelSelector().isEmpty()) {
            a.add("--watch-label-selector=" + o.watchLabelSelector());
        }
        a.add("--kube-api-qps=" + String.format(Locale.ROOT, "%s", trim(o.qps())));
        a.add("--kube-api-burst=" + o.burst());
        a.add("--metrics-addr=:" + InstallManifests.METRICS_PORT);
        a.add("--health-addr=:" + InstallManifests.HEALTH_PORT);
        a.add("--receiver-addr=:" + InstallManifests.RECEIVER_PORT);
        a.add("--cache-dir=/var/cache/sluice");
        return a;
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    static String yaml(InstallOptions o) {
        StringBuilder args = new StringBuilder();
        for (String a : args(o)) {
            args.append("        - \"").append(a.replace("\"", "\\\"")).append("\"\n");
        }
        InstallOptions.ContainerResources r = o.resources();
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: sluice-controller
                  namespace: %s
                  labels: %s
                spec:
                  replicas: %d
                  selector:
                    matchLabels: {app.kubernetes.io/name: sluice, app.kubernetes.io/component: controller}
                  template:
                    metadata:
                      labels: {app.kubernetes.io/name: sluice, app.kubernetes.io/component: controller}
                    spec:
                      serviceAccountName: sluice-controller
                      terminationGracePeriodSeconds: 60
                      securityContext:
                        runAsNonRoot: true
                        runAsUser: 65532
                        runAsGroup: 65532
                        fsGroup: 65532
                        seccompProfile: {type: RuntimeDefault}
                      containers:
                      - name: controller
                        image: %s
                        imagePullPolicy: IfNotPresent
                        args:
                %s        env:
                        - name: RUNTIME_NAMESPACE
                          valueFrom: {fieldRef: {fieldPath: metadata.namespace}}
                        - name: POD_NAME
                          valueFrom: {fieldRef: {fieldPath: metadata.name}}
                        - name: JAVA_TOOL_OPTIONS
                          value: "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp"
                        ports:
                        - {name: http-prom, containerPort: %d, protocol: TCP}
                        - {name: healthz, containerPort: %d, protocol: TCP}
                        - {name: http-webhook, containerPort: %d, protocol: TCP}
                        livenessProbe:
                          httpGet: {path: /healthz, port: healthz}
                          initialDelaySeconds: 10
                          periodSeconds: 10
                        readinessProbe:
                          httpGet: {path: /readyz, port: healthz}
                          periodSeconds: 5
                        resources:
                          requests: {cpu: %s, memory: %s}
                          limits: {cpu: %s, memory: %s}
                        securityContext:
                          allowPrivilegeEscalation: false
                          readOnlyRootFilesystem: true
                          runAsNonRoot: true
                          capabilities: {drop: [ALL]}
                          seccompProfile: {type: RuntimeDefault}
                        volumeMounts:
                        - {name: tmp, mountPath: /tmp}
                        - {name: cache, mountPath: /var/cache/sluice}
                      volumes:
                      - {name: tmp, emptyDir: {}}
                      - {name: cache, emptyDir: {}}
                """.formatted(o.namespace(), InstallManifests.labels(o), o.replicas(), o.image(), args,
                InstallManifests.METRICS_PORT, InstallManifests.HEALTH_PORT, InstallManifests.RECEIVER_PORT,
                r.cpuRequest(), r.memoryRequest(), r.cpuLimit(), r.memoryLimit());
    }
}
