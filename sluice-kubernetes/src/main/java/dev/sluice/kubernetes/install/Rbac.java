package dev.sluice.kubernetes.install;

import dev.sluice.api.KubeObject;
import dev.sluice.api.Yaml;
import java.util.ArrayList;
import java.util.List;

/**
 * The controller's RBAC, least privilege first. Every rule is explained in docs/kubernetes.md
 * ("RBAC, rule by rule"); keep the two in step. Pure.
 */
final class Rbac {

    static final String ACCOUNT = "sluice-controller";
    static final String TOOLKIT_GROUPS = "[source.toolkit.fluxcd.io, kustomize.toolkit.fluxcd.io, helm.toolkit.fluxcd.io,"
            + " notification.toolkit.fluxcd.io, flagger.app]";
    private static final String ALL_VERBS = "[get, list, watch, create, update, patch, delete]";

    private Rbac() {
    }

    static List<KubeObject> objects(InstallOptions o) {
        List<KubeObject> out = new ArrayList<>();
        out.add(parse(clusterRole(o)));
        out.add(parse(binding("ClusterRoleBinding", ACCOUNT, "", "ClusterRole", ACCOUNT, o)));
        out.add(parse(leaseRole(o)));
        out.add(parse(binding("RoleBinding", "sluice-leader-election", o.namespace(), "Role", "sluice-leader-election", o)));
        if (o.clusterAdmin()) {
            out.add(parse(binding("ClusterRoleBinding", "sluice-cluster-reconciler", "", "ClusterRole", "cluster-admin", o)));
        }
        return out;
    }

    private static String clusterRole(InstallOptions o) {
        return """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata:
                  name: sluice-controller
                  labels: %s
                rules:
                - apiGroups: %s
                  resources: ["*"]
                  verbs: [get, list, watch, update, patch]
                - apiGroups: %s
                  resources: ["*/status"]
                  verbs: [get, update, patch]
                - apiGroups: %s
                  resources: ["*/finalizers"]
                  verbs: [update]
                - apiGroups: [events.k8s.io]
                  resources: [events]
                  verbs: [create, patch, get, list, watch]
                - apiGroups: [""]
                  resources: [namespaces]
                  verbs: [get, list, watch]
                - apiGroups: [""]
                  resources: [secrets, configmaps]
                  verbs: %s
                - apiGroups: [""]
                  resources: [services]
                  verbs: %s
                - apiGroups: [apps]
                  resources: [deployments, daemonsets]
                  verbs: %s
                - apiGroups: [autoscaling]
                  resources: [horizontalpodautoscalers]
                  verbs: %s
                - apiGroups: [split.smi-spec.io]
                  resources: [trafficsplits]
                  verbs: %s
                - apiGroups: [gateway.networking.k8s.io]
                  resources: [httproutes]
                  verbs: %s
                - apiGroups: [networking.k8s.io]
                  resources: [ingresses]
                  verbs: %s
                - apiGroups: [networking.istio.io]
                  resources: [virtualservices, destinationrules]
                  verbs: %s
                - apiGroups: [apiextensions.k8s.io]
                  resources: [customresourcedefinitions]
                  verbs: [get, list, watch]
                - apiGroups: [""]
                  resources: [serviceaccounts]
                  verbs: [impersonate]
                """.formatted(InstallManifests.labels(o), TOOLKIT_GROUPS, TOOLKIT_GROUPS, TOOLKIT_GROUPS,
                ALL_VERBS, ALL_VERBS, ALL_VERBS, ALL_VERBS, ALL_VERBS, ALL_VERBS, ALL_VERBS, ALL_VERBS);
    }

    private static String leaseRole(InstallOptions o) {
        return """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata:
                  name: sluice-leader-election
                  namespace: %s
                  labels: %s
                rules:
                - apiGroups: [coordination.k8s.io]
                  resources: [leases]
                  verbs: [get, create, update]
                """.formatted(o.namespace(), InstallManifests.labels(o));
    }

    private static String binding(String kind, String name, String namespace, String roleKind, String role, InstallOptions o) {
        return """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: %s
                metadata:
                  name: %s
                  %s
                  labels: %s
                roleRef:
                  apiGroup: rbac.authorization.k8s.io
                  kind: %s
                  name: %s
                subjects:
                - kind: ServiceAccount
                  name: %s
                  namespace: %s
                """.formatted(kind, name, namespace.isEmpty() ? "" : "namespace: " + namespace, InstallManifests.labels(o),
                roleKind, role, ACCOUNT, o.namespace());
    }

    private static KubeObject parse(String yaml) {
        return KubeObject.of(Yaml.readOne(yaml, "install manifests").content());
    }
}
