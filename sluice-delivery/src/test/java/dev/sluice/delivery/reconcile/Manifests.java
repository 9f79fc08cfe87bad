package dev.sluice.delivery.reconcile;

/** The podinfo app and its Canaries, as a GitOps repository would hold them. */
final class Manifests {

    private Manifests() {
    }

    static String deployment(String image) {
        return deployment("podinfo", image, "");
    }

    /** A Deployment selecting {@code app: <name>}; {@code podSpecExtra} is added under the pod spec. */
    static String deployment(String name, String image, String podSpecExtra) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                  namespace: test
                  labels:
                    app: %1$s
                    kustomize.toolkit.fluxcd.io/name: apps
                spec:
                  selector:
                    matchLabels:
                      app: %1$s
                  template:
                    metadata:
                      labels:
                        app: %1$s
                      annotations:
                        prometheus.io/scrape: "true"
                    spec:
                      containers:
                        - name: podinfod
                          image: %2$s
                          ports:
                            - name: http
                              containerPort: 9898
                """.formatted(name, image) + podSpecExtra.indent(6);
    }

    /** A Canary of podinfo with the given provider, extra spec lines and analysis. */
    static String canary(String provider, String spec, String analysis) {
        return """
                apiVersion: flagger.app/v1beta1
                kind: Canary
                metadata:
                  name: podinfo
                  namespace: test
                spec:
                  provider: %s
                  targetRef:
                    apiVersion: apps/v1
                    kind: Deployment
                    name: podinfo
                  service:
                    port: 9898
                """.formatted(provider) + spec.indent(2) + "  analysis:\n" + analysis.indent(4);
    }

    /** The usual progressive canary: 25% steps up to 50%, success rate and latency checks, threshold 2. */
    static final String PROGRESSIVE = """
            interval: 10s
            threshold: 2
            maxWeight: 50
            stepWeight: 25
            metrics:
              - name: request-success-rate
                thresholdRange:
                  min: 99
                interval: 1m
              - name: request-duration
                thresholdRange:
                  max: 500
                interval: 1m
            """;

    /** A DaemonSet selecting {@code app: agent}. */
    static String daemonSet(String image) {
        return """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: agent
                  namespace: test
                spec:
                  selector:
                    matchLabels:
                      app: agent
                  template:
                    metadata:
                      labels:
                        app: agent
                    spec:
                      nodeSelector:
                        kubernetes.io/os: linux
                      containers:
                        - name: agent
                          image: %s
                """.formatted(image);
    }
}
