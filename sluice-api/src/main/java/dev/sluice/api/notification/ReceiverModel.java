package dev.sluice.api.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Diagnostic;
import dev.sluice.api.FieldPath;
import dev.sluice.api.GroupKind;
import dev.sluice.api.KindModel;
import dev.sluice.api.KubeObject;
import dev.sluice.api.convert.Conversions;
import dev.sluice.api.validation.KindSchema;
import dev.sluice.api.validation.ModelChecks;
import dev.sluice.api.validation.schemas.NotificationSchemas;
import java.util.ArrayList;
import java.util.List;

/**
 * The Flux Receiver: reads v1 and v1beta2 (same spec). Converting to v1 moves the deprecated
 * {@code status.url} to {@code status.webhookPath}. Stateless and thread-safe.
 */
public final class ReceiverModel implements KindModel<Receiver> {

    private static final KindSchema SCHEMA = NotificationSchemas.receiver();
    private static final FieldPath SPEC = FieldPath.root().child("spec");

    @Override
    public GroupKind groupKind() {
        return SCHEMA.groupKind();
    }

    @Override
    public KubeObject toLatest(KubeObject object) {
        return Conversions.toLatest(object, SCHEMA, tree -> {
            ObjectNode status = Conversions.objectAt(tree, "status");
            if (status != null && status.has("url")) {
                JsonNode url = status.remove("url");
                if (!status.has("webhookPath")) {
                    status.set("webhookPath", url);
                }
            }
        });
    }

    @Override
    public Parsed<Receiver> parse(KubeObject latest) {
        var warnings = ModelChecks.check(latest, SCHEMA, ReceiverModel::rules);
        return new Parsed<>(new Receiver(latest, Receiver.Spec.from(latest.spec()),
                NotificationStatus.from(latest.status())), warnings);
    }

    /** The CRD's rules: generic-oidc takes OIDC providers and no secret; every other type needs the secret. */
    private static List<Diagnostic> rules(KubeObject o) {
        JsonNode spec = o.spec();
        List<Diagnostic> out = new ArrayList<>();
        boolean oidc = "generic-oidc".equals(spec.path("type").asText());
        boolean hasProviders = spec.path("oidcProviders").size() > 0;
        boolean hasSecret = spec.has("secretRef");
        if (oidc && !hasProviders) {
            out.add(Diagnostic.error(SPEC.child("oidcProviders"), "required field is missing; type generic-oidc needs at least one provider"));
        }
        if (oidc && hasSecret) {
            out.add(Diagnostic.error(SPEC.child("secretRef"), "must not be set for type generic-oidc (tokens are checked with OIDC)"));
        }
        if (!oidc && hasProviders) {
            out.add(Diagnostic.error(SPEC.child("oidcProviders"), "can only be set for type generic-oidc"));
        }
        if (!oidc && !hasSecret) {
            out.add(Diagnostic.error(SPEC.child("secretRef"), "required field is missing; type '" + spec.path("type").asText()
                    + "' needs a Secret with a token"));
        }
        out.addAll(EventSources.check(spec.path("resources"), SPEC.child("resources")));
        return out;
    }
}
