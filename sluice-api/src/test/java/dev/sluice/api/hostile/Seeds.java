package dev.sluice.api.hostile;

/** Real documents the property tests mutate: the kinds of the contract, in the styles users write. */
final class Seeds {

    static final String CANARY = """
            apiVersion: flagger.app/v1beta1
            kind: Canary
            metadata:
              name: podinfo
              namespace: test
              labels: {app: podinfo}
            spec:
              provider: linkerd
              targetRef: {apiVersion: apps/v1, kind: Deployment, name: podinfo}
              progressDeadlineSeconds: 60
              service:
                port: 9898
                targetPort: 9898
              analysis:
                interval: 30s
                threshold: 5
                maxWeight: 50
                stepWeight: 10
                metrics:
                - name: request-success-rate
                  thresholdRange: {min: 99}
                  interval: 1m
                webhooks:
                - name: load-test
                  url: http://flagger-loadtester.test/
                  metadata:
                    cmd: "hey -z 1m -q 10 -c 2 http://podinfo-canary.test:9898/"
            """;

    static final String KUSTOMIZATION = """
            ---
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata: {name: apps, namespace: flux-system}
            spec:
              interval: 10m
              path: ./apps
              prune: true
              sourceRef: {kind: GitRepository, name: flux-system}
              dependsOn: [{name: infrastructure}]
              postBuild:
                substitute: {cluster_env: prod}
              patches:
                - patch: |
                    - op: replace
                      path: /spec/replicas
                      value: 2
                  target: {kind: Deployment, labelSelector: "app in (a,b)"}
            ---
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: GitRepository
            metadata: {name: flux-system, namespace: flux-system}
            spec: {interval: 1m, url: "https://github.com/example/fleet", ref: {branch: main}}
            """;

    static final String ANCHORS = """
            defaults: &d {interval: 5m, prune: true}
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata: {name: a, namespace: flux-system}
            spec:
              <<: *d
              sourceRef: {kind: GitRepository, name: s}
              description: >
                folded
                text
            """;

    static final String JSON = """
            {"apiVersion": "helm.toolkit.fluxcd.io/v2", "kind": "HelmRelease",
             "metadata": {"name": "podinfo", "namespace": "apps"},
             "spec": {"interval": "10m", "chart": {"spec": {"chart": "podinfo",
               "sourceRef": {"kind": "HelmRepository", "name": "podinfo"}}}, "values": {"replicaCount": 2}}}
            """;

    static final String[] ALL = {CANARY, KUSTOMIZATION, ANCHORS, JSON};

    private Seeds() {
    }
}
