package dev.sluice.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kinds Sluice knows: Kubernetes built-ins it works with, the Flux and Flagger kinds of the
 * compatibility contract (DESIGN.md) and the traffic kinds it writes. Custom kinds learned from
 * CustomResourceDefinitions can be added at run time. Thread-safe.
 */
public final class ResourceTypes {

    public static final String SOURCE = "source.toolkit.fluxcd.io";
    public static final String KUSTOMIZE = "kustomize.toolkit.fluxcd.io";
    public static final String HELM = "helm.toolkit.fluxcd.io";
    public static final String NOTIFICATION = "notification.toolkit.fluxcd.io";
    public static final String FLAGGER = "flagger.app";

    private final Map<GroupKind, ResourceType> byKind = new ConcurrentHashMap<>();

    private ResourceTypes() {
    }

    /** A registry holding the built-in kinds. */
    public static ResourceTypes builtIn() {
        ResourceTypes t = new ResourceTypes();
        // Kubernetes core and apps.
        t.add("", "Namespace", "namespaces", false, List.of("v1"), "ns");
        t.add("", "ConfigMap", "configmaps", true, List.of("v1"), "cm");
        t.add("", "Secret", "secrets", true, List.of("v1"));
        t.add("", "Service", "services", true, List.of("v1"), "svc");
        t.add("", "ServiceAccount", "serviceaccounts", true, List.of("v1"), "sa");
        t.add("", "Pod", "pods", true, List.of("v1"), "po");
        t.add("", "Endpoints", "endpoints", true, List.of("v1"), "ep");
        t.add("", "Event", "events", true, List.of("v1"), "ev");
        t.add("", "PersistentVolumeClaim", "persistentvolumeclaims", true, List.of("v1"), "pvc");
        t.add("", "PersistentVolume", "persistentvolumes", false, List.of("v1"), "pv");
        t.add("apps", "Deployment", "deployments", true, List.of("v1"), "deploy");
        t.add("apps", "StatefulSet", "statefulsets", true, List.of("v1"), "sts");
        t.add("apps", "DaemonSet", "daemonsets", true, List.of("v1"), "ds");
        t.add("apps", "ReplicaSet", "replicasets", true, List.of("v1"), "rs");
        t.add("batch", "Job", "jobs", true, List.of("v1"));
        t.add("batch", "CronJob", "cronjobs", true, List.of("v1"), "cj");
        t.add("autoscaling", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, List.of("v2", "v1"), "hpa");
        t.add("policy", "PodDisruptionBudget", "poddisruptionbudgets", true, List.of("v1"), "pdb");
        t.add("networking.k8s.io", "Ingress", "ingresses", true, List.of("v1"), "ing");
        t.add("networking.k8s.io", "IngressClass", "ingressclasses", false, List.of("v1"));
        t.add("networking.k8s.io", "NetworkPolicy", "networkpolicies", true, List.of("v1"), "netpol");
        t.add("rbac.authorization.k8s.io", "Role", "roles", true, List.of("v1"));
        t.add("rbac.authorization.k8s.io", "RoleBinding", "rolebindings", true, List.of("v1"));
        t.add("rbac.authorization.k8s.io", "ClusterRole", "clusterroles", false, List.of("v1"));
        t.add("rbac.authorization.k8s.io", "ClusterRoleBinding", "clusterrolebindings", false, List.of("v1"));
        t.add("apiextensions.k8s.io", "CustomResourceDefinition", "customresourcedefinitions", false, List.of("v1"), "crd", "crds");
        t.add("storage.k8s.io", "StorageClass", "storageclasses", false, List.of("v1"), "sc");
        t.add("coordination.k8s.io", "Lease", "leases", true, List.of("v1"));
        t.add("admissionregistration.k8s.io", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations", false, List.of("v1"));
        t.add("admissionregistration.k8s.io", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", false, List.of("v1"));
        t.add("scheduling.k8s.io", "PriorityClass", "priorityclasses", false, List.of("v1"), "pc");
        // Flux.
        t.add(SOURCE, "GitRepository", "gitrepositories", true, List.of("v1", "v1beta2", "v1beta1"), "gitrepo");
        t.add(SOURCE, "HelmRepository", "helmrepositories", true, List.of("v1", "v1beta2", "v1beta1"), "helmrepo");
        t.add(SOURCE, "HelmChart", "helmcharts", true, List.of("v1", "v1beta2", "v1beta1"), "hc");
        t.add(SOURCE, "OCIRepository", "ocirepositories", true, List.of("v1", "v1beta2"), "ocirepo");
        t.add(KUSTOMIZE, "Kustomization", "kustomizations", true, List.of("v1", "v1beta2", "v1beta1"), "ks");
        t.add(HELM, "HelmRelease", "helmreleases", true, List.of("v2", "v2beta2", "v2beta1"), "hr");
        t.add(NOTIFICATION, "Receiver", "receivers", true, List.of("v1", "v1beta3", "v1beta2"));
        t.add(NOTIFICATION, "Provider", "providers", true, List.of("v1beta3", "v1beta2"));
        t.add(NOTIFICATION, "Alert", "alerts", true, List.of("v1beta3", "v1beta2"));
        // Flagger.
        t.add(FLAGGER, "Canary", "canaries", true, List.of("v1beta1"), "canary");
        t.add(FLAGGER, "MetricTemplate", "metrictemplates", true, List.of("v1beta1"), "mt");
        t.add(FLAGGER, "AlertProvider", "alertproviders", true, List.of("v1beta1"));
        // Traffic objects Sluice writes.
        t.add("split.smi-spec.io", "TrafficSplit", "trafficsplits", true, List.of("v1alpha4", "v1alpha3", "v1alpha2", "v1alpha1"), "ts");
        t.add("gateway.networking.k8s.io", "HTTPRoute", "httproutes", true, List.of("v1", "v1beta1"));
        t.add("gateway.networking.k8s.io", "Gateway", "gateways", true, List.of("v1", "v1beta1"), "gtw");
        t.add("networking.istio.io", "VirtualService", "virtualservices", true, List.of("v1beta1", "v1alpha3"), "vs");
        t.add("networking.istio.io", "DestinationRule", "destinationrules", true, List.of("v1beta1", "v1alpha3"), "dr");
        return t;
    }

    private void add(String group, String kind, String plural, boolean namespaced, List<String> versions, String... shortNames) {
        register(new ResourceType(new GroupKind(group, kind), plural, namespaced, versions, List.of(shortNames)));
    }

    /** Adds or replaces a kind, e.g. one learned from a CustomResourceDefinition. */
    public void register(ResourceType type) {
        byKind.put(type.groupKind(), type);
    }

    public Optional<ResourceType> get(GroupKind gk) {
        return Optional.ofNullable(byKind.get(gk));
    }

    /**
     * Finds a kind by what users type: kind ({@code Deployment}), plural ({@code deployments}),
     * singular, short name ({@code deploy}, {@code ks}, {@code hr}) or {@code plural.group}.
     * Ambiguous names resolve to the Flux/Flagger kind, as the flux CLI's aliases do.
     */
    public Optional<ResourceType> lookup(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        List<ResourceType> hits = new ArrayList<>();
        for (ResourceType t : byKind.values()) {
            String kind = t.kind().toLowerCase(Locale.ROOT);
            if (n.equals(kind) || n.equals(t.plural()) || t.shortNames().contains(n)
                    || n.equals(t.plural() + "." + t.group()) || n.equals(kind + "." + t.group())) {
                hits.add(t);
            }
        }
        hits.sort((a, b) -> Boolean.compare(!isToolkit(a), !isToolkit(b)));
        return hits.stream().findFirst();
    }

    private static boolean isToolkit(ResourceType t) {
        return t.group().endsWith("fluxcd.io") || t.group().equals(FLAGGER);
    }

    /** The kind served under {@code /apis/<group>/<version>/<plural>}. */
    public Optional<ResourceType> byPlural(String group, String plural) {
        return byKind.values().stream()
                .filter(t -> t.group().equals(group) && t.plural().equals(plural))
                .findFirst();
    }

    /**
     * The registered kind, or a guess for a kind nobody registered: namespaced, plural = lower-case
     * kind + "s" (what {@code kubectl} assumes when discovery has nothing better).
     */
    public ResourceType getOrGuess(GroupKind gk, boolean namespaced) {
        return get(gk).orElseGet(() -> new ResourceType(gk, gk.kind().toLowerCase(Locale.ROOT) + "s", namespaced,
                List.of("v1"), List.of()));
    }

    public Collection<ResourceType> all() {
        Map<GroupKind, ResourceType> sorted = new LinkedHashMap<>();
        byKind.keySet().stream().sorted().forEach(k -> sorted.put(k, byKind.get(k)));
        return List.copyOf(sorted.values());
    }
}
