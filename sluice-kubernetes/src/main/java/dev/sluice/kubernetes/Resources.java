package dev.sluice.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.DeleteOptions;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extension.ExtensibleResource;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** fabric8 DSL plumbing for generic resources, in one place. */
final class Resources {

    private Resources() {
    }

    static Resource<GenericKubernetesResource> resource(KubernetesClient client, ResourceDefinitionContext ctx, ObjectKey key) {
        MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> op =
                client.genericKubernetesResources(ctx);
        return ctx.isNamespaceScoped() ? op.inNamespace(key.namespace()).withName(key.name()) : op.withName(key.name());
    }

    /** The collection in one namespace, or in all ("" or a cluster-scoped kind). */
    static NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            collection(KubernetesClient client, ResourceDefinitionContext ctx, String namespace) {
        MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> op =
                client.genericKubernetesResources(ctx);
        if (!ctx.isNamespaceScoped()) {
            return op;
        }
        return namespace.isEmpty() ? narrow(op.inAnyNamespace()) : op.inNamespace(namespace);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            narrow(Object anyNamespace) {
        // inAnyNamespace() is typed as a filterable list; the operation behind it is the same collection.
        return (NonNamespaceOperation) anyNamespace;
    }

    /** @return false when there was nothing to delete */
    @SuppressWarnings("unchecked")
    static boolean delete(KubernetesClient client, ResourceDefinitionContext ctx, ObjectKey key, DeleteOptions options) {
        DeletionPropagation policy = switch (options.propagation()) {
            case FOREGROUND -> DeletionPropagation.FOREGROUND;
            case ORPHAN -> DeletionPropagation.ORPHAN;
            case BACKGROUND -> DeletionPropagation.BACKGROUND;
        };
        Resource<GenericKubernetesResource> r = resource(client, ctx, key);
        if (!options.preconditionResourceVersion().isEmpty()) {
            // The DSL types lockResourceVersion() narrowly; the operation it returns takes a policy too.
            ExtensibleResource<GenericKubernetesResource> locked =
                    (ExtensibleResource<GenericKubernetesResource>) r.lockResourceVersion(options.preconditionResourceVersion());
            return !locked.withPropagationPolicy(policy).delete().isEmpty();
        }
        return !r.withPropagationPolicy(policy).delete().isEmpty();
    }

    /** Equal but for the bookkeeping a write changes (resourceVersion, managedFields, generation). */
    static boolean sameContent(KubeObject a, KubeObject b) {
        return strip(a).equals(strip(b));
    }

    private static ObjectNode strip(KubeObject o) {
        ObjectNode n = o.toNode();
        if (n.get("metadata") instanceof ObjectNode meta) {
            meta.remove("resourceVersion");
            meta.remove("managedFields");
            meta.remove("generation");
        }
        return n;
    }
}
