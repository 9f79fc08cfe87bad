package dev.sluice.api.meta;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The reference records of Flux's {@code meta} package and kustomize's selector, shared by many
 * kinds. Each has a {@code from} reading a (validated) tree.
 */
public final class References {

    private References() {
    }

    /** A reference to an object in the same namespace, usually a Secret: {@code secretRef: {name: x}}. */
    public record LocalObjectReference(String name) {

        public static LocalObjectReference from(JsonNode n) {
            return new LocalObjectReference(Nodes.text(n, "name"));
        }
    }

    /** {@code {name, namespace}}; the namespace is "" when it defaults to the referrer's. */
    public record NamespacedObjectReference(String name, String namespace) {

        public static NamespacedObjectReference from(JsonNode n) {
            return new NamespacedObjectReference(Nodes.text(n, "name"), Nodes.text(n, "namespace"));
        }

        /** The namespace, defaulting to {@code own}. */
        public String namespaceOr(String own) {
            return namespace.isEmpty() ? own : namespace;
        }
    }

    /** {@code {apiVersion, kind, name, namespace}}, as in health checks. */
    public record NamespacedObjectKindReference(String apiVersion, String kind, String name, String namespace) {

        public static NamespacedObjectKindReference from(JsonNode n) {
            return new NamespacedObjectKindReference(Nodes.text(n, "apiVersion"), Nodes.text(n, "kind"),
                    Nodes.text(n, "name"), Nodes.text(n, "namespace"));
        }

        public String namespaceOr(String own) {
            return namespace.isEmpty() ? own : namespace;
        }
    }

    /** A source reference such as Kustomization's {@code sourceRef}. */
    public record CrossNamespaceSourceReference(String apiVersion, String kind, String name, String namespace) {

        public static CrossNamespaceSourceReference from(JsonNode n) {
            return new CrossNamespaceSourceReference(Nodes.text(n, "apiVersion"), Nodes.text(n, "kind"),
                    Nodes.text(n, "name"), Nodes.text(n, "namespace"));
        }

        public String namespaceOr(String own) {
            return namespace.isEmpty() ? own : namespace;
        }
    }

    /** A dependency: another object of the same kind that must be ready first. */
    public record DependencyReference(String name, String namespace, String readyExpr) {

        public static DependencyReference from(JsonNode n) {
            return new DependencyReference(Nodes.text(n, "name"), Nodes.text(n, "namespace"), Nodes.text(n, "readyExpr"));
        }

        public String namespaceOr(String own) {
            return namespace.isEmpty() ? own : namespace;
        }
    }

    /** A kubeconfig in a Secret (key defaults to value or value.yaml) or a ConfigMap. */
    public record KubeConfigReference(String secretName, String secretKey, String configMapName) {

        public static KubeConfigReference from(JsonNode n) {
            return new KubeConfigReference(Nodes.text(n.path("secretRef"), "name"), Nodes.text(n.path("secretRef"), "key"),
                    Nodes.text(n.path("configMapRef"), "name"));
        }
    }

    /** Labels and annotations added to every object (Flux's {@code commonMetadata}). */
    public record CommonMetadata(java.util.Map<String, String> labels, java.util.Map<String, String> annotations) {

        public static CommonMetadata from(JsonNode n) {
            return new CommonMetadata(Nodes.stringMap(n, "labels"), Nodes.stringMap(n, "annotations"));
        }
    }

    /** A CEL health check for a custom kind. */
    public record CustomHealthCheck(String apiVersion, String kind, String current, String inProgress, String failed) {

        public static CustomHealthCheck from(JsonNode n) {
            return new CustomHealthCheck(Nodes.text(n, "apiVersion"), Nodes.text(n, "kind"), Nodes.text(n, "current"),
                    Nodes.text(n, "inProgress"), Nodes.text(n, "failed"));
        }
    }
}
