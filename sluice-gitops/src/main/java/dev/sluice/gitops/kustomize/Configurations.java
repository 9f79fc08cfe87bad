package dev.sluice.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.schema.KindPattern;
import dev.sluice.api.schema.NameReference;
import java.nio.file.Path;
import java.util.List;

/**
 * kustomize {@code configurations}: files that extend the built-in field specs, chiefly {@code
 * nameReference} for custom kinds (a Secret named in a HelmRelease's valuesFrom), and {@code crds}.
 * Like kustomize, they apply to the whole build once loaded.
 */
final class Configurations {

    private Configurations() {}

    static void load(BuildContext ctx, Kustomization k) {
        OpenApiConfig.load(ctx, k);
        for (String entry : k.strings("configurations")) {
            Path p = ctx.loader.resolve(k.dir(), entry, "configurations", k.file);
            for (JsonNode doc : ManifestReader.readAll(ctx.loader.read(p), p.toString())) {
                apply(ctx, doc, p);
            }
        }
        for (String entry : k.strings("crds")) {
            Path p = ctx.loader.resolve(k.dir(), entry, "crds", k.file);
            for (JsonNode doc : ManifestReader.readAll(ctx.loader.read(p), p.toString())) {
                CrdConfig.apply(ctx, doc, p);
            }
        }
    }

    private static void apply(BuildContext ctx, JsonNode doc, Path file) {
        for (var it = doc.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            switch (f) {
                case "nameReference" -> {
                    for (JsonNode ref : doc.get(f)) {
                        KindPattern referral = pattern(ref);
                        for (JsonNode fs : ref.path("fieldSpecs")) {
                            FieldSpec spec = FieldSpec.of(fs);
                            KindPattern referrer = new KindPattern(spec.group().isEmpty() ? "*" : spec.group(),
                                    spec.kind().isEmpty() ? "*" : spec.kind());
                            ctx.extraNameRefs.add(new NameReference(referral, referrer, spec.path()));
                        }
                    }
                }
                case "commonLabels" -> doc.get(f).forEach(fs -> ctx.extraCommonLabels.add(FieldSpec.of(fs)));
                case "commonAnnotations" -> doc.get(f).forEach(fs -> ctx.extraCommonAnnotations.add(FieldSpec.of(fs)));
                case "images" -> doc.get(f).forEach(fs -> ctx.extraImages.add(FieldSpec.of(fs)));
                case "varReference" -> doc.get(f).forEach(fs -> ctx.extraVarReferences.add(FieldSpec.of(fs)));
                case "namespace", "namePrefix", "nameSuffix", "replicas", "templateLabels" -> {
                    // Accepted and ignored: Sluice applies the built-in specs for these.
                }
                default -> throw new KustomizeException("configurations file " + file + ": unknown field '" + f + "'");
            }
        }
    }

    private static KindPattern pattern(JsonNode ref) {
        String kind = Json.text(ref, "kind");
        String group = ref.has("group") ? Json.text(ref, "group") : "*";
        return new KindPattern(group, kind.isEmpty() ? "*" : kind);
    }

    static List<NameReference> all(BuildContext ctx) {
        List<NameReference> out = new java.util.ArrayList<>(ctx.schema.nameReferences());
        out.addAll(ctx.extraNameRefs);
        return out;
    }
}
