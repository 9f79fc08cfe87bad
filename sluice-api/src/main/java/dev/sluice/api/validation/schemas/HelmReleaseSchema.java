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

/** Flux's HelmRelease ({@code helm.toolkit.fluxcd.io}): v2, and v2beta2/v2beta1 as read. */
public final class HelmReleaseSchema {

    static final Schema.Obj CHART_TEMPLATE = object(
            field("metadata", METADATA_OVERRIDES),
            required("spec", object(
                    required("chart", string().length(1, 2048)),
                    field("version", string()).withDefault("*"),
                    required("sourceRef", object(
                            field("apiVersion", string()),
                            required("kind", enumOf("HelmRepository", "GitRepository", "Bucket")),
                            required("name", string().length(1, 253)),
                            field("namespace", string().length(1, 63)))),
                    field("interval", fluxDuration()),
                    field("reconcileStrategy", enumOf("ChartVersion", "Revision")).withDefault("ChartVersion"),
                    field("valuesFiles", stringList()),
                    field("ignoreMissingValuesFiles", bool()),
                    field("verify", object(
                            required("provider", enumOf("cosign", "notation")).withDefault("cosign"),
                            field("secretRef", LOCAL_REF))))));

    static final Schema.Obj STRATEGY = object(
            required("name", enumOf("RemediateOnFailure", "RetryOnFailure")),
            field("retryInterval", fluxDuration()));

    static final Schema.Obj REMEDIATION = object(
            field("retries", integer()).withDoc("Retries before giving up; a negative value retries forever."),
            field("ignoreTestFailures", bool()),
            field("remediateLastFailure", bool()));

    static final Schema.Obj INSTALL = object(
            field("timeout", fluxDuration()),
            field("remediation", REMEDIATION),
            field("strategy", STRATEGY),
            field("disableWait", bool()),
            field("disableWaitForJobs", bool()),
            field("disableHooks", bool()),
            field("disableOpenAPIValidation", bool()),
            field("disableSchemaValidation", bool()),
            field("disableTakeOwnership", bool()),
            field("serverSideApply", bool()),
            field("replace", bool()),
            field("skipCRDs", bool()),
            field("crds", enumOf("Skip", "Create", "CreateReplace")),
            field("createNamespace", bool()));

    static final Schema.Obj UPGRADE = object(
            field("timeout", fluxDuration()),
            field("remediation", REMEDIATION.with(field("strategy", enumOf("rollback", "uninstall")))),
            field("strategy", STRATEGY),
            field("disableWait", bool()),
            field("disableWaitForJobs", bool()),
            field("disableHooks", bool()),
            field("disableOpenAPIValidation", bool()),
            field("disableSchemaValidation", bool()),
            field("disableTakeOwnership", bool()),
            field("serverSideApply", enumOf("enabled", "disabled", "auto")),
            field("force", bool()),
            field("preserveValues", bool()),
            field("cleanupOnFail", bool()),
            field("crds", enumOf("Skip", "Create", "CreateReplace")),
            field("chartNameChangeStrategy", enumOf("InPlaceUpdate", "Reinstall")));

    static final Schema.Obj SPEC = object(
            field("chart", CHART_TEMPLATE),
            field("chartRef", object(
                    field("apiVersion", string()),
                    required("kind", enumOf("OCIRepository", "HelmChart", "ExternalArtifact")),
                    required("name", string().length(1, 253)),
                    field("namespace", string().length(1, 63)))),
            required("interval", fluxDuration()),
            field("kubeConfig", KUBECONFIG),
            field("suspend", bool()),
            field("releaseName", string().length(1, 53)),
            field("targetNamespace", string().length(1, 63)),
            field("storageNamespace", string().length(1, 63)),
            field("dependsOn", listOf(DEPENDENCY)),
            field("timeout", fluxDuration()).withDoc("Timeout of each Helm action; defaults to 5m."),
            field("maxHistory", integer()).withDoc("Release revisions kept; defaults to 5, 0 keeps all."),
            field("serviceAccountName", string().length(1, 253)),
            field("persistentClient", bool()),
            field("driftDetection", object(
                    field("mode", enumOf("enabled", "warn", "disabled")),
                    field("ignore", listOf(object(required("paths", stringList()), field("target", SELECTOR)))))),
            field("install", INSTALL),
            field("upgrade", UPGRADE),
            field("test", object(
                    field("enable", bool()),
                    field("timeout", fluxDuration()),
                    field("ignoreFailures", bool()),
                    field("filters", listOf(object(required("name", string().length(1, 253)), field("exclude", bool())))))),
            field("rollback", object(
                    field("timeout", fluxDuration()),
                    field("disableWait", bool()),
                    field("disableWaitForJobs", bool()),
                    field("disableHooks", bool()),
                    field("recreate", bool()),
                    field("force", bool()),
                    field("cleanupOnFail", bool()),
                    field("serverSideApply", enumOf("enabled", "disabled", "auto")))),
            field("uninstall", object(
                    field("timeout", fluxDuration()),
                    field("disableHooks", bool()),
                    field("keepHistory", bool()),
                    field("disableWait", bool()),
                    field("deletionPropagation", enumOf("background", "foreground", "orphan")).withDefault("background"))),
            field("valuesFrom", listOf(object(
                    required("kind", enumOf("Secret", "ConfigMap")),
                    required("name", string().length(1, 253)),
                    field("valuesKey", string().length(0, 253).pattern("^[\\-._a-zA-Z0-9]+$",
                            "a key of letters, digits, '-', '_' and '.'")),
                    field("targetPath", string().length(0, 250).pattern("^([a-zA-Z0-9_\\-.\\\\\\/]|\\[[0-9]{1,5}\\])+$",
                            "a values path such as a.b[0].c")),
                    field("optional", bool()),
                    field("literal", bool())))),
            field("values", anyObject()),
            field("postRenderers", listOf(object(field("kustomize", object(
                    field("patches", listOf(PATCH)),
                    field("images", listOf(IMAGE))))))),
            field("postRenderStrategy", enumOf("nohooks", "combined", "separate")),
            field("commonMetadata", METADATA_OVERRIDES),
            field("healthCheckExprs", listOf(CUSTOM_HEALTH_CHECK)),
            field("waitStrategy", object(required("name", enumOf("poller", "legacy")))))
            .oneOf("chart", "chartRef");

    static final Schema.Obj STATUS = object(
            OBSERVED_GENERATION,
            LAST_HANDLED_RECONCILE_AT,
            field("observedPostRenderersDigest", string()),
            field("observedCommonMetadataDigest", string()),
            field("lastAttemptedGeneration", integer().format("int64")),
            CONDITIONS,
            field("helmChart", string()),
            field("storageNamespace", string().length(1, 63)),
            field("history", listOf(object(
                    field("apiVersion", string()),
                    required("name", string()),
                    required("namespace", string()),
                    required("version", integer()),
                    required("status", string()),
                    required("chartName", string()),
                    required("chartVersion", string()),
                    field("appVersion", string()),
                    required("configDigest", string()),
                    required("firstDeployed", string().format("date-time")),
                    required("lastDeployed", string().format("date-time")),
                    field("deleted", string().format("date-time")),
                    required("digest", string()),
                    field("ociDigest", string()),
                    field("action", string()),
                    field("testHooks", mapOf(object(
                            field("lastStarted", string().format("date-time")),
                            field("lastCompleted", string().format("date-time")),
                            field("phase", string()))))))),
            field("lastAttemptedReleaseAction", enumOf("install", "upgrade")),
            field("lastAttemptedReleaseActionDuration", string()),
            field("failures", integer().format("int64")),
            field("installFailures", integer().format("int64")),
            field("upgradeFailures", integer().format("int64")),
            field("lastAttemptedRevision", string()),
            field("lastAttemptedRevisionDigest", string()),
            field("lastAttemptedValuesChecksum", string()),
            field("lastReleaseRevision", integer()),
            field("lastAttemptedConfigDigest", string()),
            field("lastHandledForceAt", string()),
            field("lastHandledResetAt", string()),
            field("inventory", INVENTORY));

    private HelmReleaseSchema() {
    }

    public static KindSchema get() {
        List<PrinterColumn> columns = List.of(PrinterColumn.AGE, PrinterColumn.READY, PrinterColumn.STATUS);
        VersionSchema v2 = new VersionSchema("v2", resource(SPEC, STATUS), null, columns);
        VersionSchema v2beta2 = v2.lenientStatus().editSpec("v2beta2", "v2beta2 HelmRelease is deprecated, upgrade to v2",
                HelmReleaseSchema::v2beta2);
        VersionSchema v2beta1 = v2beta2.editSpec("v2beta1", "v2beta1 HelmRelease is deprecated, upgrade to v2", s -> new Schema.Obj(
                        s.fields(), s.unknown(), List.of(), s.atMostOne())
                .edit("chart", f -> f.asRequired(true))
                .edit("chart.spec.chart", f -> f.withSchema(string()))
                .edit("chart.spec.ignoreMissingValuesFiles", f -> null)
                .edit("chart.spec.verify.provider", f -> f.withSchema(enumOf("cosign")))
                .edit("serviceAccountName", f -> f.withSchema(string()))
                .edit("test.filters", f -> null));
        return new KindSchema(GroupKind.of(ResourceTypes.HELM, "HelmRelease"),
                new KindSchema.Names("helmreleases", "helmrelease", List.of("hr"), List.of("all", "fluxcd")),
                true, true, List.of(v2, v2beta2, v2beta1));
    }

    private static Schema.Obj v2beta2(Schema.Obj v2) {
        return v2.without("commonMetadata", "healthCheckExprs", "postRenderStrategy", "waitStrategy")
                .edit("chart.spec.valuesFile", f -> field("valuesFile", string())
                        .deprecated("use valuesFiles; Sluice puts it first in valuesFiles, as it was merged first"))
                .edit("chartRef.kind", f -> f.withSchema(enumOf("OCIRepository", "HelmChart")))
                .edit("dependsOn[].readyExpr", f -> null)
                .edit("install.disableSchemaValidation", f -> null)
                .edit("install.disableTakeOwnership", f -> null)
                .edit("install.serverSideApply", f -> null)
                .edit("install.strategy", f -> null)
                .edit("upgrade.disableSchemaValidation", f -> null)
                .edit("upgrade.disableTakeOwnership", f -> null)
                .edit("upgrade.serverSideApply", f -> null)
                .edit("upgrade.strategy", f -> null)
                .edit("upgrade.chartNameChangeStrategy", f -> null)
                .edit("rollback.serverSideApply", f -> null)
                .edit("valuesFrom[].literal", f -> null)
                .edit("postRenderers[].kustomize.patchesStrategicMerge", f -> field("patchesStrategicMerge", listOf(anyObject()))
                        .deprecated("use patches; Sluice converts each entry to a patches item"))
                .edit("postRenderers[].kustomize.patchesJson6902", f -> field("patchesJson6902", listOf(JSON6902_PATCH))
                        .deprecated("use patches; Sluice converts each entry to a patches item with its target"));
    }
}
