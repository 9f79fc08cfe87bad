package dev.sluice.api.validation.schemas;

import static dev.sluice.api.validation.Types.*;

import dev.sluice.api.validation.Field;
import dev.sluice.api.validation.Schema;

/** Schema pieces shared by many kinds: object metadata, references, conditions, patches. */
public final class Common {

    public static final String DNS_SUBDOMAIN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    public static final String LABEL_VALUE = "^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$";

    /** A resource name as the API server accepts it for custom resources. */
    public static final Schema.Str NAME = string().length(1, 253).pattern(DNS_SUBDOMAIN,
            "a lowercase name of letters, digits, '-' and '.', starting and ending with a letter or digit");
    public static final Schema.Str NAMESPACE = string().length(1, 63).pattern(DNS_LABEL,
            "a lowercase namespace of letters, digits and '-', starting and ending with a letter or digit");

    /** Kubernetes ObjectMeta, as users write it and as the API server fills it in. */
    public static final Schema.Obj OBJECT_META = object(
            required("name", NAME),
            field("generateName", string()),
            field("namespace", NAMESPACE),
            field("labels", mapOf(string().length(0, 63).pattern(LABEL_VALUE,
                    "a label value of at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit"))),
            field("annotations", stringMap()),
            field("uid", string()),
            field("resourceVersion", string()),
            field("generation", integer()),
            field("creationTimestamp", string()),
            field("deletionTimestamp", string()),
            field("deletionGracePeriodSeconds", integer()),
            field("finalizers", stringList()),
            field("ownerReferences", listOf(object(
                    required("apiVersion", string()),
                    required("kind", string()),
                    required("name", string()),
                    required("uid", string()),
                    field("controller", bool()),
                    field("blockOwnerDeletion", bool())))),
            field("managedFields", listOf(anyObject())),
            field("selfLink", string()));

    /** metav1.Condition. */
    public static final Schema.Obj CONDITION = object(
            required("type", string().length(1, 316).pattern(
                    "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$",
                    "a condition type such as Ready")),
            required("status", enumOf("True", "False", "Unknown")),
            field("observedGeneration", integer().min(0).format("int64")),
            required("lastTransitionTime", string().format("date-time")),
            required("reason", string().length(1, 1024).pattern("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$",
                    "a CamelCase reason such as ReconciliationSucceeded")),
            required("message", string().length(0, 32768)));

    public static final Schema.Obj LOCAL_REF = object(required("name", string()));
    public static final Schema.Obj NAMESPACED_REF = object(required("name", string()), field("namespace", string()));
    public static final Schema.Obj NAMESPACED_KIND_REF = object(
            field("apiVersion", string()),
            required("kind", string()),
            required("name", string()),
            field("namespace", string()));

    /** A kustomize selector (patch target, drift-ignore target); name and namespace are regexes. */
    public static final Schema.Obj SELECTOR = object(
            field("group", string()),
            field("version", string()),
            field("kind", string()),
            field("name", string()),
            field("namespace", string()),
            field("labelSelector", string()),
            field("annotationSelector", string()));

    /** An inline strategic-merge or JSON6902 patch with an optional target. */
    public static final Schema.Obj PATCH = object(
            required("patch", string()).withDoc("An inline strategic merge patch or a JSON6902 operation list, as YAML."),
            field("target", SELECTOR));

    /** The legacy JSON6902 patch: a target and a list of operations. */
    public static final Schema.Obj JSON6902_PATCH = object(
            required("target", SELECTOR),
            required("patch", listOf(object(
                    required("op", enumOf("test", "remove", "add", "replace", "move", "copy")),
                    required("path", string()),
                    field("from", string()),
                    field("value", any())))));

    public static final Schema.Obj IMAGE = object(
            required("name", string()),
            field("newName", string()),
            field("newTag", string()),
            field("digest", string()));

    /** A kubeconfig in a Secret or a ConfigMap (exactly one). */
    public static final Schema.Obj KUBECONFIG = object(
            field("secretRef", object(required("name", string()), field("key", string()))),
            field("configMapRef", LOCAL_REF))
            .oneOf("secretRef", "configMapRef");

    public static final Schema.Obj DEPENDENCY = object(
            required("name", string()),
            field("namespace", string()),
            field("readyExpr", string()).withDoc("A CEL expression over dep and self that replaces the built-in readiness check."));

    public static final Schema.Obj CUSTOM_HEALTH_CHECK = object(
            required("apiVersion", string()),
            field("kind", string()),
            required("current", string()),
            field("inProgress", string()),
            field("failed", string()));

    public static final Schema.Obj ACCESS_FROM = object(
            required("namespaceSelectors", listOf(object(field("matchLabels", stringMap())))));

    public static final Schema.Obj METADATA_OVERRIDES = object(
            field("annotations", stringMap()),
            field("labels", stringMap()));

    /** A source artifact in a status. */
    public static final Schema.Obj ARTIFACT = object(
            required("path", string()),
            required("url", string()),
            required("revision", string()),
            required("digest", string()),
            required("lastUpdateTime", string().format("date-time")),
            field("size", integer().format("int64")),
            field("metadata", stringMap()));

    public static final Schema.Obj INVENTORY = object(
            required("entries", listOf(object(required("id", string()), required("v", string())))));

    public static final Field CONDITIONS = field("conditions", listOf(CONDITION));
    public static final Field OBSERVED_GENERATION = field("observedGeneration", integer().format("int64"));
    public static final Field LAST_HANDLED_RECONCILE_AT = field("lastHandledReconcileAt", string());

    private Common() {
    }

    /**
     * The whole object of a custom resource: apiVersion, kind, metadata, a required spec and,
     * when {@code status} is not null, a status.
     */
    public static Schema.Obj resource(Schema.Obj spec, Schema.Obj status) {
        Schema.Obj root = object(
                required("apiVersion", string()),
                required("kind", string()),
                required("metadata", OBJECT_META),
                required("spec", spec));
        return status == null ? root : root.with(field("status", status));
    }
}
