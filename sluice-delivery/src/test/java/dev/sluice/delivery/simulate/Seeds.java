package dev.sluice.delivery.simulate;

/** The Canaries of the seeds' gitops-linkerd workshop (apps/faces/faces-canary.yaml, faces-abtest.yaml). */
final class Seeds {

    private Seeds() {
    }

    static final String FACE = """
            ---
            apiVersion: flagger.app/v1beta1
            kind: Canary
            metadata:
              name: face
              namespace: faces
            spec:
              provider: linkerd
              targetRef:
                apiVersion: apps/v1
                kind: Deployment
                name: face
              progressDeadlineSeconds: 60
              service:
                port: 80
                targetPort: http
              analysis:
                interval: 10s
                threshold: 3
                maxWeight: 50
                stepWeight: 5
                metrics:
                  - name: request-success-rate
                    thresholdRange:
                      min: 70
                    interval: 1m
                webhooks:
                  - name: load-test
                    type: rollout
                    url: http://flagger-loadtester.flagger-system/
                    metadata:
                      cmd: "hey -z 2m -q 10 -c 2 http://face-canary.faces/"
            """;

    static final String FACES_GUI = """
            apiVersion: flagger.app/v1beta1
            kind: Canary
            metadata:
              name: faces-gui
              namespace: faces
            spec:
              provider: nginx
              targetRef:
                apiVersion: apps/v1
                kind: Deployment
                name: faces-gui
              ingressRef:
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                name: faces-gui
              progressDeadlineSeconds: 60
              service:
                port: 80
                targetPort: http
              analysis:
                interval: 10s
                threshold: 3
                iterations: 10
                # A/B test routing
                match:
                  - headers:
                      x-faces-user:
                        exact: "testuser"
                metrics:
                  - name: request-success-rate
                    thresholdRange:
                      min: 70
                    interval: 1m
                webhooks:
                  - name: load-test
                    type: rollout
                    url: http://flagger-loadtester.flagger-system/
                    metadata:
                      cmd: "hey -z 2m -q 10 -c 2 -H 'x-faces-user: testuser' -host faces-gui.faces.sslip.io http://ingress-nginx-controller.ingress-nginx"
                  - name: load-test-primary
                    type: rollout
                    url: http://flagger-loadtester.flagger-system/
                    metadata:
                      cmd: "hey -z 2m -q 10 -c 2 -H 'x-faces-user: normaluser' -host faces-gui.faces.sslip.io http://ingress-nginx-controller.ingress-nginx"
            """;
}
