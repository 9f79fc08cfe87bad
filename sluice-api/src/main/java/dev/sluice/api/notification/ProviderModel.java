package dev.sluice.api.notification;

import dev.sluice.api.Diagnostic;
import dev.sluice.api.FieldPath;
import dev.sluice.api.GroupKind;
import dev.sluice.api.KindModel;
import dev.sluice.api.KubeObject;
import dev.sluice.api.convert.Conversions;
import dev.sluice.api.validation.KindSchema;
import dev.sluice.api.validation.ModelChecks;
import dev.sluice.api.validation.schemas.NotificationSchemas;
import java.util.List;
import java.util.Set;

/**
 * The Flux notification Provider: reads v1beta3 and v1beta2 (same spec). v1beta3 has no status, so
 * converting drops it; the spec is kept as written. Stateless and thread-safe.
 */
public final class ProviderModel implements KindModel<Provider> {

    /** Providers that set commit statuses; only they may have a commitStatusExpr. */
    static final Set<String> GIT_PROVIDERS = Set.of("github", "gitlab", "gitea", "bitbucketserver", "bitbucket", "azuredevops");

    private static final KindSchema SCHEMA = NotificationSchemas.provider();

    @Override
    public GroupKind groupKind() {
        return SCHEMA.groupKind();
    }

    @Override
    public KubeObject toLatest(KubeObject object) {
        return Conversions.toLatest(object, SCHEMA, tree -> tree.remove("status"));
    }

    @Override
    public Parsed<Provider> parse(KubeObject latest) {
        var warnings = ModelChecks.check(latest, SCHEMA, ProviderModel::rules);
        return new Parsed<>(new Provider(latest, Provider.Spec.from(latest.spec())), warnings);
    }

    private static List<Diagnostic> rules(KubeObject o) {
        String type = o.spec().path("type").asText();
        if (o.spec().has("commitStatusExpr") && !GIT_PROVIDERS.contains(type)) {
            return List.of(Diagnostic.error(FieldPath.of("spec.commitStatusExpr"),
                    "can only be set for the commit-status providers (github, gitlab, gitea, bitbucketserver, bitbucket, azuredevops), not '"
                            + type + "'"));
        }
        return List.of();
    }
}
