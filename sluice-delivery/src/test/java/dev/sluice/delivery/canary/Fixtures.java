package dev.sluice.delivery.canary;

/** Canaries of Flagger's scheduler tests, as YAML. */
final class Fixtures {

    private Fixtures() {
    }

    /** Flagger's newDeploymentTestCanary: podinfo, HPA, stepWeight 10, maxWeight 50, threshold 10. */
    static String deployment(String analysis) {
        return """
                apiVersion: flagger.app/v1beta1
                kind: Canary
                metadata:
                  name: podinfo
                  namespace: default
                spec:
                  targetRef:
                    apiVersion: apps/v1
                    kind: Deployment
                    name: podinfo
                  autoscalerRef:
                    apiVersion: autoscaling/v2
                    kind: HorizontalPodAutoscaler
                    name: podinfo
                  service:
                    port: 9898
                  analysis:
                """ + analysis.indent(4);
    }

    static final String DEFAULT_ANALYSIS = """
            interval: 1m
            threshold: 10
            stepWeight: 10
            maxWeight: 50
            metrics:
              - name: request-success-rate
                threshold: 99
                interval: 1m
              - name: request-duration
                thresholdRange: {min: 0, max: 500000}
                interval: 1m
              - name: custom
                thresholdRange: {min: 0, max: 100}
                interval: 1m
                templateRef: {name: envoy, namespace: default}
            """;

    static String deployment() {
        return deployment(DEFAULT_ANALYSIS);
    }

    /** Flagger's newTestServiceCanary family: a Service target, weights as given. */
    static String service(String traffic) {
        return """
                apiVersion: flagger.app/v1beta1
                kind: Canary
                metadata:
                  name: podinfo
                  namespace: default
                spec:
                  targetRef:
                    apiVersion: core/v1
                    kind: Service
                    name: podinfo
                  service:
                    port: 9898
                  analysis:
                    interval: 1m
                    threshold: 10
                """ + traffic.indent(4) + """
                    metrics:
                      - name: request-success-rate
                        threshold: 99
                        interval: 1m
                      - name: request-duration
                        threshold: 500000
                        interval: 1m
                """;
    }
}
