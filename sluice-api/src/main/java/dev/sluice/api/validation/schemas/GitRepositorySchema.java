package dev.sluice.api.validation.schemas;

import static dev.sluice.api.validation.Types.*;
import static dev.sluice.api.validation.schemas.Common.*;

import dev.sluice.api.GroupKind;
import dev.sluice.api.ResourceTypes;
import dev.sluice.api.validation.KindSchema;
import dev.sluice.api.validation.Schema;
import dev.sluice.api.validation.VersionSchema;
import java.util.List;

/** Flux's GitRepository ({@code source.toolkit.fluxcd.io}): v1, and v1beta2/v1beta1 as read. The record is the Git-source engineer's. */
public final class GitRepositorySchema {

    static final Schema.Obj INCLUDE = object(
            required("repository", LOCAL_REF),
            field("fromPath", string()),
            field("toPath", string()));

    static final Schema.Obj SPEC = object(
            required("url", string().pattern("^(http|https|ssh)://.*$",
                    "a URL starting with http://, https:// or ssh:// (the scp form git@host:repo is not accepted)")),
            field("secretRef", LOCAL_REF),
            field("provider", enumOf("generic", "aws", "azure", "github")),
            field("serviceAccountName", string()),
            required("interval", fluxDuration()),
            field("timeout", fluxTimeout()).withDefault("60s"),
            field("ref", object(
                    field("branch", string()),
                    field("tag", string()),
                    field("semver", string()),
                    field("name", string()),
                    field("commit", string()))),
            field("verify", object(
                    field("mode", enumOf("head", "HEAD", "Tag", "TagAndHEAD")).withDefault("HEAD"),
                    required("secretRef", LOCAL_REF))),
            field("proxySecretRef", LOCAL_REF),
            field("ignore", string()).withDoc("Paths to ignore, in .gitignore syntax; replaces the default exclusions."),
            field("suspend", bool()),
            field("recurseSubmodules", bool()),
            field("include", listOf(INCLUDE)),
            field("sparseCheckout", stringList()));

    static final Schema.Obj STATUS = SourceStatus.BASE.without("url").with(field("includedArtifacts", listOf(ARTIFACT)))
            .with(field("observedIgnore", string()))
            .with(field("observedRecurseSubmodules", bool()))
            .with(field("observedInclude", listOf(INCLUDE)))
            .with(field("observedSparseCheckout", stringList()))
            .with(field("sourceVerificationMode", string()));

    private GitRepositorySchema() {
    }

    public static KindSchema get() {
        VersionSchema v1 = new VersionSchema("v1", resource(SPEC, STATUS), null, SourceStatus.URL_COLUMNS);
        VersionSchema v1beta2 = v1.lenientStatus().editSpec("v1beta2",
                "v1beta2 GitRepository is deprecated, upgrade to v1", s -> s
                        .without("provider", "proxySecretRef", "serviceAccountName", "sparseCheckout")
                        .with(field("accessFrom", ACCESS_FROM).deprecated("not supported in v1; dropped on conversion"))
                        .with(field("gitImplementation", enumOf("go-git", "libgit2")).withDefault("go-git")
                                .deprecated("Flux always uses go-git; dropped on conversion to v1"))
                        .edit("verify.mode", f -> f.withSchema(enumOf("head")).asRequired(true).withDefault(null)));
        VersionSchema v1beta1 = v1beta2.editSpec("v1beta1", "v1beta1 GitRepository is deprecated, upgrade to v1", s -> s
                        .edit("interval", f -> f.withSchema(duration()))
                        .edit("timeout", f -> f.withSchema(duration()))
                        .edit("ref.name", f -> null)
                        .edit("verify.secretRef", f -> f.asRequired(false)))
                .withColumns(SourceStatus.URL_COLUMNS_V1BETA1);
        return new KindSchema(GroupKind.of(ResourceTypes.SOURCE, "GitRepository"),
                new KindSchema.Names("gitrepositories", "gitrepository", List.of("gitrepo"), List.of("all", "fluxcd")),
                true, true, List.of(v1, v1beta2, v1beta1));
    }
}
