package dev.sluice.api.validation.schemas;

import static dev.sluice.api.validation.Types.*;
import static dev.sluice.api.validation.schemas.Common.*;

import dev.sluice.api.GroupKind;
import dev.sluice.api.ResourceTypes;
import dev.sluice.api.validation.KindSchema;
import dev.sluice.api.validation.Schema;
import dev.sluice.api.validation.VersionSchema;
import java.util.List;

/** Flux's HelmRepository ({@code source.toolkit.fluxcd.io}): v1, and v1beta2/v1beta1 as read. */
public final class HelmRepositorySchema {

    static final Schema.Obj SPEC = object(
            required("url", string().pattern("^(http|https|oci)://.*$", "a URL starting with http://, https:// or oci://")),
            field("secretRef", LOCAL_REF),
            field("certSecretRef", LOCAL_REF),
            field("passCredentials", bool()),
            field("insecure", bool()),
            field("interval", fluxDuration()).withDoc("How often to fetch the index; defaults to 1m. Not used for type oci."),
            field("timeout", fluxTimeout()).withDoc("Timeout of index downloads; defaults to 1m."),
            field("suspend", bool()),
            field("accessFrom", ACCESS_FROM),
            field("type", enumOf("default", "oci")),
            field("provider", enumOf("generic", "aws", "azure", "gcp")).withDefault("generic"));

    private HelmRepositorySchema() {
    }

    public static KindSchema get() {
        VersionSchema v1 = new VersionSchema("v1", resource(SPEC, SourceStatus.BASE), null, SourceStatus.URL_COLUMNS);
        VersionSchema v1beta2 = v1.lenientStatus().editSpec("v1beta2", "v1beta2 HelmRepository is deprecated, upgrade to v1",
                s -> s);
        VersionSchema v1beta1 = v1beta2.editSpec("v1beta1", "v1beta1 HelmRepository is deprecated, upgrade to v1", s -> s
                        .without("certSecretRef", "insecure", "provider", "type")
                        .edit("interval", f -> f.withSchema(duration()).asRequired(true))
                        .edit("timeout", f -> f.withSchema(duration()).withDefault("60s"))
                        .edit("url", f -> f.withSchema(string())))
                .withColumns(SourceStatus.URL_COLUMNS_V1BETA1);
        return new KindSchema(GroupKind.of(ResourceTypes.SOURCE, "HelmRepository"),
                new KindSchema.Names("helmrepositories", "helmrepository", List.of("helmrepo"), List.of("all", "fluxcd")),
                true, true, List.of(v1, v1beta2, v1beta1));
    }
}
