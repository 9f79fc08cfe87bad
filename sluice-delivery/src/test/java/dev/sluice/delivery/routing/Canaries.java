package dev.sluice.delivery.routing;

import dev.sluice.api.KubeObject;
import dev.sluice.api.flagger.Canary;
import dev.sluice.api.flagger.CanaryKindModel;

/** Canary fixtures for router tests. */
public final class Canaries {

    private Canaries() {
    }

    public static Canary parse(String yaml) {
        return new CanaryKindModel().parse(KubeObject.parse(yaml)).value();
    }

    /** Stores the Canary (routers read its uid for owner references) and returns its typed view. */
    public static Canary store(TestCluster cluster, String yaml) {
        cluster.put(yaml);
        return parse(yaml);
    }

    /** podinfo in namespace test, port 9898, the given extra spec lines and analysis lines. */
    public static String podinfo(String provider, String service, String analysis) {
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
                """.formatted(provider) + service.indent(4) + """
                  analysis:
                    interval: 1m
                    threshold: 5
                """ + analysis.indent(4);
    }
}
