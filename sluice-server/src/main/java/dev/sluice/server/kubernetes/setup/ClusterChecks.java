package dev.sluice.server.kubernetes.setup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.health.HealthResult;
import dev.sluice.kubernetes.KubernetesCluster;
import dev.sluice.kubernetes.install.InstallManifests;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code sluice check --pre} and {@code sluice check}, as flux checks: the API server's version, the
 * permissions an install needs (SelfSubjectAccessReviews), and once installed the controller
 * Deployment and every CRD. Each check reports one {@code ✔} or {@code ✗} line; the methods say whether
 * all passed. Not thread-safe.
 */
public final class ClusterChecks {

    /** One permission {@code sluice install} needs. */
    record Permission(String verb, String group, String resource, boolean namespaced) {
        String describe(String namespace) {
            return resource + (group.isEmpty() ? "" : "." + group) + (namespaced ? " in namespace " + namespace : "");
        }
    }

    /** What installing creates: cluster-wide CRDs, RBAC and the namespace; then the namespace's objects. */
    static final List<Permission> INSTALL_PERMISSIONS = List.of(
            new Permission("create", "apiextensions.k8s.io", "customresourcedefinitions", false),
            new Permission("create", "rbac.authorization.k8s.io", "clusterroles", false),
            new Permission("create", "rbac.authorization.k8s.io", "clusterrolebindings", false),
            new Permission("create", "", "namespaces", false),
            new Permission("create", "", "serviceaccounts", true),
            new Permission("create", "rbac.authorization.k8s.io", "roles", true),
            new Permission("create", "rbac.authorization.k8s.io", "rolebindings", true),
            new Permission("create", "apps", "deployments", true),
            new Permission("create", "", "services", true));

    static final String CONTROLLER = "sluice-controller";
    private static final GroupKind DEPLOYMENT = GroupKind.of("apps", "Deployment");
    private static final GroupKind CRD = GroupKind.of("apiextensions.k8s.io", "CustomResourceDefinition");

    private final KubernetesCluster cluster;
    private final Progress progress;

    public ClusterChecks(KubernetesCluster cluster, Progress progress) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** {@code check --pre}: the version, and every permission an install into {@code namespace} needs. */
    public boolean prerequisites(String namespace) {
        progress.action("checking prerequisites");
        boolean ok = version();
        for (Permission p : INSTALL_PERMISSIONS) {
            ok &= permission(p, namespace);
        }
        if (ok) {
            progress.success("prerequisites checks passed");
        } else {
            progress.failure("prerequisites checks failed");
        }
        return ok;
    }

    /** {@code check}: the version, the controller Deployment in {@code namespace}, and every CRD. */
    public boolean installation(String namespace) {
        progress.action("checking prerequisites");
        boolean ok = version();
        progress.action("checking controllers");
        ok &= controller(namespace);
        progress.action("checking crds");
        for (KubeObject crd : InstallManifests.crds()) {
            ok &= crd(crd.name());
        }
        if (ok) {
            progress.success("all checks passed");
        } else {
            progress.failure("some checks failed");
        }
        return ok;
    }

    /** {@code ✔ Kubernetes 1.33.0 >=1.30.0-0}. */
    boolean version() {
        String constraint = KubeVersion.MINIMUM.constraint();
        VersionInfo info;
        try {
            info = cluster.client().getKubernetesVersion();
        } catch (KubernetesClientException e) {
            progress.failure("cannot read the Kubernetes version: " + e.getMessage());
            return false;
        }
        KubeVersion v;
        try {
            v = KubeVersion.parse(info == null ? null : info.getGitVersion());
        } catch (IllegalArgumentException e) {
            progress.failure(e.getMessage());
            return false;
        }
        if (v.compareTo(KubeVersion.MINIMUM) < 0) {
            progress.failure("Kubernetes version " + v + " does not match " + constraint);
            return false;
        }
        progress.success("Kubernetes " + v + " " + constraint);
        return true;
    }

    private boolean permission(Permission p, String namespace) {
        SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder().withNewSpec().withNewResourceAttributes()
                .withVerb(p.verb()).withGroup(p.group()).withResource(p.resource())
                .withNamespace(p.namespaced() ? namespace : null).endResourceAttributes().endSpec().build();
        String what = p.verb() + " " + p.describe(namespace);
        try {
            SelfSubjectAccessReview answer = cluster.client().authorization().v1().selfSubjectAccessReview().create(review);
            boolean allowed = answer != null && answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
            if (allowed) {
                progress.success("can " + what);
                return true;
            }
            String reason = answer == null || answer.getStatus() == null || answer.getStatus().getReason() == null
                    || answer.getStatus().getReason().isEmpty() ? "" : " (" + answer.getStatus().getReason() + ")";
            progress.failure("cannot " + what + reason);
            return false;
        } catch (KubernetesClientException e) {
            progress.failure("cannot check whether you can " + what + ": " + e.getMessage());
            return false;
        }
    }

    private boolean controller(String namespace) {
        ObjectKey key = new ObjectKey(DEPLOYMENT, namespace, CONTROLLER);
        Optional<KubeObject> d;
        try {
            d = cluster.get(key);
        } catch (ClusterException e) {
            progress.failure(CONTROLLER + ": " + e.getMessage());
            return false;
        }
        if (d.isEmpty()) {
            progress.failure(CONTROLLER + ": deployment not found in namespace " + namespace + " (run 'sluice install')");
            return false;
        }
        HealthResult h = Installer.health(cluster, key);
        boolean ready = h.isCurrent();
        if (ready) {
            progress.success(CONTROLLER + ": deployment ready");
        } else {
            progress.failure(CONTROLLER + ": deployment not ready: " + h.status().word()
                    + (h.message().isEmpty() ? "" : " (" + h.message() + ")"));
        }
        for (JsonNode c : d.get().at("/spec/template/spec/containers")) {
            progress.action(c.path("image").asText());
        }
        return ready;
    }

    private boolean crd(String name) {
        ObjectKey key = new ObjectKey(CRD, "", name);
        Optional<KubeObject> crd;
        try {
            crd = cluster.get(key);
        } catch (ClusterException e) {
            progress.failure(name + ": " + e.getMessage());
            return false;
        }
        if (crd.isEmpty()) {
            progress.failure(name + ": not found (run 'sluice install')");
            return false;
        }
        HealthResult h = Installer.health(cluster, key);
        String version = "";
        for (JsonNode v : crd.get().at("/spec/versions")) {
            if (v.path("storage").asBoolean(false)) {
                version = v.path("name").asText();
            }
        }
        if (!h.isCurrent()) {
            progress.failure(name + ": not established: " + h.message());
            return false;
        }
        progress.success(name + (version.isEmpty() ? "" : "/" + version));
        return true;
    }
}
