package dev.sluice.cluster.embedded;

import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.testkit.ManualClock;
import java.util.SplittableRandom;

/** Objects and stores for the embedded store's tests. */
final class Fixtures {

    static final GroupKind CONFIG_MAP = new GroupKind("", "ConfigMap");
    static final GroupKind DEPLOYMENT = new GroupKind("apps", "Deployment");
    static final GroupKind NAMESPACE = new GroupKind("", "Namespace");

    private Fixtures() {
    }

    static EmbeddedCluster memoryStore(ManualClock clock) {
        return EmbeddedCluster.builder().clock(clock).random(new SplittableRandom(7)).build();
    }

    static KubeObject yaml(String text) {
        return KubeObject.parse(text);
    }

    static KubeObject namespace(String name) {
        return yaml("{apiVersion: v1, kind: Namespace, metadata: {name: " + name + "}}");
    }

    static KubeObject configMap(String ns, String name, String data) {
        return yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: " + name + ", namespace: " + ns + "}, data: "
                + data + "}");
    }

    static KubeObject deployment(String ns, String name, int replicas) {
        return yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %s, namespace: %s, labels: {app: %s}}
                spec:
                  replicas: %d
                  template:
                    spec:
                      containers: [{name: app, image: "app:1"}]
                """.formatted(name, ns, name, replicas));
    }

    /** A ConfigMap owned by {@code owner}. */
    static KubeObject dependent(KubeObject owner, String name, boolean blockOwnerDeletion) {
        return yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                  namespace: %s
                  ownerReferences:
                  - {apiVersion: %s, kind: %s, name: %s, uid: %s, blockOwnerDeletion: %s}
                """.formatted(name, owner.namespace().isEmpty() ? "default" : owner.namespace(), owner.apiVersion(),
                owner.kind(), owner.name(), owner.uid(), blockOwnerDeletion));
    }

    static ObjectKey cm(String ns, String name) {
        return new ObjectKey(CONFIG_MAP, ns, name);
    }

    static ObjectKey deploy(String ns, String name) {
        return new ObjectKey(DEPLOYMENT, ns, name);
    }
}
