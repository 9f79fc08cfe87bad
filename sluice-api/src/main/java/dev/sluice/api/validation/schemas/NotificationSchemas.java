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

/**
 * Flux's notification kinds ({@code notification.toolkit.fluxcd.io}): Receiver v1 (v1beta2 read),
 * Provider and Alert v1beta3 (v1beta2 read). Upstream has no v1 Provider or Alert.
 */
public final class NotificationSchemas {

    /** The kinds a Receiver may annotate and an Alert may listen to. */
    static final List<String> FLUX_KINDS = List.of("Bucket", "GitRepository", "Kustomization", "HelmRelease", "HelmChart",
            "HelmRepository", "ImageRepository", "ImagePolicy", "ImageUpdateAutomation", "OCIRepository",
            "ArtifactGenerator", "ExternalArtifact");

    static final Schema.Obj CROSS_NAMESPACE_REF = object(
            field("apiVersion", string()),
            required("kind", new Schema.Enum(FLUX_KINDS)),
            required("name", string().length(1, 253)).withDoc("The name, or '*' for all objects matching matchLabels."),
            field("namespace", string().length(1, 253)),
            field("matchLabels", stringMap()));

    static final Schema.Obj STATUS = object(LAST_HANDLED_RECONCILE_AT, OBSERVED_GENERATION, CONDITIONS);

    static final List<String> RECEIVER_TYPES = List.of("generic", "generic-hmac", "generic-oidc", "github", "gitlab",
            "bitbucket", "harbor", "dockerhub", "quay", "gcr", "nexus", "acr", "cdevents");

    static final List<String> PROVIDER_TYPES = List.of("slack", "discord", "msteams", "rocket", "generic", "generic-hmac",
            "github", "gitlab", "gitea", "giteapullrequestcomment", "bitbucketserver", "bitbucket", "azuredevops",
            "googlechat", "googlepubsub", "webex", "sentry", "azureeventhub", "telegram", "lark", "matrix", "opsgenie",
            "alertmanager", "grafana", "githubdispatch", "githubpullrequestcomment", "gitlabmergerequestcomment",
            "pagerduty", "datadog", "nats", "zulip", "otel", "zoom", "incident.io");

    private NotificationSchemas() {
    }

    public static KindSchema receiver() {
        Schema.Obj spec = object(
                required("type", new Schema.Enum(RECEIVER_TYPES)),
                field("interval", fluxDuration()).withDefault("10m"),
                field("events", stringList()),
                required("resources", listOf(CROSS_NAMESPACE_REF.with(field("filter", string())))),
                field("resourceFilter", string()),
                field("secretRef", LOCAL_REF),
                field("oidcProviders", listOf(object(
                        required("issuerURL", string().pattern("^https?://", "a URL starting with http:// or https://")),
                        field("audience", string()),
                        field("variables", listOf(object(required("name", string()), required("expression", string())))),
                        required("validations", listOf(object(required("expression", string()), required("message", string())))
                                .size(1, 0))))),
                field("suspend", bool()));
        List<PrinterColumn> columns = List.of(PrinterColumn.AGE, PrinterColumn.READY, PrinterColumn.STATUS);
        VersionSchema v1 = new VersionSchema("v1", resource(spec, STATUS.with(field("webhookPath", string()))), null, columns);
        VersionSchema v1beta2 = v1.lenientStatus().editSpec("v1beta2", "v1beta2 Receiver is deprecated, upgrade to v1", s -> s
                .without("oidcProviders", "resourceFilter")
                .edit("resources[].filter", f -> null)
                .edit("secretRef", f -> f.asRequired(true))
                .edit("interval", f -> f.withDefault(null))
                .edit("type", f -> f.withSchema(new Schema.Enum(RECEIVER_TYPES.stream()
                        .filter(t -> !t.equals("generic-oidc") && !t.equals("cdevents")).toList()))));
        return new KindSchema(GroupKind.of(ResourceTypes.NOTIFICATION, "Receiver"),
                new KindSchema.Names("receivers", "receiver", List.of(), List.of("all", "fluxcd")),
                true, true, List.of(v1, v1beta2));
    }

    public static KindSchema provider() {
        Schema.Obj spec = object(
                required("type", new Schema.Enum(PROVIDER_TYPES)),
                field("interval", fluxDuration()).deprecated("not used in v1beta3"),
                field("channel", string().length(0, 2048)),
                field("username", string().length(0, 2048)),
                field("address", string().length(0, 2048)),
                field("timeout", fluxTimeout()),
                field("proxy", string().length(0, 2048).pattern("^(http|https)://.*$", "a URL starting with http:// or https://"))
                        .deprecated("use proxySecretRef"),
                field("proxySecretRef", LOCAL_REF),
                field("secretRef", LOCAL_REF),
                field("certSecretRef", LOCAL_REF),
                field("serviceAccountName", string()),
                field("commitStatusExpr", string()),
                field("suspend", bool()));
        VersionSchema v1beta3 = new VersionSchema("v1beta3", resource(spec, null), null, List.of(PrinterColumn.AGE));
        VersionSchema v1beta2 = new VersionSchema("v1beta2", resource(spec, STATUS.unknownFields(Schema.Unknown.PRESERVE)),
                "v1beta2 Provider is deprecated, upgrade to v1beta3",
                List.of(PrinterColumn.AGE, PrinterColumn.READY, PrinterColumn.STATUS))
                .editSpec("v1beta2", "v1beta2 Provider is deprecated, upgrade to v1beta3", s -> s
                        .without("proxySecretRef", "serviceAccountName", "commitStatusExpr")
                        .edit("interval", f -> f.deprecated(null))
                        .edit("proxy", f -> f.deprecated(null))
                        .edit("type", f -> f.withSchema(new Schema.Enum(PROVIDER_TYPES.stream().filter(t -> !List.of(
                                "giteapullrequestcomment", "githubpullrequestcomment", "gitlabmergerequestcomment", "nats",
                                "zulip", "otel", "zoom", "incident.io").contains(t)).toList()))));
        return new KindSchema(GroupKind.of(ResourceTypes.NOTIFICATION, "Provider"),
                new KindSchema.Names("providers", "provider", List.of(), List.of("all", "fluxcd")),
                true, true, List.of(v1beta3, v1beta2));
    }

    public static KindSchema alert() {
        Schema.Obj spec = object(
                required("providerRef", LOCAL_REF),
                field("eventSeverity", enumOf("info", "error")).withDefault("info"),
                required("eventSources", listOf(CROSS_NAMESPACE_REF)),
                field("inclusionList", stringList()),
                field("eventMetadata", stringMap()),
                field("exclusionList", stringList()),
                field("summary", string().length(0, 255)).deprecated("use eventMetadata"),
                field("suspend", bool()));
        VersionSchema v1beta3 = new VersionSchema("v1beta3", resource(spec, null), null, List.of(PrinterColumn.AGE));
        VersionSchema v1beta2 = new VersionSchema("v1beta2", resource(spec, STATUS.unknownFields(Schema.Unknown.PRESERVE)),
                "v1beta2 Alert is deprecated, upgrade to v1beta3",
                List.of(PrinterColumn.AGE, PrinterColumn.READY, PrinterColumn.STATUS))
                .editSpec("v1beta2", "v1beta2 Alert is deprecated, upgrade to v1beta3", s -> s
                        .edit("summary", f -> f.deprecated(null)));
        return new KindSchema(GroupKind.of(ResourceTypes.NOTIFICATION, "Alert"),
                new KindSchema.Names("alerts", "alert", List.of(), List.of("all", "fluxcd")),
                true, true, List.of(v1beta3, v1beta2));
    }
}
