package dev.sluice.api.source;

import dev.sluice.api.Diagnostic;
import dev.sluice.api.FieldPath;
import dev.sluice.api.GroupKind;
import dev.sluice.api.KindModel;
import dev.sluice.api.KubeObject;
import dev.sluice.api.convert.Conversions;
import dev.sluice.api.validation.KindSchema;
import dev.sluice.api.validation.ModelChecks;
import dev.sluice.api.validation.Values;
import dev.sluice.api.validation.schemas.HelmRepositorySchema;
import java.util.ArrayList;
import java.util.List;

/**
 * The Flux HelmRepository: reads v1, v1beta2 and v1beta1. The spec is the same in all three
 * (v1beta1 lacks fields added later), so conversion only changes apiVersion. Stateless and
 * thread-safe.
 */
public final class HelmRepositoryModel implements KindModel<HelmRepository> {

    private static final KindSchema SCHEMA = HelmRepositorySchema.get();
    private static final FieldPath URL = FieldPath.of("spec.url");

    @Override
    public GroupKind groupKind() {
        return SCHEMA.groupKind();
    }

    @Override
    public KubeObject toLatest(KubeObject object) {
        return Conversions.toLatest(object, SCHEMA, tree -> { });
    }

    @Override
    public Parsed<HelmRepository> parse(KubeObject latest) {
        var warnings = ModelChecks.check(latest, SCHEMA, HelmRepositoryModel::rules);
        return new Parsed<>(new HelmRepository(latest, HelmRepository.Spec.from(latest.spec()),
                SourceStatus.from(latest.status())), warnings);
    }

    private static List<Diagnostic> rules(KubeObject o) {
        List<Diagnostic> out = new ArrayList<>();
        String url = o.spec().path("url").asText();
        boolean oci = "oci".equals(o.spec().path("type").asText());
        if (oci && !url.startsWith("oci://")) {
            out.add(Diagnostic.error(URL, Values.quote(url) + " is not an OCI URL; expected oci://host/path because type is oci"));
        } else if (!oci && url.startsWith("oci://")) {
            out.add(Diagnostic.error(URL, Values.quote(url) + " is an OCI URL; set type: oci (or use an OCIRepository)"));
        }
        return out;
    }
}
