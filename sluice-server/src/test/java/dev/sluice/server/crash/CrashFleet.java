package dev.sluice.server.crash;

import java.util.ArrayList;
import java.util.List;

/**
 * The rollouts of the crash harness: {@code size} Canaries on the built-in apps in namespace
 * {@value #NS}, as Git holds them. Revision 1 (all healthy) initializes them; revision 2 changes every
 * Deployment, healthy for those that must promote and answering 500 to every request
 * ({@code ERROR_FRACTION=100}) for those that must roll back, so each outcome is decided by the
 * workload and not by timing: a healthy canary's success rate is 100 %, a broken one's 0 %.
 */
record CrashFleet(int size) {

    static final String NS = "crash";
    /**
     * Failed checks before a rollback. A restart costs a canary in analysis 1 to 3 checks (the mesh's
     * metric history restarts empty: 14 were seen after 6 kills), so with at most 5 kills per release a
     * healthy canary stays below it.
     */
    static final int THRESHOLD = 20;
    static final String PROMOTED = "Succeeded";
    static final String ROLLED_BACK = "Failed";

    enum App { FACES_GOOD, PODINFO_GOOD, FACES_BAD }

    record Rollout(String name, App app) {
        String expectedPhase() {
            return app == App.FACES_BAD ? ROLLED_BACK : PROMOTED;
        }

        boolean mustPromote() {
            return app != App.FACES_BAD;
        }
    }

    /** Two in five roll back; of those that promote, one in three is podinfo. */
    List<Rollout> rollouts() {
        List<Rollout> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            App app = i % 5 == 1 || i % 5 == 3 ? App.FACES_BAD : i % 3 == 0 ? App.PODINFO_GOOD : App.FACES_GOOD;
            out.add(new Rollout("%s-%03d".formatted(app == App.PODINFO_GOOD ? "podinfo" : "faces", i), app));
        }
        return out;
    }

    /** The files of {@code ./apps} at a revision (1 = initial, 2 = the release under test). */
    List<String[]> files(int revision) {
        List<String[]> files = new ArrayList<>();
        files.add(new String[] {"apps/namespace.yaml", """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: %s
                ---
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: flagger-system
                """.formatted(NS)});
        files.add(new String[] {"apps/loadtester.yaml", LOADTESTER});
        for (Rollout r : rollouts()) {
            files.add(new String[] {"apps/" + r.name() + ".yaml", deployment(r, revision) + "---\n" + canary(r)});
        }
        return files;
    }

    private static String deployment(Rollout r, int revision) {
        boolean podinfo = r.app() == App.PODINFO_GOOD;
        String errors = revision >= 2 && r.app() == App.FACES_BAD ? "100" : "0";
        String image = podinfo ? "ghcr.io/stefanprodan/podinfo:6.9." + revision : "ghcr.io/buoyantio/faces-service:2.0." + revision;
        int port = podinfo ? 9898 : 8000;
        String env = podinfo ? "" : """
                          env:
                            - name: FACES_SERVICE
                              value: "smiley"
                            - name: ERROR_FRACTION
                              value: "%s"
                """.formatted(errors);
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                  namespace: %2$s
                  labels:
                    app: %1$s
                spec:
                  replicas: 1
                  selector:
                    matchLabels:
                      app: %1$s
                  template:
                    metadata:
                      labels:
                        app: %1$s
                      annotations:
                        release: "r%3$d"
                    spec:
                      containers:
                        - name: app
                          image: %4$s
                          ports:
                            - containerPort: %5$d
                              name: http
                %6$s""".formatted(r.name(), NS, revision, image, port, env);
    }

    private static String canary(Rollout r) {
        return """
                apiVersion: flagger.app/v1beta1
                kind: Canary
                metadata:
                  name: %1$s
                  namespace: %2$s
                spec:
                  provider: linkerd
                  targetRef:
                    apiVersion: apps/v1
                    kind: Deployment
                    name: %1$s
                  progressDeadlineSeconds: 600
                  service:
                    port: 80
                    targetPort: http
                  analysis:
                    interval: 1s
                    threshold: %3$d
                    maxWeight: 50
                    stepWeight: 25
                    metrics:
                      - name: request-success-rate
                        thresholdRange:
                          min: 90
                        interval: 10s
                    webhooks:
                      - name: load-test
                        type: rollout
                        url: http://flagger-loadtester.flagger-system/
                        metadata:
                          cmd: "hey -z 10m -q 4 -c 1 http://%1$s-canary.%2$s/"
                """.formatted(r.name(), NS, THRESHOLD);
    }

    private static final String LOADTESTER = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: flagger-loadtester
              namespace: flagger-system
              labels:
                app: flagger-loadtester
            spec:
              replicas: 1
              selector:
                matchLabels:
                  app: flagger-loadtester
              template:
                metadata:
                  labels:
                    app: flagger-loadtester
                spec:
                  containers:
                    - name: loadtester
                      image: ghcr.io/fluxcd/flagger-loadtester:0.35.0
                      ports:
                        - name: http
                          containerPort: 8080
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: flagger-loadtester
              namespace: flagger-system
            spec:
              selector:
                app: flagger-loadtester
              ports:
                - name: http
                  port: 80
                  targetPort: http
            """;
}
