package dev.sluice.api.validation.schemas;

import static dev.sluice.api.validation.Types.*;
import static dev.sluice.api.validation.schemas.Common.*;

import dev.sluice.api.GroupKind;
import dev.sluice.api.ResourceTypes;
import dev.sluice.api.validation.KindSchema;
import dev.sluice.api.validation.PrinterColumn;
import dev.sluice.api.validation.Schema;
import dev.sluice.api.validation.VersionSchema;
import java.util.List;

/** Flux's Kustomization ({@code kustomize.toolkit.fluxcd.io}): v1, and v1beta2/v1beta1 as read. */
public final class KustomizationSchema {

    static final Schema.Obj SPEC = object(
            field("commonMetadata", METADATA_OVERRIDES),
            field("dependsOn", listOf(DEPENDENCY)),
            field("decryption", object(
                    required("provider", enumOf("sops")),
                    field("serviceAccountName", string()),
                    field("secretRef", LOCAL_REF))),
            required("interval", fluxDuration()).withDoc("The interval at which to reconcile the Kustomization."),
            field("retryInterval", fluxDuration()).withDoc("The interval at which to retry a failed reconciliation; defaults to interval."),
            field("kubeConfig", KUBECONFIG),
            field("path", string()),
            field("postBuild", object(
                    field("substituteStrategy", enumOf("WithVariables", "Always")),
                    field("substitute", stringMap()),
                    field("substituteFrom", listOf(object(
                            required("kind", enumOf("Secret", "ConfigMap")),
                            required("name", string().length(1, 253)),
                            field("optional", bool()).withDefault(false)))))),
            required("prune", bool()).withDoc("Prune enables garbage collection."),
            field("deletionPolicy", enumOf("MirrorPrune", "Delete", "WaitForTermination", "Orphan")),
            field("healthChecks", listOf(NAMESPACED_KIND_REF)),
            field("namePrefix", string().length(1, 200)),
            field("nameSuffix", string().length(1, 200)),
            field("patches", listOf(PATCH)),
            field("images", listOf(IMAGE)),
            field("serviceAccountName", string()),
            required("sourceRef", object(
                    field("apiVersion", string()),
                    required("kind", enumOf("OCIRepository", "GitRepository", "Bucket", "ExternalArtifact")),
                    required("name", string()),
                    field("namespace", string()))),
            field("suspend", bool()),
            field("targetNamespace", string().length(1, 63)),
            field("timeout", fluxDuration()).withDoc("Timeout for build, apply and health checks; defaults to interval - 30s, at least 30s."),
            field("force", bool()).withDefault(false),
            field("wait", bool()),
            field("buildMetadata", listOf(enumOf("originAnnotations", "transformerAnnotations"))),
            field("components", stringList()),
            field("ignoreMissingComponents", bool()),
            field("healthCheckExprs", listOf(CUSTOM_HEALTH_CHECK)),
            field("ignore", listOf(object(required("paths", stringList()), field("target", SELECTOR)))));

    static final Schema.Obj STATUS = object(
            LAST_HANDLED_RECONCILE_AT,
            OBSERVED_GENERATION,
            CONDITIONS,
            field("lastAppliedRevision", string()),
            field("lastAppliedOriginRevision", string()),
            field("lastAttemptedRevision", string()),
            field("inventory", INVENTORY),
            field("history", listOf(object(
                    required("digest", string()),
                    required("firstReconciled", string().format("date-time")),
                    required("lastReconciled", string().format("date-time")),
                    required("lastReconciledDuration", string()),
                    required("lastReconciledStatus", string()),
                    required("totalReconciliations", integer().format("int64")),
                    field("metadata", stringMap())))));

    private KustomizationSchema() {
    }

    public static KindSchema get() {
        List<PrinterColumn> columns = List.of(PrinterColumn.AGE, PrinterColumn.READY, PrinterColumn.STATUS);
        VersionSchema v1 = new VersionSchema("v1", resource(SPEC, STATUS), null, columns);
        VersionSchema v1beta2 = v1.lenientStatus().editSpec("v1beta2",
                "v1beta2 Kustomization is deprecated, upgrade to v1", KustomizationSchema::v1beta2);
        VersionSchema v1beta1 = v1beta2.editSpec("v1beta1", "v1beta1 Kustomization is deprecated, upgrade to v1",
                        KustomizationSchema::v1beta1)
                .withColumns(List.of(PrinterColumn.READY, PrinterColumn.STATUS, PrinterColumn.AGE));
        return new KindSchema(GroupKind.of(ResourceTypes.KUSTOMIZE, "Kustomization"),
                new KindSchema.Names("kustomizations", "kustomization", List.of("ks"), List.of("all", "fluxcd")),
                true, true, List.of(v1, v1beta2, v1beta1));
    }

    private static Schema.Obj v1beta2(Schema.Obj v1) {
        return v1.without("buildMetadata", "deletionPolicy", "healthCheckExprs", "ignore", "ignoreMissingComponents",
                        "namePrefix", "nameSuffix")
                .edit("decryption.serviceAccountName", f -> null)
                .edit("dependsOn[].readyExpr", f -> null)
                .edit("postBuild.substituteStrategy", f -> null)
                .edit("sourceRef.kind", f -> f.withSchema(enumOf("OCIRepository", "GitRepository", "Bucket")))
                .with(field("patchesStrategicMerge", listOf(anyObject()))
                        .deprecated("use patches; Sluice converts each entry to a patches item"))
                .with(field("patchesJson6902", listOf(JSON6902_PATCH))
                        .deprecated("use patches; Sluice converts each entry to a patches item with its target"))
                .with(field("validation", enumOf("none", "client", "server"))
                        .deprecated("not used since v1beta2 (objects are always validated by a server-side dry run); dropped in v1"));
    }

    private static Schema.Obj v1beta1(Schema.Obj v1beta2) {
        return v1beta2.without("commonMetadata", "components", "wait")
                .edit("postBuild.substituteFrom[].optional", f -> null)
                .edit("interval", f -> f.withSchema(duration()))
                .edit("retryInterval", f -> f.withSchema(duration()))
                .edit("timeout", f -> f.withSchema(duration()))
                .edit("kubeConfig", f -> f.withSchema(object(required("secretRef", LOCAL_REF))))
                .edit("sourceRef.kind", f -> f.withSchema(enumOf("GitRepository", "Bucket")))
                .edit("validation", f -> f.deprecated("dropped in v1 (objects are always validated by a server-side dry run)"));
    }
}
